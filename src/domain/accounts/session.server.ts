import { and, eq, ne } from 'drizzle-orm';
import { sessions, userRoles, users } from '../../../db/schema/index.ts';
import type { Queryable } from '../../lib/server/db/index.ts';
import type { Locale } from '../../lib/i18n/locales.ts';
import type { Actor, Role } from '../policy.ts';
import { issueToken, parseToken, secretMatches } from './tokens.ts';

/** Lucia's inactivity timeout: a session unused for 30 days is gone. */
export const SESSION_INACTIVITY_MS = 30 * 24 * 60 * 60 * 1000;
/** `last_verified_at` is written at most once an hour, so reads stay reads. */
export const SESSION_ACTIVITY_CHECK_MS = 60 * 60 * 1000;

export type Session = { id: string; userId: string; createdAt: Date; lastVerifiedAt: Date };
export type SessionUser = {
  id: string;
  email: string;
  name: string;
  locale: Locale;
  emailVerified: boolean;
  roles: Role[];
};
export type ValidatedSession = { session: Session; user: SessionUser; refreshed: boolean };

export async function createSession(db: Queryable, userId: string, now: Date, userAgent: string | null = null) {
  const { id, secretHash, token } = issueToken();
  await db.insert(sessions).values({ id, userId, secretHash, createdAt: now, lastVerifiedAt: now, userAgent: userAgent?.slice(0, 300) ?? null });
  return { token, session: { id, userId, createdAt: now, lastVerifiedAt: now } satisfies Session };
}

/**
 * Returns the session and its user, or null. An expired session is deleted; a session last seen
 * over an hour ago gets its activity time moved forward (`refreshed`, so the cookie is re-sent).
 */
export async function validateSessionToken(db: Queryable, token: string, now: Date): Promise<ValidatedSession | null> {
  const parsed = parseToken(token);
  if (!parsed) return null;
  const [row] = await db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, parsed.id))
    .limit(1);
  if (!row || !secretMatches(parsed.secret, row.session.secretHash)) return null;
  if (row.user.disabledAt) {
    await invalidateSession(db, row.session.id);
    return null;
  }
  const idle = now.getTime() - row.session.lastVerifiedAt.getTime();
  if (idle >= SESSION_INACTIVITY_MS) {
    await invalidateSession(db, row.session.id);
    return null;
  }
  let lastVerifiedAt = row.session.lastVerifiedAt;
  const refreshed = idle >= SESSION_ACTIVITY_CHECK_MS;
  if (refreshed) {
    lastVerifiedAt = now;
    await db.update(sessions).set({ lastVerifiedAt }).where(eq(sessions.id, row.session.id));
  }
  const roleRows = await db.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, row.user.id));
  return {
    session: { id: row.session.id, userId: row.user.id, createdAt: row.session.createdAt, lastVerifiedAt },
    user: {
      id: row.user.id,
      email: row.user.email,
      name: row.user.name,
      locale: row.user.locale,
      emailVerified: row.user.emailVerifiedAt !== null,
      roles: roleRows.map((r) => r.role).sort(),
    },
    refreshed,
  };
}

export async function invalidateSession(db: Queryable, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Ends every session of a user, or every one but `keepSessionId` (after a password change). */
export async function invalidateUserSessions(db: Queryable, userId: string, keepSessionId: string | null = null): Promise<number> {
  const condition = keepSessionId ? and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId)) : eq(sessions.userId, userId);
  const deleted = await db.delete(sessions).where(condition).returning({ id: sessions.id });
  return deleted.length;
}

export function actorOf(user: SessionUser | null): Actor | null {
  return user ? { userId: user.id, roles: user.roles, emailVerified: user.emailVerified } : null;
}
