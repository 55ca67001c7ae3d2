import { eq, sql } from 'drizzle-orm';
import { milestones, monitoringReports } from '../../../db/schema/index.ts';
import type { Db } from '../../lib/server/db/index.ts';
import { recordAudit } from '../audit/record-audit.server.ts';
import type { RequestContext } from '../context.ts';
import { conflict } from '../errors.ts';
import { authorize } from '../policy.ts';
import { afterMilestoneApproved } from './milestone-approval.server.ts';
import { milestoneTarget } from './milestone-workflow.ts';
import { notifyTeam } from './monitoring-mail.server.ts';
import { lockMonitoringMilestone } from './monitoring-report.server.ts';
import { feedbackRefusal } from './monitoring-rules.ts';
import type { ReportFeedbackInput } from './monitoring.schema.ts';

/**
 * The start-up's coach returns feedback on a monitoring report (issue 5, point 6) and approves it
 * or asks for changes. Only on the report the page showed (`version`): if the team handed in a
 * revision meanwhile, the decision is refused rather than applied to text the coach has not read.
 * Approval does what any milestone approval does (tranches, next milestone, stage); the team is
 * emailed the feedback either way, in the same transaction.
 */
export async function giveMonitoringFeedback(db: Db, ctx: RequestContext, input: ReportFeedbackInput) {
  return db.transaction(async (tx) => {
    const { milestone, startup, facts } = await lockMonitoringMilestone(tx, input.milestoneId);
    authorize(ctx.actor, 'monitoring.feedback', facts);
    const refusal = feedbackRefusal(milestone.status);
    if (refusal) throw conflict(refusal);
    if (milestone.version !== input.version) throw conflict('stale_report');
    const [report] = await tx.select().from(monitoringReports).where(eq(monitoringReports.milestoneId, milestone.id)).for('update');
    if (!report) throw conflict('report_not_submitted');

    const approve = input.decision === 'approve';
    const now = ctx.now();
    await tx
      .update(monitoringReports)
      .set({ feedback: input.feedback, feedbackBy: ctx.actor!.userId, feedbackAt: now })
      .where(eq(monitoringReports.id, report.id));
    const [updated] = await tx
      .update(milestones)
      .set({
        status: approve ? milestoneTarget.approve : milestoneTarget.requestChanges,
        approvedAt: approve ? now : null,
        approvedBy: approve ? ctx.actor!.userId : null,
        version: sql`${milestones.version} + 1`,
        updatedAt: now,
      })
      .where(eq(milestones.id, milestone.id))
      .returning();
    await recordAudit(tx, ctx, {
      action: approve ? 'monitoring.report_approved' : 'monitoring.changes_requested',
      entityType: 'monitoring_report',
      entityId: report.id,
      summary: { startupId: startup.id, milestoneId: milestone.id, feedback: input.feedback },
    });
    const after = approve ? await afterMilestoneApproved(tx, ctx, milestone.id, startup.id) : null;
    await notifyTeam(tx, ctx, startup, milestone, input.feedback);
    return { milestone: updated!, after };
  });
}
