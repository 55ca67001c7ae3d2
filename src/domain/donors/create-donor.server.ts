import { and, eq, gt, isNull } from 'drizzle-orm';
import { donors, invitations } from '../../../db/schema/index.ts';
import type { Db, Queryable } from '../../lib/server/db/index.ts';
import { findUserByEmail } from '../accounts/accounts.repo.server.ts';
import { inviteUser } from '../accounts/invitations.server.ts';
import { recordAudit } from '../audit/record-audit.server.ts';
import type { RequestContext } from '../context.ts';
import { conflict } from '../errors.ts';
import { authorize } from '../policy.ts';
import { activeDonorWithEmail, linkUsers, type DonorRow } from './donor-facts.server.ts';
import type { CreateDonorInput } from './donor.schema.ts';
import { grantDonorAccess } from './grant-donor-access.server.ts';

/**
 * How the new donor's account was arranged: `linked` (an account with the contact address, confirmed,
 * existed: linked, given the donor role and welcomed), `invited` (an invitation with the donor
 * role was sent; the account is linked when the invitation is accepted, see
 * link-donor-account.server.ts), `awaiting` (such an invitation was already pending).
 */
export type AccountOutcome = 'linked' | 'invited' | 'awaiting';

/**
 * Staff record a donor they already know (an agreement in preparation, a foundation met in
 * person): approved at once, with the consent to the donor wall they collected, and an account
 * for its contact address linked or invited, all in one transaction (the invitation too).
 */
export async function createDonorRecord(db: Db, ctx: RequestContext, input: CreateDonorInput): Promise<{ donor: DonorRow; outcome: AccountOutcome }> {
  authorize(ctx.actor, 'donor.manage');
  const now = ctx.now();
  return db.transaction(async (tx) => {
    if (await activeDonorWithEmail(tx, input.email)) throw conflict('donor_exists', { field: 'email' });
    const [donor] = await tx
      .insert(donors)
      .values({
        kind: input.kind,
        name: input.name,
        email: input.email,
        taxCode: input.taxCode,
        status: 'approved',
        publicConsent: input.publicConsent,
        publicConsentAt: input.publicConsent ? now : null,
        createdAt: now,
        createdBy: ctx.actor!.userId,
        decidedAt: now,
        decidedBy: ctx.actor!.userId,
      })
      .returning();
    const outcome = await arrangeAccount(tx, ctx, donor!, input);
    await recordAudit(tx, ctx, {
      action: 'donor.created',
      entityType: 'donor',
      entityId: donor!.id,
      summary: { kind: input.kind, publicConsent: input.publicConsent, account: outcome },
    });
    return { donor: donor!, outcome };
  });
}

async function arrangeAccount(tx: Db, ctx: RequestContext, donor: DonorRow, input: CreateDonorInput): Promise<AccountOutcome> {
  const existing = await findUserByEmail(tx, input.email);
  // Only a confirmed address proves the account is the donor's: anyone may register with an
  // address they do not own, so an unconfirmed account gets the invitation path like a new one.
  if (existing?.emailVerifiedAt) {
    await linkUsers(tx, donor.id, [existing.id]);
    await grantDonorAccess(tx, ctx, donor, [existing.id]);
    await recordAudit(tx, ctx, { action: 'donor.account-linked', entityType: 'donor', entityId: donor.id, summary: { userId: existing.id, via: 'staff' } });
    return 'linked';
  }
  const pending = await pendingInvitation(tx, input.email, ctx.now());
  if (pending) {
    // An invitation without the donor role would make an account that cannot enter the area.
    if (!pending.roles.includes('donor')) throw conflict('invitation_pending_other_roles', { field: 'email' });
    return 'awaiting';
  }
  // inviteUser opens a savepoint inside this transaction: the invitation stands or falls with the donor.
  await inviteUser(tx, ctx, { email: input.email, name: input.name.slice(0, 120), locale: input.locale, roles: ['donor'] });
  return 'invited';
}

async function pendingInvitation(db: Queryable, email: string, now: Date) {
  const [row] = await db
    .select({ id: invitations.id, roles: invitations.roles })
    .from(invitations)
    .where(and(eq(invitations.email, email), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, now)))
    .limit(1);
  return row ?? null;
}
