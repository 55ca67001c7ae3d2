import { formatDate, romeDayStart } from '../../lib/format.ts';
import type { Locale } from '../../lib/i18n/locales.ts';

/** A Rome calendar day (`YYYY-MM-DD`, how due dates are stored) in words: `15 marzo 2026`. */
export function formatDay(day: string, locale: Locale): string {
  return formatDate(romeDayStart(day), locale);
}
