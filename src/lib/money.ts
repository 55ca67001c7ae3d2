/**
 * People type amounts in euros the way they write them: `1.500,50`, `1500,5`, `€ 1.500`,
 * `1500.50`, `1,500.50`. This turns such text into integer cents with string arithmetic only
 * (no floats, so 0,1 + 0,2 never becomes 0,30000000000000004).
 *
 * One separator followed by exactly three digits groups thousands (`1.500` is one thousand five
 * hundred, as an Italian reads it); followed by one or two digits it marks the decimals. With both
 * separators the last one marks the decimals.
 */

/** The largest amount accepted: ten billion euros, far above any call, still a safe integer. */
export const MAX_CENTS = 1_000_000_000_000;

const GROUPED = /^\d{1,3}(?:[.,]\d{3})+$/;

export function parseEuroCents(text: string): number | null {
  const cleaned = text
    .trim()
    .replace(/^(?:€|eur(?:o)?)\s*/i, '')
    .replace(/\s*(?:€|eur(?:o)?)$/i, '')
    .replace(/[\s\u00a0\u202f'’]/g, '');
  if (!/^\d[\d.,]*$/.test(cleaned) || /[.,]$/.test(cleaned)) return null;
  const split = splitDecimals(cleaned);
  if (!split) return null;
  const [whole, fraction] = split;
  const cents = BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0'));
  return cents <= BigInt(MAX_CENTS) ? Number(cents) : null;
}

/** Whole euros (digits only) and up to two decimal digits, or null when the text is ambiguous. */
function splitDecimals(text: string): [string, string] | null {
  const lastDot = text.lastIndexOf('.');
  const lastComma = text.lastIndexOf(',');
  const separators = (text.match(/[.,]/g) ?? []).length;
  if (separators === 0) return [text, ''];
  const decimalAt = Math.max(lastDot, lastComma);
  const tail = text.slice(decimalAt + 1);
  const bothKinds = lastDot >= 0 && lastComma >= 0;
  const groupsOnly = !bothKinds && tail.length === 3;
  if (groupsOnly) return GROUPED.test(text) && sameSeparator(text) ? [text.replace(/[.,]/g, ''), ''] : null;
  if (tail.length > 2) return null;
  const head = text.slice(0, decimalAt);
  const headOk = /^\d+$/.test(head) || (GROUPED.test(head) && sameSeparator(head) && !head.includes(text[decimalAt]!));
  return headOk ? [head.replace(/[.,]/g, ''), tail] : null;
}

function sameSeparator(text: string): boolean {
  return !(text.includes('.') && text.includes(','));
}

/** Cents as people type them back in a form (`1500,50` in Italian, `1500.50` in English). */
export function centsToInput(cents: number, locale: 'it' | 'en'): string {
  const whole = Math.trunc(cents / 100);
  const fraction = String(cents % 100).padStart(2, '0');
  if (fraction === '00') return String(whole);
  return `${whole}${locale === 'it' ? ',' : '.'}${fraction}`;
}
