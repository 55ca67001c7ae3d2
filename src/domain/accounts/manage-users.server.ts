import { and, asc, count, desc, eq, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { auditEvents, userRoles, users } from '../../../db/schema/index.ts';
import type { Db } from '../../lib/server/db/index.ts';
import { containsPattern } from '../../lib/server/db/like.ts';
import type { RequestContext } from '../context.ts';
import { recordAudit } from '../audit/record-audit.server.ts';
import { conflict, notFound } from '../errors.ts';
import { authorize, roles as allRoles, type Role } from '../policy.ts';
import { grantRoles, rolesOf } from './accounts.repo.server.ts';
import { invalidateUserSessions } from './session.server.ts';

export const USERS_PAGE_SIZE = 25;

export type UserListFilter = { q?: string; role?: Role; page: number };

export async function listUsers(db: Db, ctx: RequestContext, filter: UserListFilter) {
  authorize(ctx.actor, 'user.list');
  const where: SQL[] = [];
  if (filter.q) {
    const like = containsPattern(filter.q);
    where.push(or(ilike(users.email, like), ilike(users.name, like))!);
  }
  if (filter.role) {
    where.push(inArray(users.id, db.select({ id: userRoles.userId }).from(userRoles).where(eq(userRoles.role, filter.role))));
  }
  const condition = where.length ? and(...where) : undefined;
  const rows = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      locale: users.locale,
      emailVerifiedAt: users.emailVerifiedAt,
      disabledAt: users.disabledAt,
      createdAt: users.createdAt,
      roles: sql<Role[]>`coalesce((select array_agg(r.role::text order by r.role) from ${userRoles} r where r.user_id = ${users.id}), '{}')`,
    })
    .from(users)
    .where(condition)
    .orderBy(asc(users.email))
    .limit(USERS_PAGE_SIZE)
    .offset((filter.page - 1) * USERS_PAGE_SIZE);
  const [total] = await db.select({ n: count() }).from(users).where(condition);
  return { rows: rows.map((r) => ({ ...r, roles: parseRoles(r.roles) })), total: total?.n ?? 0, page: filter.page, pageSize: USERS_PAGE_SIZE };
}

/** postgres.js returns text[] as an array; PGlite may return the literal `{a,b}`. */
function parseRoles(value: unknown): Role[] {
  const list = Array.isArray(value) ? value : String(value).replace(/^\{|\}$/g, '').split(',').filter(Boolean);
  return list.filter((r): r is Role => (allRoles as readonly string[]).includes(r));
}

/** Replaces a user's roles (administrators only). The last administrator keeps the role. */
export async function setUserRoles(db: Db, ctx: RequestContext, userId: string, wanted: readonly Role[]): Promise<void> {
  authorize(ctx.actor, 'user.roles.manage');
  await db.transaction(async (tx) => {
    // Serialises concurrent role changes, so two admins cannot remove each other at once.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('vivaio:user_roles'))`);
    const [target] = await tx.select({ id: users.id }).from(users).where(eq(users.id, userId));
    if (!target) throw notFound('not_found');
    const before = await rolesOf(tx, userId);
    if (before.includes('admin') && !wanted.includes('admin')) {
      const [admins] = await tx
        .select({ n: count() })
        .from(userRoles)
        .innerJoin(users, eq(users.id, userRoles.userId))
        .where(and(eq(userRoles.role, 'admin'), isNull(users.disabledAt)));
      if ((admins?.n ?? 0) <= 1) throw conflict('last_admin');
    }
    const removed = before.filter((r) => !wanted.includes(r));
    const added = wanted.filter((r) => !before.includes(r));
    if (removed.length === 0 && added.length === 0) return;
    if (removed.length) await tx.delete(userRoles).where(and(eq(userRoles.userId, userId), inArray(userRoles.role, removed)));
    await grantRoles(tx, userId, added, ctx.actor!.userId);
    await recordAudit(tx, ctx, { action: 'user.roles_changed', entityType: 'user', entityId: userId, summary: { added, removed } });
  });
}

/** Disables or re-enables an account; disabling ends its sessions at once. */
export async function setUserDisabled(db: Db, ctx: RequestContext, userId: string, disabled: boolean): Promise<void> {
  const targetRoles = await rolesOf(db, userId);
  authorize(ctx.actor, 'user.disable', { type: 'user', id: userId, roles: targetRoles });
  const now = ctx.now();
  await db.transaction(async (tx) => {
    const updated = await tx
      .update(users)
      .set({ disabledAt: disabled ? now : null, updatedAt: now })
      .where(eq(users.id, userId))
      .returning({ id: users.id });
    if (updated.length !== 1) throw notFound('not_found');
    const sessionsEnded = disabled ? await invalidateUserSessions(tx, userId) : 0;
    await recordAudit(tx, ctx, { action: disabled ? 'user.disabled' : 'user.enabled', entityType: 'user', entityId: userId, summary: { sessionsEnded } });
  });
}

/** One account for the back-office, with its roles and its latest audit events. */
export async function getUserForStaff(db: Db, ctx: RequestContext, userId: string) {
  authorize(ctx.actor, 'user.list');
  const [user] = await db
    .select({ id: users.id, email: users.email, name: users.name, locale: users.locale, emailVerifiedAt: users.emailVerifiedAt, disabledAt: users.disabledAt, createdAt: users.createdAt })
    .from(users)
    .where(eq(users.id, userId));
  if (!user) return null;
  const history = await db
    .select({ id: auditEvents.id, occurredAt: auditEvents.occurredAt, action: auditEvents.action })
    .from(auditEvents)
    .where(or(eq(auditEvents.actorId, userId), and(eq(auditEvents.entityType, 'user'), eq(auditEvents.entityId, userId))))
    .orderBy(desc(auditEvents.id))
    .limit(20);
  return { ...user, roles: await rolesOf(db, userId), history };
}
