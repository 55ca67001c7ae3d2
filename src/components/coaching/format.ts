import type { AttendanceTally } from '../../domain/incubation/attendance-rules.ts';
import type { RiskReason } from '../../domain/incubation/risk-rules.ts';
import { intlTag, type Locale, type Translate } from '../../lib/i18n/index.ts';

/** Minutes as people read a length of time: `3 h 45 min`, `2 h`, `45 min`. */
export function formatDuration(minutes: number, t: Translate): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return t('coaching.duration.minutes', { minutes: rest });
  return rest === 0 ? t('coaching.duration.hours', { hours }) : t('coaching.duration.hoursMinutes', { hours, minutes: rest });
}

/**
 * A share as a percentage with one decimal (28 of 42 → 66,7 %). Below a minimum it never shows
 * the minimum itself: 3,999 of 5,000 against 80 % reads 79,9 %, not the 80 % it does not reach
 * (the flag compares exact integers; the text must not contradict it).
 */
export function formatShare(present: number, expected: number, locale: Locale, minPercent?: number): string {
  let tenths = Math.round((present * 1000) / expected);
  const below = minPercent !== undefined && present * 100 < minPercent * expected;
  if (below && tenths >= minPercent * 10) tenths = minPercent * 10 - 1;
  return new Intl.NumberFormat(intlTag[locale], { style: 'percent', minimumFractionDigits: 0, maximumFractionDigits: 1 }).format(tenths / 1000);
}

/** The attendance of a tally in words, or null when nobody was ever expected. */
export function attendanceText(tally: AttendanceTally, minPercent: number, t: Translate): string | null {
  if (tally.expected === 0) return null;
  return t('coaching.attendance.rate', { rate: formatShare(tally.present, tally.expected, t.locale, minPercent), present: tally.present, expected: tally.expected });
}

/** One reason of the risk flag as a sentence. */
export function riskText(reason: RiskReason, t: Translate): string {
  switch (reason.code) {
    case 'overdue_milestones':
      return reason.count === 1 ? t('coaching.risk.overdueMilestones.one') : t('coaching.risk.overdueMilestones.other', { count: reason.count });
    case 'overdue_reports':
      return reason.count === 1 ? t('coaching.risk.overdueReports.one') : t('coaching.risk.overdueReports.other', { count: reason.count });
    case 'low_attendance':
      return t('coaching.risk.lowAttendance', { rate: formatShare(reason.present, reason.expected, t.locale, reason.minPercent), min: reason.minPercent });
  }
}
