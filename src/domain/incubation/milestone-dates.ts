import { TIME_ZONE } from '../../lib/format.ts';
import { isOpenMilestone, type MilestoneStatus } from './milestone-workflow.ts';

const romeDay = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar day of an instant in Rome, as `YYYY-MM-DD` (due dates are Rome days). */
export function romeToday(now: Date): string {
  return romeDay.format(now);
}

/** Whole calendar days from `from` to `to` (both `YYYY-MM-DD`); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
}

/**
 * A milestone is overdue from the Rome day after its due day until it is approved: a deliverable
 * handed in on the due day is on time, and one waiting for the coach still counts (the plan is
 * late until the coach accepts it).
 */
export function isOverdue(m: { dueOn: string; status: MilestoneStatus }, today: string): boolean {
  return isOpenMilestone(m.status) && m.dueOn < today;
}
