/**
 * Coaching attendance, as the programme documents measure it (POLIS 2.0: the team commits to take
 * part in the coaching path; the call sets the minimum share, `incubation_settings.min_attendance_percent`).
 *
 * A session lists the team members expected at it (one `coaching_attendance` row each, present or
 * absent). The rate of a start-up is present marks over expected marks — i.e. over sessions × the
 * members listed at each session — so a member who joins later is not counted absent before.
 */

/** The call's minimum when it has no incubation settings of its own (the schema's default). */
export const DEFAULT_MIN_ATTENDANCE_PERCENT = 80;
/** Below this many sessions one absence would swing the rate: the minimum is not enforced yet. */
export const MIN_SESSIONS_FOR_ATTENDANCE = 3;

/** Counts of one start-up (or one coach's sessions): all integers. */
export type AttendanceTally = { sessions: number; present: number; expected: number };

/** The rate as a fraction 0..1 for display, or null when nobody was ever expected. */
export function attendanceRate(t: AttendanceTally): number | null {
  return t.expected > 0 ? t.present / t.expected : null;
}

/**
 * Whether the start-up attends less than the minimum, compared in integers (present × 100 <
 * minimum × expected) so 79.99 % never rounds up to 80 %. Only after enough sessions.
 */
export function attendanceBelowMinimum(t: AttendanceTally, minPercent: number): boolean {
  if (t.sessions < MIN_SESSIONS_FOR_ATTENDANCE || t.expected === 0) return false;
  return t.present * 100 < minPercent * t.expected;
}
