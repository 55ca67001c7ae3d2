import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { milestones, monitoringReports } from '../../../db/schema/index.ts';
import type { Queryable } from '../../lib/server/db/index.ts';

/** Approved milestones of the given start-ups, and how many each has in its plan. */
export async function milestoneProgress(db: Queryable, startupIds: readonly string[]) {
  if (startupIds.length === 0) return [];
  return db
    .select({
      startupId: milestones.startupId,
      kind: milestones.kind,
      titleIt: milestones.titleIt,
      titleEn: milestones.titleEn,
      status: milestones.status,
      approvedAt: milestones.approvedAt,
    })
    .from(milestones)
    .where(inArray(milestones.startupId, [...startupIds]))
    .orderBy(asc(milestones.startupId), asc(milestones.position));
}

/**
 * Monitoring summaries (the figures and the narrative) of reports the team has sent: the
 * milestone is `submitted` or `approved`. The coach's feedback stays between coach and team.
 * Callers pass only start-ups whose team consented to share with donors.
 */
export async function monitoringSummaries(db: Queryable, startupIds: readonly string[]) {
  if (startupIds.length === 0) return [];
  return db
    .select({
      id: monitoringReports.id,
      startupId: monitoringReports.startupId,
      milestoneTitleIt: milestones.titleIt,
      milestoneTitleEn: milestones.titleEn,
      milestoneStatus: milestones.status,
      peopleServed: monitoringReports.peopleServed,
      jobsCreated: monitoringReports.jobsCreated,
      revenueCents: monitoringReports.revenueCents,
      volunteers: monitoringReports.volunteers,
      narrative: monitoringReports.narrative,
      submittedAt: monitoringReports.submittedAt,
    })
    .from(monitoringReports)
    .innerJoin(milestones, eq(milestones.id, monitoringReports.milestoneId))
    .where(and(inArray(monitoringReports.startupId, [...startupIds]), inArray(milestones.status, ['submitted', 'approved'])))
    .orderBy(desc(monitoringReports.submittedAt));
}
