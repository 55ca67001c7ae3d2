import { auditEvents } from '../../../db/schema/index.ts';
import type { Queryable } from '../../lib/server/db/index.ts';
import type { RequestContext } from '../context.ts';

export type AuditEntry = {
  /** Past tense, `area.verb-ed`: `user.registered`, `session.created`, `invitation.accepted`. */
  action: string;
  entityType: string;
  entityId: string | null;
  summary?: Record<string, unknown>;
  /** Overrides the context's actor, e.g. for a login where the actor is the user who signs in. */
  actorId?: string | null;
};

/** Writes one audit row. Call it with the transaction that makes the change it records. */
export async function recordAudit(tx: Queryable, ctx: Pick<RequestContext, 'actor' | 'requestId'>, entry: AuditEntry) {
  await tx.insert(auditEvents).values({
    actorId: entry.actorId !== undefined ? entry.actorId : (ctx.actor?.userId ?? null),
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    summary: entry.summary ?? {},
    requestId: ctx.requestId,
  });
}
