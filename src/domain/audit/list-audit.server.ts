import { and, count, desc, eq, gte, ilike, lt, type SQL } from 'drizzle-orm';
import { auditEvents, users } from '../../../db/schema/index.ts';
import type { Db } from '../../lib/server/db/index.ts';
import { escapeLike } from '../../lib/server/db/like.ts';
import { authorize } from '../policy.ts';
import type { RequestContext } from '../context.ts';
import type { AuditFilter } from './schema.ts';

export const AUDIT_PAGE_SIZE = 50;

export async function listAuditEvents(db: Db, ctx: RequestContext, filter: AuditFilter) {
  authorize(ctx.actor, 'audit.view');
  const where: SQL[] = [];
  if (filter.action) where.push(ilike(auditEvents.action, `${escapeLike(filter.action)}%`));
  if (filter.entityType) where.push(eq(auditEvents.entityType, filter.entityType));
  if (filter.entityId) where.push(eq(auditEvents.entityId, filter.entityId));
  if (filter.actor) where.push(ilike(users.email, `%${escapeLike(filter.actor)}%`));
  if (filter.from) where.push(gte(auditEvents.occurredAt, filter.from));
  if (filter.to) where.push(lt(auditEvents.occurredAt, filter.to));
  const condition = where.length ? and(...where) : undefined;

  const rows = await db
    .select({
      id: auditEvents.id,
      occurredAt: auditEvents.occurredAt,
      action: auditEvents.action,
      entityType: auditEvents.entityType,
      entityId: auditEvents.entityId,
      summary: auditEvents.summary,
      requestId: auditEvents.requestId,
      actorEmail: users.email,
      actorName: users.name,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .where(condition)
    .orderBy(desc(auditEvents.id))
    .limit(AUDIT_PAGE_SIZE)
    .offset((filter.page - 1) * AUDIT_PAGE_SIZE);
  const [total] = await db
    .select({ n: count() })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .where(condition);
  return { rows, total: total?.n ?? 0, page: filter.page, pageSize: AUDIT_PAGE_SIZE };
}

