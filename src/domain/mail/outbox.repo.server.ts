import { and, asc, count, desc, eq, ilike, inArray, lt, lte, min, ne, or, sql, type SQL } from 'drizzle-orm';
import { outboxMessages } from '../../../db/schema/index.ts';
import type { Db, Queryable } from '../../lib/server/db/index.ts';

export type OutboxStatus = (typeof outboxMessages.$inferSelect)['status'];
export type OutboxMessage = typeof outboxMessages.$inferSelect;
export type ClaimedMessage = Pick<OutboxMessage, 'id' | 'toAddress' | 'subject' | 'textBody' | 'htmlBody' | 'attempts'> & {
  lockedUntil: Date;
};

/** After this many failed attempts a message is `failed` for good (about an hour of retries). */
export const MAX_ATTEMPTS = 8;
const BASE_DELAY_MS = 30_000;
const MAX_DELAY_MS = 60 * 60_000;

/**
 * Claims due messages for this worker in one statement, so the claim never holds a transaction
 * open (PGlite has a single connection). FOR UPDATE SKIP LOCKED lets several instances claim
 * side by side without waiting on or taking each other's rows. A `sending` row whose lease has
 * expired belongs to an instance that died mid-batch: it is claimed again rather than lost.
 * Each claim counts as an attempt, so a message that crashes its sender cannot loop forever, and
 * the new `attempts` value is the fencing token for markFailed/releaseMessage.
 */
export async function claimDueMessages(
  db: Queryable,
  opts: { now: Date; batchSize: number; leaseMs: number },
): Promise<ClaimedMessage[]> {
  const o = outboxMessages;
  const due = db
    .select({ id: o.id })
    .from(o)
    .where(or(and(eq(o.status, 'pending'), lte(o.nextAttemptAt, opts.now)), and(eq(o.status, 'sending'), lt(o.lockedUntil, opts.now))))
    .orderBy(asc(o.id))
    .limit(opts.batchSize)
    .for('update', { skipLocked: true });
  const rows = await db
    .update(o)
    .set({ status: 'sending', lockedUntil: new Date(opts.now.getTime() + opts.leaseMs), attempts: sql`${o.attempts} + 1` })
    .where(inArray(o.id, due))
    .returning({
      id: o.id,
      toAddress: o.toAddress,
      subject: o.subject,
      textBody: o.textBody,
      htmlBody: o.htmlBody,
      attempts: o.attempts,
      lockedUntil: o.lockedUntil,
    });
  return rows.map((r) => ({ ...r, lockedUntil: r.lockedUntil! })).sort((a, b) => a.id - b.id);
}

/**
 * Records a delivery. Not fenced on purpose: once the SMTP server accepted the message it is sent,
 * even if this worker's lease had expired, and marking it stops another worker sending it again.
 */
export async function markSent(db: Queryable, id: number, now: Date): Promise<void> {
  await db
    .update(outboxMessages)
    .set({ status: 'sent', sentAt: now, lockedUntil: null, lastError: null })
    .where(and(eq(outboxMessages.id, id), ne(outboxMessages.status, 'sent')));
}

/**
 * Schedules a retry with exponential backoff, or gives up after MAX_ATTEMPTS. Fenced on
 * `attempts`: a worker whose lease expired and was re-claimed must not overwrite the newer claim.
 * Returns the new status, or null when the claim was no longer ours.
 */
export async function markFailed(
  db: Queryable,
  id: number,
  error: string,
  now: Date,
  attempts: number,
): Promise<'pending' | 'failed' | null> {
  const status = attempts >= MAX_ATTEMPTS ? 'failed' : 'pending';
  const nextAttemptAt = status === 'failed' ? now : new Date(now.getTime() + retryDelayMs(attempts));
  const rows = await db
    .update(outboxMessages)
    .set({ status, nextAttemptAt, lockedUntil: null, lastError: error.slice(0, 1000) })
    .where(ownClaim(id, attempts))
    .returning({ id: outboxMessages.id });
  return rows.length > 0 ? status : null;
}

/** Gives a claimed message back untouched (not counted as an attempt), e.g. when its lease is too short to send it. */
export async function releaseMessage(db: Queryable, id: number, attempts: number): Promise<void> {
  await db
    .update(outboxMessages)
    .set({ status: 'pending', lockedUntil: null, attempts: attempts - 1 })
    .where(ownClaim(id, attempts));
}

const ownClaim = (id: number, attempts: number): SQL =>
  and(eq(outboxMessages.id, id), eq(outboxMessages.status, 'sending'), eq(outboxMessages.attempts, attempts))!;

/** 30 s, 1 min, 2 min … capped at 1 h, with ±20% jitter so a burst of failures does not retry in lockstep. */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(BASE_DELAY_MS * 2 ** Math.max(0, attempts - 1), MAX_DELAY_MS);
  return Math.round(base * (0.8 + 0.4 * random()));
}

export type OutboxStats = Record<OutboxStatus, number> & { oldestPendingAt: Date | null };

/** Counts per status and the oldest waiting message: a growing backlog means mail is stuck. */
export async function outboxStats(db: Queryable): Promise<OutboxStats> {
  const o = outboxMessages;
  const rows = await db.select({ status: o.status, n: count(), oldest: min(o.createdAt) }).from(o).groupBy(o.status);
  const stats: OutboxStats = { pending: 0, sending: 0, sent: 0, failed: 0, oldestPendingAt: null };
  for (const r of rows) {
    stats[r.status] = r.n;
    if (r.status === 'pending') stats.oldestPendingAt = r.oldest ? new Date(r.oldest) : null;
  }
  return stats;
}

