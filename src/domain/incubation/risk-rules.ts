import { attendanceBelowMinimum, type AttendanceTally } from './attendance-rules.ts';

/**
 * The risk flag on the coach's and the office's dashboards (issue 5, point 6): a start-up is at
 * risk when a milestone or a monitoring report is overdue, or when its team attends less coaching
 * than the call's minimum. The flag always comes with its reasons, so the dashboards can say why.
 *
 * The same condition is written once more in SQL (`statsQuery` in risk-stats.server.ts) to
 * filter and sort lists in the database; an integration test keeps the two in step.
 */

/** Overdue is milestone-dates.ts' rule (past the Rome due day, not approved), shared with reminders. */
export { isOverdue, romeToday } from './milestone-dates.ts';

export type RiskReason =
  | { code: 'overdue_milestones'; count: number }
  | { code: 'overdue_reports'; count: number }
  | { code: 'low_attendance'; present: number; expected: number; minPercent: number };

export type RiskInput = {
  /** Overdue milestones other than monitoring reports. */
  overdueMilestones: number;
  /** Overdue `monitoring` milestones: their report is missing or not yet approved. */
  overdueReports: number;
  attendance: AttendanceTally;
  minAttendancePercent: number;
};

/** Why a start-up is at risk; an empty list means it is not. */
export function riskReasons(input: RiskInput): RiskReason[] {
  const reasons: RiskReason[] = [];
  if (input.overdueMilestones > 0) reasons.push({ code: 'overdue_milestones', count: input.overdueMilestones });
  if (input.overdueReports > 0) reasons.push({ code: 'overdue_reports', count: input.overdueReports });
  if (attendanceBelowMinimum(input.attendance, input.minAttendancePercent)) {
    reasons.push({ code: 'low_attendance', present: input.attendance.present, expected: input.attendance.expected, minPercent: input.minAttendancePercent });
  }
  return reasons;
}
