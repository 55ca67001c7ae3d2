import type { Db } from '../../lib/server/db/index.ts';
import type { RequestContext } from '../context.ts';
import { recordAudit } from '../audit/record-audit.server.ts';
import { forbidden, invalid, throttled } from '../errors.ts';
import { findUserByEmail } from './accounts.repo.server.ts';
import { decoyHash, verifyPassword } from './password.server.ts';
import type { SignInInput } from './schema.ts';
import { createSession, invalidateSession } from './session.server.ts';
import { ACCOUNT_LOGIN, clearThrottle, IP_LOGIN, lockedUntil, recordFailure, throttleKeys } from './throttle.server.ts';

export type SignInResult = { token: string; userId: string; sessionId: string };

/**
 * Checks the password and opens a session. Failures count per account and per IP address in the
 * database; while either is locked, even the right password is refused with the time to wait.
 * An unknown email costs the same time as a known one (decoy hash), so timing reveals nothing.
 */
export async function signIn(db: Db, ctx: RequestContext, input: SignInInput, userAgent: string | null): Promise<SignInResult> {
  const now = ctx.now();
  const accountKey = throttleKeys.account(input.email);
  const ipKey = ctx.ip ? throttleKeys.ip(ctx.ip) : null;
  const locks = await Promise.all([lockedUntil(db, accountKey, now), ipKey ? lockedUntil(db, ipKey, now) : null]);
  const until = latest(locks);
  if (until) throw throttled('login_throttled', { until });

  const user = await findUserByEmail(db, input.email);
  const passwordOk = await verifyPassword(user?.passwordHash ?? (await decoyHash()), input.password);
  if (!user || !passwordOk) {
    await db.transaction(async (tx) => {
      const newLocks = await Promise.all([
        recordFailure(tx, accountKey, ACCOUNT_LOGIN, now),
        ipKey ? recordFailure(tx, ipKey, IP_LOGIN, now) : null,
      ]);
      await recordAudit(tx, ctx, {
        action: 'session.sign_in_failed',
        entityType: 'user',
        entityId: user?.id ?? null,
        actorId: null,
        summary: { locked: latest(newLocks) !== null },
      });
    });
    throw invalid('invalid_credentials');
  }
  if (user.disabledAt) throw forbidden('account_disabled');

  return db.transaction(async (tx) => {
    await clearThrottle(tx, accountKey);
    const { token, session } = await createSession(tx, user.id, now, userAgent);
    await recordAudit(tx, ctx, { action: 'session.created', entityType: 'session', entityId: session.id, actorId: user.id });
    return { token, userId: user.id, sessionId: session.id };
  });
}

export async function signOut(db: Db, ctx: RequestContext, sessionId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await invalidateSession(tx, sessionId);
    await recordAudit(tx, ctx, { action: 'session.ended', entityType: 'session', entityId: sessionId });
  });
}

function latest(dates: (Date | null)[]): Date | null {
  return dates.reduce<Date | null>((max, d) => (d && (!max || d > max) ? d : max), null);
}
