import { countdown } from '../../domain/calls/deadline.ts';
import { formatDate, formatDateTime, formatTime } from '../../lib/format.ts';
import type { Translate } from '../../lib/i18n/index.ts';

/** "closes tomorrow at 12:00", "closes in 5 days", "closed on 3 March 2026": by Rome's calendar. */
export function deadlineCountdown(closesAt: Date, now: Date, t: Translate): string {
  const left = countdown(closesAt, now);
  const locale = t.locale;
  switch (left.kind) {
    case 'past':
      return t('calls.deadline.closedOn', { date: formatDate(closesAt, locale) });
    case 'today':
      return t('calls.deadline.closesToday', { time: formatTime(closesAt, locale) });
    case 'tomorrow':
      return t('calls.deadline.closesTomorrow', { time: formatTime(closesAt, locale) });
    case 'days':
      return t('calls.deadline.closesInDays', { days: left.days });
  }
}

export { formatDateTime };
