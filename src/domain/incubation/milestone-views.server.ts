import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { auditEvents, deliverables, files, milestones, users } from '../../../db/schema/index.ts';
import { isUuid } from '../../lib/ids.ts';
import type { Queryable } from '../../lib/server/db/index.ts';
import type { RequestContext } from '../context.ts';
import { notFound } from '../errors.ts';
import { authorize, can } from '../policy.ts';
import { isOverdue, romeToday } from './milestone-dates.ts';
import type { MilestoneRow } from './milestone-tx.server.ts';
import { listMilestones, type MilestoneListItem } from './milestones-read.server.ts';
import type { StartupRow } from './startup-facts.server.ts';
import { findVisibleStartup } from './startup-tx.server.ts';

export type DeliverableFile = { id: string; name: string; sizeBytes: number; mime: string };
export type DeliverableView = typeof deliverables.$inferSelect & { submittedByName: string | null; decidedByName: string | null; files: DeliverableFile[] };
export type DueDateChange = { milestoneId: string; at: Date; from: string; to: string; reason: string; byName: string | null };
export type MilestoneDetail = {
  startup: StartupRow;
  milestone: MilestoneRow & { overdue: boolean };
  /** Newest first. */
  deliverables: DeliverableView[];
  changes: DueDateChange[];
};

/** Who looks: the team (its area), the coach (review page; staff may read it too), staff (due dates). */
export type Audience = 'team' | 'coach' | 'staff';

/** Someone who may not even see the start-up hears "not found" (as for an id that does not exist), then the audience's rule. */
async function startupFor(db: Queryable, ctx: RequestContext, startupId: string, audience: Audience) {
  const loaded = await findVisibleStartup(db, ctx, startupId);
  if (audience === 'team') authorize(ctx.actor, 'startup.edit', loaded.facts);
  else if (audience === 'coach') authorize(ctx.actor, 'startup.coach', loaded.facts);
  else authorize(ctx.actor, 'startup.manage');
  return loaded;
}

/** A start-up's plan for one audience, after the policy: milestones with overdue flags and latest submissions. */
export async function getMilestonePlan(db: Queryable, ctx: RequestContext, startupId: string, audience: Audience) {
  const { startup } = await startupFor(db, ctx, startupId, audience);
  const plan = await listMilestones(db, startup.id, ctx.now());
  const changes = audience === 'staff' ? await dueDateChanges(db, plan.map((m) => m.id)) : [];
  return { startup, milestones: plan as MilestoneListItem[], changes };
}

/**
 * One milestone with every submission (files, who submitted and decided) and its due-date
 * changes, for its team or its coach; `canDecide` says whether the reader may decide now.
 */
export async function getMilestoneDetail(db: Queryable, ctx: RequestContext, startupId: string, milestoneId: string, audience: Exclude<Audience, 'staff'>) {
  const { startup, facts } = await startupFor(db, ctx, startupId, audience);
  if (!isUuid(milestoneId)) throw notFound('milestone_not_found');
  const [milestone] = await db.select().from(milestones).where(and(eq(milestones.id, milestoneId), eq(milestones.startupId, startup.id)));
  if (!milestone) throw notFound('milestone_not_found');
  const [history, changes] = await Promise.all([deliverablesOf(db, milestone.id), dueDateChanges(db, [milestone.id])]);
  const detail: MilestoneDetail = { startup, milestone: { ...milestone, overdue: isOverdue(milestone, romeToday(ctx.now())) }, deliverables: history, changes };
  return {
    ...detail,
    canSubmit: can(ctx.actor, 'milestone.submit', facts).ok,
    canDecide: can(ctx.actor, 'milestone.review', facts).ok,
  };
}

async function deliverablesOf(db: Queryable, milestoneId: string): Promise<DeliverableView[]> {
  const submitter = alias(users, 'submitter');
  const decider = alias(users, 'decider');
  const rows = await db
    .select({ d: deliverables, submittedByName: submitter.name, decidedByName: decider.name })
    .from(deliverables)
    .leftJoin(submitter, eq(submitter.id, deliverables.submittedBy))
    .leftJoin(decider, eq(decider.id, deliverables.decidedBy))
    .where(eq(deliverables.milestoneId, milestoneId))
    .orderBy(desc(deliverables.seq));
  if (rows.length === 0) return [];
  const attached = await db
    .select({ ownerId: files.ownerId, id: files.id, name: files.originalName, sizeBytes: files.sizeBytes, mime: files.mime })
    .from(files)
    .where(and(eq(files.ownerType, 'deliverable'), inArray(files.ownerId, rows.map((r) => r.d.id))))
    .orderBy(asc(files.createdAt), asc(files.originalName), asc(files.id)); // one submission's files share a timestamp: by name
  return rows.map((r) => ({
    ...r.d,
    submittedByName: r.submittedByName,
    decidedByName: r.decidedByName,
    files: attached.filter((f) => f.ownerId === r.d.id).map(({ ownerId: _owner, ...f }) => f),
  }));
}

/** The audited due-date changes of these milestones, newest first (the audit trail is the record). */
export async function dueDateChanges(db: Queryable, milestoneIds: readonly string[]): Promise<DueDateChange[]> {
  if (milestoneIds.length === 0) return [];
  const rows = await db
    .select({ entityId: auditEvents.entityId, at: auditEvents.occurredAt, summary: auditEvents.summary, byName: users.name })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .where(and(eq(auditEvents.entityType, 'milestone'), eq(auditEvents.action, 'milestone.due-date-changed'), inArray(auditEvents.entityId, [...milestoneIds])))
    .orderBy(desc(auditEvents.id));
  return rows.map((r) => ({
    milestoneId: r.entityId!,
    at: r.at,
    from: String(r.summary.from ?? ''),
    to: String(r.summary.to ?? ''),
    reason: String(r.summary.reason ?? ''),
    byName: r.byName,
  }));
}
