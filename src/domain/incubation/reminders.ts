import { daysBetween } from './milestone-dates.ts';
import type { MilestoneStatus } from './milestone-workflow.ts';

export const reminderKinds = ['due_soon', 'overdue'] as const;
export type ReminderKind = (typeof reminderKinds)[number];

/** The call's notice period when staff have not set one (incubation_settings' default). */
export const DEFAULT_REMINDER_DAYS = 7;

/** Statuses in which the team still owes work: a submission waiting for the coach is not chased. */
const teamOwesWork: readonly MilestoneStatus[] = ['planned', 'in_progress', 'changes_requested'];

/**
 * Which reminder a milestone calls for today (a Rome day), if any, before checking what was
 * already sent:
 * - `due_soon` from `daysBefore` days before the due day up to the due day itself;
 * - `overdue` from the next Rome day, while not approved.
 * Neither while the deliverable waits for the coach (the team has done its part): if the coach
 * then asks for changes on an overdue milestone, the overdue reminder goes out at the next run.
 */
export function reminderDue(m: { dueOn: string; status: MilestoneStatus }, today: string, daysBefore: number): ReminderKind | null {
  if (!teamOwesWork.includes(m.status)) return null;
  const left = daysBetween(today, m.dueOn);
  if (left < 0) return 'overdue';
  return left <= Math.max(0, daysBefore) ? 'due_soon' : null;
}

/** The reminder to send now: the one due, unless it was sent already (a due-date change re-arms both). */
export function reminderToSend(m: { dueOn: string; status: MilestoneStatus }, today: string, daysBefore: number, sent: readonly ReminderKind[]): ReminderKind | null {
  const kind = reminderDue(m, today, daysBefore);
  return kind && !sent.includes(kind) ? kind : null;
}
