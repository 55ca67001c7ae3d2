import { formatDate, formatMoney } from '../../lib/format.ts';
import type { Locale } from '../../lib/i18n/locales.ts';
import { conflict, invalid, type DomainError } from '../errors.ts';
import type { Refusal } from './money-rules.ts';
import { formatShareBp } from './tranche-split.ts';

/** A calendar day (`YYYY-MM-DD`, a Rome day) for people: noon UTC falls on the same day in Rome. */
export function formatDay(day: string, locale: Locale): string {
  return formatDate(new Date(`${day}T12:00:00Z`), locale);
}

/**
 * A refusal as a domain error whose details are ready for the message: `…Cents` also as money,
 * `…Bp` as a percentage and `…On` days as dates, in the person's language; the raw values stay
 * for logs and tests. Refusals tied to a form field are `invalid`, the others `conflict`.
 */
export function refusalError(r: Refusal, locale: Locale): DomainError {
  const details: Record<string, unknown> = { ...r.details };
  for (const [key, value] of Object.entries(r.details)) {
    if (key.endsWith('Cents') && typeof value === 'number') details[key.slice(0, -5)] = formatMoney(value, locale);
    else if (key.endsWith('Bp') && typeof value === 'number') details[key.slice(0, -2)] = formatShareBp(value, locale);
    else if (key.endsWith('On') && typeof value === 'string') details[key] = formatDay(value, locale);
  }
  return typeof r.details.field === 'string' ? invalid(r.code, details) : conflict(r.code, details);
}

/** Throws the refusal when there is one. */
export function assertAllowed(r: Refusal | null, locale: Locale): void {
  if (r) throw refusalError(r, locale);
}
