import { eq, sql } from 'drizzle-orm';
import { milestones, monitoringReports } from '../../../db/schema/index.ts';
import type { Db, Queryable } from '../../lib/server/db/index.ts';
import { recordAudit } from '../audit/record-audit.server.ts';
import type { RequestContext } from '../context.ts';
import { conflict, notFound } from '../errors.ts';
import { authorize } from '../policy.ts';
import { lockMilestone, type LockedMilestone } from './milestone-tx.server.ts';
import { notifyCoaches } from './monitoring-mail.server.ts';
import { submitRefusal } from './monitoring-rules.ts';
import { REPORT_OPENS_DAYS_BEFORE, type SubmitReportInput } from './monitoring.schema.ts';
import { romeToday } from './risk-rules.ts';

/**
 * A `monitoring` milestone, locked for the rest of the transaction (the team's submission, the
 * coach's decision and a due-date change are serialised), with its start-up's policy facts.
 * Other milestones have deliverables instead (deliverable-*.server.ts).
 */
export async function lockMonitoringMilestone(tx: Queryable, milestoneId: string): Promise<LockedMilestone> {
  const locked = await lockMilestone(tx, milestoneId);
  if (locked.milestone.kind !== 'monitoring') throw notFound('milestone_not_found');
  return locked;
}

/**
 * The team hands in a monitoring report, or a revised one after the coach asked for changes: the
 * figures replace the previous ones (the audit trail keeps every version) and the milestone moves
 * to `submitted`; the coaches are told. Refused while the coach is deciding or once approved, and
 * before the period's end draws near (`REPORT_OPENS_DAYS_BEFORE`).
 */
export async function submitMonitoringReport(db: Db, ctx: RequestContext, input: SubmitReportInput) {
  return db.transaction(async (tx) => {
    const { milestone, startup, facts } = await lockMonitoringMilestone(tx, input.milestoneId);
    authorize(ctx.actor, 'milestone.submit', facts);
    const refusal = submitRefusal(milestone, romeToday(ctx.now()));
    if (refusal) throw conflict(refusal, { days: REPORT_OPENS_DAYS_BEFORE });

    const [previous] = await tx.select().from(monitoringReports).where(eq(monitoringReports.milestoneId, milestone.id));
    const figures = {
      peopleServed: input.peopleServed,
      jobsCreated: input.jobsCreated,
      revenueCents: input.revenueCents,
      volunteers: input.volunteers,
      narrative: input.narrative,
    };
    const values = { ...figures, submittedBy: ctx.actor!.userId, submittedAt: ctx.now() };
    const [report] = previous
      ? await tx.update(monitoringReports).set(values).where(eq(monitoringReports.id, previous.id)).returning()
      : await tx.insert(monitoringReports).values({ ...values, milestoneId: milestone.id, startupId: startup.id }).returning();
    await tx
      .update(milestones)
      .set({ status: 'submitted', version: sql`${milestones.version} + 1`, updatedAt: ctx.now() })
      .where(eq(milestones.id, milestone.id));
    const { narrative, ...counts } = figures;
    await recordAudit(tx, ctx, {
      action: previous ? 'monitoring.report_resubmitted' : 'monitoring.report_submitted',
      entityType: 'monitoring_report',
      entityId: report!.id,
      summary: { startupId: startup.id, milestoneId: milestone.id, ...counts, narrativeLength: narrative.length },
    });
    await notifyCoaches(tx, ctx, startup, milestone);
    return report!;
  });
}
