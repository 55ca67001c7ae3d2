import { and, asc, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import { deliverables, milestones } from '../../../db/schema/index.ts';
import type { Queryable } from '../../lib/server/db/index.ts';
import { isOverdue, romeToday } from './milestone-dates.ts';

export type MilestoneRow = typeof milestones.$inferSelect;
/** The latest submission of a milestone's deliverable: `decision` null while the coach has not decided. */
export type LatestDeliverable = Pick<typeof deliverables.$inferSelect, 'id' | 'seq' | 'decision' | 'submittedAt' | 'decidedAt'>;
export type MilestoneListItem = MilestoneRow & { overdue: boolean; latestDeliverable: LatestDeliverable | null };
export type NextMilestone = { next: MilestoneRow | null; overdueCount: number };

/**
 * A start-up's plan in order, each milestone with `overdue` (past its Rome due day, not approved)
 * and its latest deliverable. Two queries whatever the plan's length.
 */
export async function listMilestones(db: Queryable, startupId: string, now: Date = new Date()): Promise<MilestoneListItem[]> {
  const rows = await db.select().from(milestones).where(eq(milestones.startupId, startupId)).orderBy(asc(milestones.position));
  if (rows.length === 0) return [];
  const latest = await db
    .selectDistinctOn([deliverables.milestoneId], {
      milestoneId: deliverables.milestoneId,
      id: deliverables.id,
      seq: deliverables.seq,
      decision: deliverables.decision,
      submittedAt: deliverables.submittedAt,
      decidedAt: deliverables.decidedAt,
    })
    .from(deliverables)
    .where(inArray(deliverables.milestoneId, rows.map((r) => r.id)))
    .orderBy(deliverables.milestoneId, desc(deliverables.seq));
  const byMilestone = new Map(latest.map(({ milestoneId, ...d }) => [milestoneId, d]));
  const today = romeToday(now);
  return rows.map((m) => ({ ...m, overdue: isOverdue(m, today), latestDeliverable: byMilestone.get(m.id) ?? null }));
}

/**
 * For each start-up: its next open milestone (earliest due, then plan order) and how many open
 * milestones are overdue, in one query (dashboards list many start-ups). Start-ups with every
 * milestone approved, or none, get `{ next: null, overdueCount: 0 }`.
 */
export async function nextMilestones(db: Queryable, startupIds: readonly string[], now: Date = new Date()): Promise<Map<string, NextMilestone>> {
  const out = new Map<string, NextMilestone>(startupIds.map((id) => [id, { next: null, overdueCount: 0 }]));
  if (startupIds.length === 0) return out;
  const today = romeToday(now);
  const rows = await db
    .selectDistinctOn([milestones.startupId], {
      milestone: milestones,
      overdueCount: sql<number>`(count(*) filter (where ${milestones.dueOn} < ${today}::date) over (partition by ${milestones.startupId}))::int`,
    })
    .from(milestones)
    .where(and(inArray(milestones.startupId, [...startupIds]), ne(milestones.status, 'approved')))
    .orderBy(milestones.startupId, asc(milestones.dueOn), asc(milestones.position));
  for (const r of rows) out.set(r.milestone.startupId, { next: r.milestone, overdueCount: Number(r.overdueCount) });
  return out;
}
