import type { Locale } from '../../lib/i18n/locales.ts';
import type { PublicCallSummary } from './calls.repo.server.ts';
import { localized } from './localized.ts';

/**
 * The calendar of call deadlines (RFC 5545): one event per open or upcoming call at its closing
 * instant, with a reminder the day before. Subscribed calendars refresh themselves, so a proroga
 * moves the event (same UID, higher SEQUENCE).
 */
export type ICalendarLabels = { name: string; summary: (title: string) => string; reminder: (title: string) => string };

const CRLF = '\r\n';

/** TEXT values escape backslash, semicolon, comma and newlines (RFC 5545 §3.3.11). */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

const encoder = new TextEncoder();

/**
 * Folds a content line at 75 octets (RFC 5545 §3.1): continuation lines start with one space.
 * Octets, not characters, and never inside a multi-byte UTF-8 character.
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    // The first line holds 75 octets; the others 74 after their leading space.
    const limit = parts.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}

/** UTC DATE-TIME form: 20261215T110000Z. */
export function icalDateTime(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

export function buildICalendar(calls: readonly PublicCallSummary[], locale: Locale, origin: string, now: Date, labels: ICalendarLabels): string {
  const host = new URL(origin).host;
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:-//Vivaio//Call deadlines//${locale.toUpperCase()}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(labels.name)}`,
    'X-WR-TIMEZONE:Europe/Rome',
    ...calls.filter((c) => c.status === 'open' || c.status === 'published').flatMap((c) => event(c, locale, origin, host, now, labels)),
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join(CRLF) + CRLF;
}

function event(call: PublicCallSummary, locale: Locale, origin: string, host: string, now: Date, labels: ICalendarLabels): string[] {
  const title = localized(call.titleIt, call.titleEn, locale).text;
  const summary = localized(call.summaryIt, call.summaryEn, locale).text;
  const url = `${origin}/${locale}/calls/${encodeURIComponent(call.slug)}`;
  return [
    'BEGIN:VEVENT',
    // The call's id, not its slug or dates: the same event however the call is amended.
    `UID:call-${call.id}@${host}`,
    `DTSTAMP:${icalDateTime(now)}`,
    `DTSTART:${icalDateTime(call.closesAt)}`,
    `LAST-MODIFIED:${icalDateTime(call.updatedAt)}`,
    `SEQUENCE:${Math.max(0, call.version - 1)}`,
    `SUMMARY:${escapeText(labels.summary(title))}`,
    `DESCRIPTION:${escapeText([summary, url].filter(Boolean).join('\n'))}`,
    `URL:${url}`,
    'TRANSP:TRANSPARENT',
    'STATUS:CONFIRMED',
    'BEGIN:VALARM',
    'ACTION:DISPLAY',
    'TRIGGER:-P1D',
    `DESCRIPTION:${escapeText(labels.reminder(title))}`,
    'END:VALARM',
    'END:VEVENT',
  ];
}
