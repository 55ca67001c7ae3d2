import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import { invitations, users } from '../../../db/schema/index.ts';
import type { Db } from '../../lib/server/db/index.ts';
import { formatDate } from '../../lib/format.ts';
import { translator } from '../../lib/i18n/index.ts';
import type { Locale } from '../../lib/i18n/locales.ts';
import type { RequestContext } from '../context.ts';
import { recordAudit } from '../audit/record-audit.server.ts';
import { conflict, invalid, notFound } from '../errors.ts';
import { enqueueEmail } from '../mail/enqueue-email.server.ts';
import { authorize, type Role } from '../policy.ts';
import { findUserByEmail, findUserById, grantRoles } from './accounts.repo.server.ts';
import { linkInvitedDonors } from '../donors/link-donor-account.server.ts';
import { accountLinks, INVITATION_TTL_MS } from './links.ts';
import { hashPassword } from './password.server.ts';
import type { InviteInput } from './schema.ts';
import { createSession } from './session.server.ts';
import { issueToken, parseToken, secretMatches } from './tokens.ts';

/** Staff invite evaluators, coaches, donors and staff; only an administrator may invite an admin. */
export async function inviteUser(db: Db, ctx: RequestContext, input: InviteInput): Promise<string> {
  authorize(ctx.actor, 'user.invite');
  if (input.roles.includes('admin')) authorize(ctx.actor, 'user.roles.manage');
  const now = ctx.now();
  return db.transaction(async (tx) => {
    const pending = await tx
      .select({ id: invitations.id })
      .from(invitations)
      .where(and(eq(invitations.email, input.email), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, now)))
      .limit(1);
    if (pending.length) throw conflict('invitation_pending', { field: 'email' });
    const inviter = await findUserById(tx, ctx.actor!.userId);
    const { id, secretHash, token } = issueToken();
    const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS);
    await tx.insert(invitations).values({
      id,
      email: input.email,
      name: input.name,
      roles: input.roles,
      locale: input.locale,
      secretHash,
      invitedBy: ctx.actor!.userId,
      createdAt: now,
      expiresAt,
    });
    const t = translator(input.locale);
    await enqueueEmail(tx, {
      to: input.email,
      userId: null,
      locale: input.locale,
      template: 'invitation',
      params: {
        name: input.name,
        link: accountLinks.invitation(ctx.origin, input.locale, token),
        inviter: inviter?.name ?? t('common.owner'),
        roles: input.roles.map((r) => t(`auth.roles.${r}`)).join(', '),
        expires: formatDate(expiresAt, input.locale),
      },
    });
    await recordAudit(tx, ctx, { action: 'invitation.created', entityType: 'invitation', entityId: id, summary: { email: input.email, roles: input.roles } });
    return id;
  });
}

export type OpenInvitation = { id: string; email: string; name: string; roles: Role[]; locale: Locale; existingUserId: string | null };

/** Finds the invitation behind a link, if it can still be accepted. */
export async function findOpenInvitation(db: Db, ctx: RequestContext, token: string): Promise<OpenInvitation | null> {
  const parsed = parseToken(token);
  if (!parsed) return null;
  const [row] = await db.select().from(invitations).where(eq(invitations.id, parsed.id)).limit(1);
  if (!row || !secretMatches(parsed.secret, row.secretHash)) return null;
  if (row.acceptedAt || row.revokedAt || row.expiresAt <= ctx.now()) return null;
  const existing = await findUserByEmail(db, row.email);
  return { id: row.id, email: row.email, name: row.name, roles: row.roles, locale: row.locale, existingUserId: existing?.id ?? null };
}

export type AcceptResult = { userId: string; session: { token: string; id: string } | null };

/**
 * Accepts an invitation. A new person chooses a password and is signed in; someone who already has
 * an account must be signed in as that account, and simply gains the roles.
 */
export async function acceptInvitation(
  db: Db,
  ctx: RequestContext,
  input: { token: string; name?: string; password?: string },
  userAgent: string | null,
): Promise<AcceptResult> {
  const invitation = await findOpenInvitation(db, ctx, input.token);
  if (!invitation) throw invalid('invitation_invalid');
  const now = ctx.now();
  if (invitation.existingUserId) {
    if (ctx.actor?.userId !== invitation.existingUserId) throw invalid('not_signed_in');
  } else if (!input.password || !input.name) {
    throw invalid('invitation_invalid');
  }
  const passwordHash = input.password && !invitation.existingUserId ? await hashPassword(input.password) : null;
  return db.transaction(async (tx) => {
    const claimed = await tx
      .update(invitations)
      .set({ acceptedAt: now })
      .where(and(eq(invitations.id, invitation.id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
      .returning({ id: invitations.id });
    if (claimed.length !== 1) throw invalid('invitation_invalid');
    let userId = invitation.existingUserId;
    if (!userId) {
      const [user] = await tx
        .insert(users)
        .values({ email: invitation.email, name: input.name!, passwordHash: passwordHash!, locale: invitation.locale, emailVerifiedAt: now, createdAt: now, updatedAt: now })
        .returning({ id: users.id });
      userId = user!.id;
      await recordAudit(tx, ctx, { action: 'user.registered', entityType: 'user', entityId: userId, actorId: userId, summary: { via: 'invitation' } });
    }
    const [invitedBy] = await tx.select({ by: invitations.invitedBy }).from(invitations).where(eq(invitations.id, invitation.id));
    await grantRoles(tx, userId, invitation.roles, invitedBy?.by ?? null);
    // A donor recorded by staff for this address acts through the account from now on.
    if (invitation.roles.includes('donor')) await linkInvitedDonors(tx, { ...ctx, actor: { userId, roles: invitation.roles, emailVerified: true } }, { id: userId, email: invitation.email });
    await tx.update(invitations).set({ acceptedBy: userId }).where(eq(invitations.id, invitation.id));
    await recordAudit(tx, ctx, { action: 'invitation.accepted', entityType: 'invitation', entityId: invitation.id, actorId: userId, summary: { roles: invitation.roles } });
    if (invitation.existingUserId) return { userId, session: null };
    const { token, session } = await createSession(tx, userId, now, userAgent);
    await recordAudit(tx, ctx, { action: 'session.created', entityType: 'session', entityId: session.id, actorId: userId });
    return { userId, session: { token, id: session.id } };
  });
}

export async function revokeInvitation(db: Db, ctx: RequestContext, invitationId: string): Promise<void> {
  authorize(ctx.actor, 'invitation.revoke');
  const now = ctx.now();
  await db.transaction(async (tx) => {
    const revoked = await tx
      .update(invitations)
      .set({ revokedAt: now })
      .where(and(eq(invitations.id, invitationId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
      .returning({ id: invitations.id, email: invitations.email });
    if (revoked.length !== 1) throw notFound('not_found');
    await recordAudit(tx, ctx, { action: 'invitation.revoked', entityType: 'invitation', entityId: invitationId, summary: { email: revoked[0]!.email } });
  });
}

export async function listInvitations(db: Db, ctx: RequestContext) {
  authorize(ctx.actor, 'user.list');
  return db
    .select({
      id: invitations.id,
      email: invitations.email,
      name: invitations.name,
      roles: invitations.roles,
      createdAt: invitations.createdAt,
      expiresAt: invitations.expiresAt,
      acceptedAt: invitations.acceptedAt,
      revokedAt: invitations.revokedAt,
    })
    .from(invitations)
    .orderBy(desc(invitations.createdAt))
    .limit(100);
}
