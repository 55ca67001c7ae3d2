import { eq } from 'drizzle-orm';
import { users } from '../../../db/schema/index.ts';
import type { Db } from '../../lib/server/db/index.ts';
import type { RequestContext } from '../context.ts';
import { recordAudit } from '../audit/record-audit.server.ts';
import { conflict, invalid } from '../errors.ts';
import { checkUserToken, findUserById, issueUserToken, useUserToken } from './accounts.repo.server.ts';
import { enqueueEmail } from '../mail/enqueue-email.server.ts';
import { accountLinks, EMAIL_VERIFICATION_TTL_MS } from './links.ts';
import { requireMailAllowance } from './mail-allowance.server.ts';

/** Confirms the address behind a verification link. Returns the user's id. */
export async function verifyEmail(db: Db, ctx: RequestContext, token: string): Promise<string> {
  const now = ctx.now();
  return db.transaction(async (tx) => {
    const check = await checkUserToken(tx, token, 'email_verification', now);
    if (!check.ok) throw invalid(check.reason);
    if (!(await useUserToken(tx, check.tokenId, now))) throw invalid('token_invalid');
    await tx.update(users).set({ emailVerifiedAt: now, updatedAt: now }).where(eq(users.id, check.userId));
    await recordAudit(tx, ctx, { action: 'user.email_verified', entityType: 'user', entityId: check.userId, actorId: check.userId });
    return check.userId;
  });
}

/** Sends a fresh verification link to the signed-in user. */
export async function resendVerification(db: Db, ctx: RequestContext): Promise<void> {
  const userId = ctx.actor?.userId;
  if (!userId) throw invalid('not_signed_in');
  await requireMailAllowance(db, ctx);
  const now = ctx.now();
  await db.transaction(async (tx) => {
    const user = await findUserById(tx, userId);
    if (!user) throw invalid('not_signed_in');
    if (user.emailVerifiedAt) throw conflict('already_verified');
    const token = await issueUserToken(tx, user.id, 'email_verification', now, EMAIL_VERIFICATION_TTL_MS);
    await enqueueEmail(tx, {
      to: user.email,
      userId: user.id,
      locale: user.locale,
      template: 'verifyEmail',
      params: { name: user.name, link: accountLinks.verifyEmail(ctx.origin, user.locale, token), hours: EMAIL_VERIFICATION_TTL_MS / 3_600_000 },
    });
    await recordAudit(tx, ctx, { action: 'user.verification_resent', entityType: 'user', entityId: user.id });
  });
}
