import { and, desc, eq } from 'drizzle-orm';
import { deliverables, milestones } from '../../../db/schema/index.ts';
import type { Db, Queryable } from '../../lib/server/db/index.ts';
import { recordAudit } from '../audit/record-audit.server.ts';
import type { RequestContext } from '../context.ts';
import { conflict, invalid } from '../errors.ts';
import { enqueueToEach, teamRecipients } from '../mail/recipients.server.ts';
import { authorize } from '../policy.ts';
import { afterMilestoneApproved, type AfterApproval } from './milestone-approval.server.ts';
import { FEEDBACK_MAX, type Decision } from './milestone.schema.ts';
import { lockMilestone, milestonePaths, milestoneTitle, type LockedMilestone, type MilestoneRow } from './milestone-tx.server.ts';
import { canMoveMilestone, milestoneTarget, type MilestoneTransition } from './milestone-workflow.ts';

export type DecideInput = { milestoneId: string; deliverableId: string; decision: Decision; feedback?: string };
export type DecideResult = { milestone: MilestoneRow; approval: AfterApproval | null };

const transitionOf: Record<Decision, MilestoneTransition> = { approve: 'approve', request_changes: 'requestChanges' };

/**
 * The start-up's coach decides on the submission they read: approve (feedback optional) or request
 * changes (feedback required: the team must know what to change). The decision names the
 * submission; if the team has handed in another one meanwhile, or someone decided first, it is
 * refused as stale rather than applied to work the coach has not seen. Approval makes waiting
 * tranches eligible, starts the next milestone and moves the start-up's stage; the team is
 * emailed the outcome with the feedback.
 */
export async function decideDeliverable(db: Db, ctx: RequestContext, input: DecideInput): Promise<DecideResult> {
  const feedback = (input.feedback ?? '').trim();
  if (feedback.length > FEEDBACK_MAX) throw invalid('text_too_long', { field: 'feedback', max: FEEDBACK_MAX });
  if (input.decision === 'request_changes' && !feedback) throw invalid('feedback_required', { field: 'feedback' });
  const transition = transitionOf[input.decision];
  return db.transaction(async (tx) => {
    const locked = await lockMilestone(tx, input.milestoneId);
    const { milestone, startup, facts } = locked;
    authorize(ctx.actor, 'milestone.review', facts);
    await requireCurrentSubmission(tx, milestone, input.deliverableId, transition);
    const now = ctx.now();
    const status = milestoneTarget[transition];
    await tx
      .update(deliverables)
      .set({ decision: status, feedback: feedback || null, decidedBy: ctx.actor!.userId, decidedAt: now })
      .where(eq(deliverables.id, input.deliverableId));
    const approved = status === 'approved';
    const [updated] = await tx
      .update(milestones)
      .set({ status, version: milestone.version + 1, updatedAt: now, approvedAt: approved ? now : null, approvedBy: approved ? ctx.actor!.userId : null })
      .where(eq(milestones.id, milestone.id))
      .returning();
    await recordAudit(tx, ctx, {
      action: approved ? 'milestone.approved' : 'milestone.changes-requested',
      entityType: 'milestone',
      entityId: milestone.id,
      summary: { startupId: startup.id, deliverableId: input.deliverableId, feedbackLength: feedback.length },
    });
    const approval = approved ? await afterMilestoneApproved(tx, ctx, milestone.id, startup.id) : null;
    await notifyTeam(tx, ctx, locked, approved, feedback);
    return { milestone: updated!, approval };
  });
}

async function requireCurrentSubmission(tx: Queryable, milestone: MilestoneRow, deliverableId: string, transition: MilestoneTransition) {
  const [latest] = await tx
    .select({ id: deliverables.id, decision: deliverables.decision })
    .from(deliverables)
    .where(and(eq(deliverables.milestoneId, milestone.id)))
    .orderBy(desc(deliverables.seq))
    .limit(1);
  const current = latest && latest.id === deliverableId && latest.decision === null;
  if (!current || !canMoveMilestone(milestone.status, transition)) throw conflict('stale_submission', { status: milestone.status });
}

async function notifyTeam(tx: Queryable, ctx: RequestContext, { milestone, startup }: LockedMilestone, approved: boolean, feedback: string) {
  await enqueueToEach(tx, await teamRecipients(tx, startup.id), approved ? 'deliverableApproved' : 'deliverableChangesRequested', (member) => ({
    link: ctx.origin + (approved ? milestonePaths.teamPlan(member.locale, startup.id) : milestonePaths.team(member.locale, milestone)),
    startup: startup.name,
    milestone: milestoneTitle(milestone, member.locale),
    feedback,
  }));
}
