import { eq } from 'drizzle-orm';
import { milestoneReminders, milestones } from '../../../db/schema/index.ts';
import type { Db } from '../../lib/server/db/index.ts';
import { recordAudit } from '../audit/record-audit.server.ts';
import type { RequestContext } from '../context.ts';
import { conflict, invalid } from '../errors.ts';
import { authorize } from '../policy.ts';
import { REASON_MAX, type ChangeDueDateInput } from './milestone.schema.ts';
import { lockMilestone, type MilestoneRow } from './milestone-tx.server.ts';

/**
 * Staff move a milestone's due date (an extension agreed with the team, a plan re-timed), with the
 * reason on the record. The form names the version it showed, so two colleagues editing at once
 * do not silently overwrite each other. Reminders already sent for the old date are forgotten:
 * the new date gets its own "due soon" and "overdue" emails. An approved milestone keeps its date.
 */
export async function changeDueDate(db: Db, ctx: RequestContext, input: ChangeDueDateInput): Promise<MilestoneRow> {
  authorize(ctx.actor, 'startup.manage');
  const reason = (input.reason ?? '').trim();
  if (!reason) throw invalid('reason_required', { field: 'reason' });
  if (reason.length > REASON_MAX) throw invalid('text_too_long', { field: 'reason', max: REASON_MAX });
  return db.transaction(async (tx) => {
    const { milestone, startup } = await lockMilestone(tx, input.milestoneId);
    if (milestone.version !== input.version) throw conflict('stale_milestone');
    if (milestone.status === 'approved') throw conflict('milestone_approved');
    if (milestone.dueOn === input.dueOn) throw invalid('due_date_unchanged', { field: 'dueOn' });
    const [updated] = await tx
      .update(milestones)
      .set({ dueOn: input.dueOn, version: milestone.version + 1, updatedAt: ctx.now() })
      .where(eq(milestones.id, milestone.id))
      .returning();
    const rearmed = await tx.delete(milestoneReminders).where(eq(milestoneReminders.milestoneId, milestone.id)).returning({ kind: milestoneReminders.kind });
    await recordAudit(tx, ctx, {
      action: 'milestone.due-date-changed',
      entityType: 'milestone',
      entityId: milestone.id,
      summary: { startupId: startup.id, from: milestone.dueOn, to: input.dueOn, reason, rearmed: rearmed.map((r) => r.kind).sort() },
    });
    return updated!;
  });
}
