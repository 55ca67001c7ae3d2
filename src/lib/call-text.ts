import { countdown } from '../domain/calls/deadline.ts';
export { localized } from '../domain/calls/localized.ts';
import { formatDate, formatTime } from './format.ts';
import { translateDynamic, type Translate } from './i18n/index.ts';

/**
 * Words for a call's dates, sizes and types, shared by the list, the call page and the feeds:
 * "chiude tra 12 giorni – 15 dicembre 2026, ore 12:00".
 */

/** "15 dicembre 2026, ore 12:00" / "15 December 2026 at 12:00", in Rome's time. */
export function dateAtTime(t: Translate, date: Date): string {
  return t('calls.deadline.dateAtTime', { date: formatDate(date, t.locale), time: formatTime(date, t.locale) });
}

/** "chiude oggi alle 12:00", "chiude domani alle 12:00", "chiude tra 12 giorni", "chiuso il …". */
export function closingPhrase(t: Translate, closesAt: Date, now: Date): string {
  const when = countdown(closesAt, now);
  const time = formatTime(closesAt, t.locale);
  switch (when.kind) {
    case 'past':
      return t('calls.deadline.closedOn', { date: formatDate(closesAt, t.locale) });
    case 'today':
      return t('calls.deadline.closesToday', { time });
    case 'tomorrow':
      return t('calls.deadline.closesTomorrow', { time });
    default:
      return t('calls.deadline.closesInDays', { days: when.days });
  }
}

/** "apre oggi alle 9:00", "apre domani …", "apre tra 5 giorni"; null once open. */
export function openingPhrase(t: Translate, opensAt: Date, now: Date): string | null {
  const when = countdown(opensAt, now);
  const time = formatTime(opensAt, t.locale);
  switch (when.kind) {
    case 'past':
      return null;
    case 'today':
      return t('calls.deadline.opensToday', { time });
    case 'tomorrow':
      return t('calls.deadline.opensTomorrow', { time });
    default:
      return t('calls.deadline.opensInDays', { days: when.days });
  }
}

/** The deadline in words and as a date: "chiude tra 12 giorni – 15 dicembre 2026, ore 12:00". */
export function deadlineLine(t: Translate, closesAt: Date, now: Date): string {
  const words = closingPhrase(t, closesAt, now);
  const date = dateAtTime(t, closesAt);
  return countdown(closesAt, now).kind === 'past' ? words : `${words} – ${date}`;
}

/** A document's kind in words, from its sniffed MIME type. */
export function fileTypeLabel(t: Translate, mime: string): string {
  if (mime === 'application/pdf') return t('calls.fileTypes.pdf');
  if (mime.startsWith('image/')) return t('calls.fileTypes.image');
  if (mime.startsWith('text/')) return t('calls.fileTypes.text');
  if (/officedocument|msword|ms-excel|ms-powerpoint|opendocument/.test(mime)) return t('calls.fileTypes.office');
  return t('calls.fileTypes.other');
}

/** A theme's name; a theme no longer in definitions.ts shows its key rather than nothing. */
export function themeLabel(t: Translate, theme: string): string {
  return translateDynamic(t, `calls.themes.${theme}`, {}, theme);
}
