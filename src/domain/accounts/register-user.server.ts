import { users } from '../../../db/schema/index.ts';
import type { Db } from '../../lib/server/db/index.ts';
import type { RequestContext } from '../context.ts';
import { recordAudit } from '../audit/record-audit.server.ts';
import { enqueueEmail } from '../mail/enqueue-email.server.ts';
import { findUserByEmail, grantRoles, issueUserToken } from './accounts.repo.server.ts';
import { accountLinks, EMAIL_VERIFICATION_TTL_MS } from './links.ts';
import { hashPassword } from './password.server.ts';
import type { RegisterInput } from './schema.ts';
import { requireMailAllowance } from './mail-allowance.server.ts';

/**
 * Creates a resident account and sends the verification link. When the address is already
 * registered, the owner gets a warning email instead and the caller sees the same outcome, so the
 * form never reveals who has an account (GDPR; account enumeration).
 */
export async function registerUser(db: Db, ctx: RequestContext, input: RegisterInput): Promise<void> {
  await requireMailAllowance(db, ctx);
  const passwordHash = await hashPassword(input.password);
  const now = ctx.now();
  await db.transaction(async (tx) => {
    const existing = await findUserByEmail(tx, input.email);
    if (existing) {
      await enqueueEmail(tx, {
        to: existing.email,
        userId: existing.id,
        locale: existing.locale,
        template: 'accountExists',
        params: { name: existing.name, link: accountLinks.forgotPassword(ctx.origin, existing.locale) },
      });
      await recordAudit(tx, ctx, { action: 'user.registration_refused', entityType: 'user', entityId: existing.id, summary: { reason: 'email_taken' } });
      return;
    }
    const [user] = await tx
      .insert(users)
      .values({ email: input.email, name: input.name, passwordHash, locale: input.locale, createdAt: now, updatedAt: now })
      .returning({ id: users.id });
    const userId = user!.id;
    await grantRoles(tx, userId, ['resident'], null);
    const token = await issueUserToken(tx, userId, 'email_verification', now, EMAIL_VERIFICATION_TTL_MS);
    await enqueueEmail(tx, {
      to: input.email,
      userId,
      locale: input.locale,
      template: 'verifyEmail',
      params: { name: input.name, link: accountLinks.verifyEmail(ctx.origin, input.locale, token), hours: EMAIL_VERIFICATION_TTL_MS / 3_600_000 },
    });
    await recordAudit(tx, ctx, { action: 'user.registered', entityType: 'user', entityId: userId, actorId: userId, summary: { locale: input.locale, roles: ['resident'] } });
  });
}
