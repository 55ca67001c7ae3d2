import { TIME_ZONE } from '../../lib/format.ts';

const romeDay = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar day of an instant in Rome, as a day count (so differences ignore DST hours). */
function romeDayNumber(instant: Date): number {
  const [y, m, d] = romeDay.format(instant).split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

/**
 * How many calendar days in Rome from `now` to `instant`: 0 when both fall on the same day, 1 when
 * `instant` is tomorrow. People read "closes tomorrow" by the calendar, not by 24-hour periods.
 */
export function romeDaysUntil(instant: Date, now: Date): number {
  return romeDayNumber(instant) - romeDayNumber(now);
}

/** When a deadline or opening falls, relative to now, for texts like "closes tomorrow". */
export type Countdown = { kind: 'past' } | { kind: 'today' } | { kind: 'tomorrow' } | { kind: 'days'; days: number };

export function countdown(instant: Date, now: Date): Countdown {
  if (instant.getTime() <= now.getTime()) return { kind: 'past' };
  const days = romeDaysUntil(instant, now);
  if (days <= 0) return { kind: 'today' };
  if (days === 1) return { kind: 'tomorrow' };
  return { kind: 'days', days };
}
