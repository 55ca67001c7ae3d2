import { intlTag, type Locale } from '../../lib/i18n/locales.ts';

/**
 * A consolidated score (integer hundredths of a point) with exactly two decimals, `72,35` /
 * `72.35`, so a ranking's column reads evenly (`20,00`, not `20`). No float is stored: the
 * division happens only here, for display.
 */
export function formatScore(centipoints: number, locale: Locale): string {
  if (!Number.isSafeInteger(centipoints)) throw new RangeError(`Scores are integer hundredths, got ${centipoints}`);
  return new Intl.NumberFormat(intlTag[locale], { minimumFractionDigits: 2, maximumFractionDigits: 2, useGrouping: false }).format(centipoints / 100);
}
