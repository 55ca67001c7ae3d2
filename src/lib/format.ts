import { intlTag, type Locale } from './i18n/locales.ts';

/** The portal's time zone: every time is stored in UTC and shown as in Rome. */
export const TIME_ZONE = 'Europe/Rome';

export function formatDate(date: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(intlTag[locale], { timeZone: TIME_ZONE, day: 'numeric', month: 'long', year: 'numeric' }).format(date);
}

export function formatDateTime(date: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(intlTag[locale], {
    timeZone: TIME_ZONE,
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(date);
}

export function formatTime(date: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(intlTag[locale], { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit' }).format(date);
}

/**
 * Money is integer euro cents everywhere; only here does it become text. Thousands are always
 * grouped: Italian CLDR data groups only from five digits ("4000,00 €" beside "10.000,00 €"), which
 * misaligns the columns of a financial table; `useGrouping: 'always'` gives "4.000,00 €" (English
 * already groups: "€4,000.00"). CSV exports keep their own ungrouped, machine-readable amounts.
 */
const moneyFormats = {} as Partial<Record<Locale, Intl.NumberFormat>>;

export function formatMoney(cents: number, locale: Locale): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`Money must be integer cents, got ${cents}`);
  const format = (moneyFormats[locale] ??= new Intl.NumberFormat(intlTag[locale], { style: 'currency', currency: 'EUR', useGrouping: 'always' }));
  return format.format(cents / 100);
}

/** Machine-readable date (for <time datetime>), in ISO 8601 with the UTC offset. */
export function isoDateTime(date: Date): string {
  return date.toISOString();
}

/**
 * The UTC instant of midnight at the start of a calendar day in Rome (`2026-03-29` → 23:00Z the day
 * before, or 22:00Z in summer time). Used for date filters typed by people in Italy.
 */
export function romeDayStart(isoDay: string): Date {
  const [y, m, d] = isoDay.split('-').map(Number) as [number, number, number];
  const guess = Date.UTC(y, m - 1, d);
  const offset = romeOffsetMinutes(new Date(guess));
  const first = new Date(guess - offset * 60_000);
  // Around a DST switch the offset at the guessed instant may differ from the one at the result.
  const corrected = romeOffsetMinutes(first);
  return corrected === offset ? first : new Date(guess - corrected * 60_000);
}

function romeOffsetMinutes(date: Date): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: TIME_ZONE, timeZoneName: 'longOffset' }).formatToParts(date);
  const name = parts.find((p) => p.type === 'timeZoneName')?.value ?? 'GMT+00:00';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

const wallClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** The Rome wall clock of an instant as zero-padded parts (`2026`, `03`, `10`, `12`, `00`, `05`). */
export function romeWallClock(date: Date): { year: string; month: string; day: string; hour: string; minute: string; second: string } {
  const p = Object.fromEntries(wallClock.formatToParts(date).map((x) => [x.type, x.value]));
  return { year: p.year!, month: p.month!, day: p.day!, hour: p.hour!, minute: p.minute!, second: p.second! };
}
