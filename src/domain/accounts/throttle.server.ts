import { eq, sql } from 'drizzle-orm';
import { throttles } from '../../../db/schema/index.ts';
import type { Queryable } from '../../lib/server/db/index.ts';

/**
 * Failure counting with lock-out, in the database so that it holds across app instances.
 * Within `windowMs`, the `limit`-th failure locks the key for `lockMs`; each further failure
 * while counting doubles the lock (capped at `maxLockMs`). A success clears the key.
 */
export type ThrottlePolicy = { limit: number; windowMs: number; lockMs: number; maxLockMs: number };

/** Per account: 5 wrong passwords in 15 minutes lock the account's sign-in for 15 minutes. */
export const ACCOUNT_LOGIN: ThrottlePolicy = { limit: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000, maxLockMs: 24 * 60 * 60_000 };
/** Per IP address: generous, since a whole office or school may share one address. */
export const IP_LOGIN: ThrottlePolicy = { limit: 30, windowMs: 15 * 60_000, lockMs: 15 * 60_000, maxLockMs: 6 * 60 * 60_000 };
/** Requests that send email (registration, reset, resend): per IP. */
export const IP_MAIL: ThrottlePolicy = { limit: 10, windowMs: 60 * 60_000, lockMs: 60 * 60_000, maxLockMs: 6 * 60 * 60_000 };

/** The time until which the key is locked, or null when it may proceed. */
export async function lockedUntil(db: Queryable, key: string, now: Date): Promise<Date | null> {
  const [row] = await db.select({ lockedUntil: throttles.lockedUntil }).from(throttles).where(eq(throttles.key, key)).limit(1);
  return row?.lockedUntil && row.lockedUntil > now ? row.lockedUntil : null;
}

/** Counts one failure atomically (one upsert, safe under concurrency); returns the new lock, if any. */
export async function recordFailure(db: Queryable, key: string, policy: ThrottlePolicy, now: Date): Promise<Date | null> {
  // Timestamps go in as ISO text with explicit casts: postgres.js does not serialise a Date
  // inside raw sql`` fragments (PGlite does, which hid the difference).
  const windowStart = new Date(now.getTime() - policy.windowMs).toISOString();
  const at = now.toISOString();
  // The count restarts only when the window has passed AND no lock ended inside it: a failure
  // right after a lock ends locks again, for twice as long, instead of granting 5 fresh tries.
  const expired = sql`(${throttles.windowStartedAt} < ${windowStart}::timestamptz and coalesce(${throttles.lockedUntil} < ${windowStart}::timestamptz, true))`;
  const [row] = await db
    .insert(throttles)
    .values({ key, failures: 1, windowStartedAt: now, lockedUntil: policy.limit <= 1 ? new Date(now.getTime() + policy.lockMs) : null })
    .onConflictDoUpdate({
      target: throttles.key,
      set: {
        failures: sql`case when ${expired} then 1 else ${throttles.failures} + 1 end`,
        windowStartedAt: sql`case when ${expired} then ${at}::timestamptz else ${throttles.windowStartedAt} end`,
        lockedUntil: sql`case
          when not ${expired} and ${throttles.failures} + 1 >= ${policy.limit}
          then ${at}::timestamptz + least(
            ${policy.maxLockMs}::bigint,
            ${policy.lockMs}::bigint * power(2, least(20, ${throttles.failures} + 1 - ${policy.limit}))::bigint
          ) * interval '1 millisecond'
          else ${throttles.lockedUntil} end`,
      },
    })
    .returning({ lockedUntil: throttles.lockedUntil });
  return row?.lockedUntil && row.lockedUntil > now ? row.lockedUntil : null;
}

/** Counts one request against a rate (no "success" to clear it): true when it may proceed. */
export async function consume(db: Queryable, key: string, policy: ThrottlePolicy, now: Date): Promise<{ ok: true } | { ok: false; until: Date }> {
  const locked = await lockedUntil(db, key, now);
  if (locked) return { ok: false, until: locked };
  await recordFailure(db, key, policy, now);
  return { ok: true };
}

export async function clearThrottle(db: Queryable, key: string): Promise<void> {
  await db.delete(throttles).where(eq(throttles.key, key));
}

export const throttleKeys = {
  account: (email: string) => `login:account:${email}`,
  ip: (ip: string) => `login:ip:${ip}`,
  mail: (ip: string) => `mail:ip:${ip}`,
};
