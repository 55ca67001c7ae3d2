import { and, eq, inArray, isNotNull, lt, or, sql } from 'drizzle-orm';
import { outboxMessages, sessions, throttles, userTokens } from '../../../db/schema/index.ts';
import type { Db } from '../../lib/server/db/index.ts';
import { SESSION_INACTIVITY_MS } from '../accounts/session.server.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Sent messages keep their metadata, but their bodies (with one-time links) go after 30 days. */
export const MAIL_BODY_RETENTION_MS = 30 * DAY_MS;
/** The record of a message (recipient, subject, date) is kept 12 months (privacy notice). */
export const MAIL_RECORD_RETENTION_MS = 365 * DAY_MS;

/**
 * Retention (GDPR art. 5(1)(e): no longer than necessary): removes dead sessions, spent tokens and
 * stale throttle counters, and blanks old message bodies. Idempotent, so every instance may run
 * it; the statements are plain deletes and updates, safe concurrently.
 */
export async function purgeExpired(db: Db, now: Date) {
  const idleCutoff = new Date(now.getTime() - SESSION_INACTIVITY_MS);
  const weekAgo = new Date(now.getTime() - 7 * DAY_MS);
  const dayAgo = new Date(now.getTime() - DAY_MS);
  const mailCutoff = new Date(now.getTime() - MAIL_BODY_RETENTION_MS);
  const deadSessions = await db.delete(sessions).where(lt(sessions.lastVerifiedAt, idleCutoff)).returning({ id: sessions.id });
  const spentTokens = await db
    .delete(userTokens)
    .where(or(lt(userTokens.expiresAt, weekAgo), and(isNotNull(userTokens.usedAt), lt(userTokens.usedAt, weekAgo))))
    .returning({ id: userTokens.id });
  const staleThrottles = await db
    .delete(throttles)
    .where(and(lt(throttles.windowStartedAt, dayAgo), or(sql`${throttles.lockedUntil} is null`, lt(throttles.lockedUntil, now))))
    .returning({ key: throttles.key });
  const blanked = await db
    .update(outboxMessages)
    .set({ textBody: '', htmlBody: '' })
    .where(and(eq(outboxMessages.status, 'sent'), lt(outboxMessages.sentAt, mailCutoff), sql`${outboxMessages.textBody} <> ''`))
    .returning({ id: outboxMessages.id });
  const oldMail = await db
    .delete(outboxMessages)
    .where(and(inArray(outboxMessages.status, ['sent', 'failed']), lt(outboxMessages.createdAt, new Date(now.getTime() - MAIL_RECORD_RETENTION_MS))))
    .returning({ id: outboxMessages.id });
  return {
    sessions: deadSessions.length,
    tokens: spentTokens.length,
    throttles: staleThrottles.length,
    mailBodies: blanked.length,
    mailRecords: oldMail.length,
  };
}
