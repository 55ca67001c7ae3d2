import { and, eq, gt, isNull } from 'drizzle-orm';
import { userRoles, users, userTokens } from '../../../db/schema/index.ts';
import type { Queryable } from '../../lib/server/db/index.ts';
import type { Role } from '../policy.ts';
import { issueToken, parseToken, secretMatches } from './tokens.ts';

export type UserRow = typeof users.$inferSelect;
export type TokenPurpose = (typeof userTokens.$inferSelect)['purpose'];

export async function findUserByEmail(db: Queryable, email: string): Promise<UserRow | null> {
  const [row] = await db.select().from(users).where(eq(users.email, email)).limit(1);
  return row ?? null;
}

export async function findUserById(db: Queryable, id: string): Promise<UserRow | null> {
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return row ?? null;
}

export async function rolesOf(db: Queryable, userId: string): Promise<Role[]> {
  const rows = await db.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, userId));
  return rows.map((r) => r.role).sort();
}

export async function grantRoles(db: Queryable, userId: string, roles: readonly Role[], grantedBy: string | null): Promise<void> {
  if (roles.length === 0) return;
  await db
    .insert(userRoles)
    .values(roles.map((role) => ({ userId, role, grantedBy })))
    .onConflictDoNothing();
}

/** Issues a one-time token for a user; earlier unused tokens of the same purpose stop working. */
export async function issueUserToken(db: Queryable, userId: string, purpose: TokenPurpose, now: Date, ttlMs: number): Promise<string> {
  await db
    .update(userTokens)
    .set({ usedAt: now })
    .where(and(eq(userTokens.userId, userId), eq(userTokens.purpose, purpose), isNull(userTokens.usedAt)));
  const { id, secretHash, token } = issueToken();
  await db.insert(userTokens).values({ id, userId, purpose, secretHash, createdAt: now, expiresAt: new Date(now.getTime() + ttlMs) });
  return token;
}

export type TokenCheck = { ok: true; userId: string; tokenId: string } | { ok: false; reason: 'token_invalid' | 'token_expired' };

/** Checks a presented token without using it up (the reset form shows first, then posts). */
export async function checkUserToken(db: Queryable, token: string, purpose: TokenPurpose, now: Date): Promise<TokenCheck> {
  const parsed = parseToken(token);
  if (!parsed) return { ok: false, reason: 'token_invalid' };
  const [row] = await db
    .select()
    .from(userTokens)
    .where(and(eq(userTokens.id, parsed.id), eq(userTokens.purpose, purpose)))
    .limit(1);
  if (!row || row.usedAt || !secretMatches(parsed.secret, row.secretHash)) return { ok: false, reason: 'token_invalid' };
  if (row.expiresAt <= now) return { ok: false, reason: 'token_expired' };
  return { ok: true, userId: row.userId, tokenId: row.id };
}

/** Marks a token used; false when another request used it first (so it works exactly once). */
export async function useUserToken(db: Queryable, tokenId: string, now: Date): Promise<boolean> {
  const used = await db
    .update(userTokens)
    .set({ usedAt: now })
    .where(and(eq(userTokens.id, tokenId), isNull(userTokens.usedAt), gt(userTokens.expiresAt, now)))
    .returning({ id: userTokens.id });
  return used.length === 1;
}
