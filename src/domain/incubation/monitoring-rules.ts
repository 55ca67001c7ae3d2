import { addDays } from './milestone-plan.ts';
import { canMoveMilestone, type MilestoneStatus } from './milestone-workflow.ts';
import { isOverdue } from './milestone-dates.ts';
import { REPORT_OPENS_DAYS_BEFORE } from './monitoring.schema.ts';

/**
 * A monitoring report is the deliverable of a `monitoring` milestone (issue 5, point 6): it moves
 * through the milestone's own workflow (milestone-workflow.ts), handed in by the team and approved
 * or sent back by the coach.
 */

/** The first Rome day the team can hand in the report for a period due on `dueOn`. */
export function reportOpensOn(dueOn: string): string {
  return addDays(dueOn, -REPORT_OPENS_DAYS_BEFORE);
}

/** What the team sees for one report: its phase in the workflow, and whether it is late. */
export type ReportPhase = 'upcoming' | 'open' | 'submitted' | 'changes_requested' | 'approved';

export function reportPhase(m: { dueOn: string; status: MilestoneStatus }, today: string): ReportPhase {
  if (m.status === 'approved' || m.status === 'submitted' || m.status === 'changes_requested') return m.status;
  return today < reportOpensOn(m.dueOn) ? 'upcoming' : 'open';
}

export function reportOverdue(m: { dueOn: string; status: MilestoneStatus }, today: string): boolean {
  return isOverdue(m, today);
}

/**
 * Why the team cannot hand in (or hand in again) this report today, as an error code; null when
 * it can. A report waiting for the coach is not replaced under them; an approved one is closed.
 */
export function submitRefusal(m: { dueOn: string; status: MilestoneStatus }, today: string): string | null {
  if (m.status === 'approved') return 'report_already_approved';
  if (m.status === 'submitted') return 'report_awaiting_feedback';
  if (!canMoveMilestone(m.status, 'submit')) return 'report_not_open';
  // A report sent back is answered whatever the calendar (staff may have moved the due day since).
  if (m.status === 'changes_requested') return null;
  return today < reportOpensOn(m.dueOn) ? 'report_not_yet_open' : null;
}

/** The coach decides only on a report waiting for them. */
export function feedbackRefusal(status: MilestoneStatus): string | null {
  return canMoveMilestone(status, 'approve') ? null : 'report_not_submitted';
}
