import { eq } from 'drizzle-orm';
import { users } from '../../../db/schema/index.ts';
import type { Db, Queryable } from '../../lib/server/db/index.ts';
import { formatDateTime } from '../../lib/format.ts';
import type { RequestContext } from '../context.ts';
import { recordAudit } from '../audit/record-audit.server.ts';
import { invalid, throttled } from '../errors.ts';
import { enqueueEmail } from '../mail/enqueue-email.server.ts';
import { checkUserToken, findUserByEmail, findUserById, issueUserToken, useUserToken, type UserRow } from './accounts.repo.server.ts';
import { accountLinks, PASSWORD_RESET_TTL_MS } from './links.ts';
import { requireMailAllowance } from './mail-allowance.server.ts';
import { hashPassword, verifyPassword } from './password.server.ts';
import { invalidateUserSessions } from './session.server.ts';
import { ACCOUNT_LOGIN, clearThrottle, lockedUntil, recordFailure, throttleKeys } from './throttle.server.ts';

/**
 * Sends a reset link when the address belongs to an active account. The caller always shows the
 * same confirmation, whether or not an account exists.
 */
export async function requestPasswordReset(db: Db, ctx: RequestContext, email: string): Promise<void> {
  await requireMailAllowance(db, ctx);
  const now = ctx.now();
  await db.transaction(async (tx) => {
    const user = await findUserByEmail(tx, email);
    if (!user || user.disabledAt) return;
    const token = await issueUserToken(tx, user.id, 'password_reset', now, PASSWORD_RESET_TTL_MS);
    await enqueueEmail(tx, {
      to: user.email,
      userId: user.id,
      locale: user.locale,
      template: 'passwordReset',
      params: { name: user.name, link: accountLinks.resetPassword(ctx.origin, user.locale, token), minutes: PASSWORD_RESET_TTL_MS / 60_000 },
    });
    await recordAudit(tx, ctx, { action: 'user.password_reset_requested', entityType: 'user', entityId: user.id });
  });
}

/** Whether a reset link may still be used (to show the form or say it is stale). */
export async function checkResetToken(db: Db, ctx: RequestContext, token: string) {
  return checkUserToken(db, token, 'password_reset', ctx.now());
}

/** Sets a new password from a reset link and signs the user out everywhere. */
export async function resetPassword(db: Db, ctx: RequestContext, token: string, password: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  const now = ctx.now();
  await db.transaction(async (tx) => {
    const check = await checkUserToken(tx, token, 'password_reset', now);
    if (!check.ok) throw invalid(check.reason);
    if (!(await useUserToken(tx, check.tokenId, now))) throw invalid('token_invalid');
    const user = await findUserById(tx, check.userId);
    if (!user) throw invalid('token_invalid');
    // The link reached the mailbox, which proves the address as well.
    await tx.update(users).set({ passwordHash, updatedAt: now, emailVerifiedAt: user.emailVerifiedAt ?? now }).where(eq(users.id, user.id));
    const ended = await invalidateUserSessions(tx, user.id);
    await clearThrottle(tx, throttleKeys.account(user.email));
    await notifyPasswordChanged(tx, ctx, user, now);
    await recordAudit(tx, ctx, { action: 'user.password_reset', entityType: 'user', entityId: user.id, actorId: user.id, summary: { sessionsEnded: ended } });
  });
}

/**
 * Changes the signed-in user's password after checking the current one, and ends the user's
 * other sessions (the one in use stays). A wrong current password counts as a failed sign-in.
 */
export async function changePassword(
  db: Db,
  ctx: RequestContext,
  input: { sessionId: string; currentPassword: string; password: string },
): Promise<{ sessionsEnded: number }> {
  const userId = ctx.actor?.userId;
  if (!userId) throw invalid('not_signed_in');
  const now = ctx.now();
  const user = await findUserById(db, userId);
  if (!user) throw invalid('not_signed_in');
  const accountKey = throttleKeys.account(user.email);
  const until = await lockedUntil(db, accountKey, now);
  if (until) throw throttled('login_throttled', { until });
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    await recordFailure(db, accountKey, ACCOUNT_LOGIN, now);
    throw invalid('wrong_password', { field: 'currentPassword' });
  }
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, updatedAt: now }).where(eq(users.id, user.id));
    const sessionsEnded = await invalidateUserSessions(tx, user.id, input.sessionId);
    await notifyPasswordChanged(tx, ctx, user, now);
    await recordAudit(tx, ctx, { action: 'user.password_changed', entityType: 'user', entityId: user.id, summary: { sessionsEnded } });
    return { sessionsEnded };
  });
}

async function notifyPasswordChanged(tx: Queryable, ctx: RequestContext, user: UserRow, now: Date) {
  await enqueueEmail(tx, {
    to: user.email,
    userId: user.id,
    locale: user.locale,
    template: 'passwordChanged',
    params: { name: user.name, link: accountLinks.forgotPassword(ctx.origin, user.locale), when: formatDateTime(now, user.locale) },
  });
}
