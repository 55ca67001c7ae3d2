import { centsToInput, parseEuroCents } from '../../lib/money.ts';
import { MAX_AMOUNT_CENTS } from './business-plan-rules.ts';

/**
 * Amounts of the financial plan as people type them (`1.234,56`, `1234.56`, `€ 900`), to integer
 * cents with a reason when they cannot be read. The euro grammar is the proposals' one
 * (src/lib/money.ts), so every form of the portal reads money the same way.
 */
export type AmountResult = { ok: true; cents: number } | { ok: false; code: 'amount_invalid' | 'amount_negative' | 'amount_too_large' };

export function parsePlanAmount(text: string): AmountResult {
  const trimmed = text.trim();
  // An empty cell is nothing planned for that year, as in a spreadsheet.
  if (trimmed === '') return { ok: true, cents: 0 };
  if (/^[-−–]/.test(trimmed)) return { ok: false, code: 'amount_negative' };
  const cents = parseEuroCents(trimmed);
  if (cents === null) return { ok: false, code: looksTooLarge(trimmed) ? 'amount_too_large' : 'amount_invalid' };
  return cents > MAX_AMOUNT_CENTS ? { ok: false, code: 'amount_too_large' } : { ok: true, cents };
}

/**
 * A well-formed amount the parser refused only for its size (its ceiling is 10^10 €): say "too
 * large", not "unreadable". Whole euros of eleven digits or more are at least 10^10 €.
 */
function looksTooLarge(text: string): boolean {
  const cleaned = text.replace(/^(?:€|eur(?:o)?)\s*|\s*(?:€|eur(?:o)?)$/gi, '').replace(/[\s'’\u00a0\u202f]/g, '');
  const match = /^(\d+|\d{1,3}(?:[.,]\d{3})+)(?:[.,]\d{1,2})?$/.exec(cleaned);
  return match !== null && match[1]!.replace(/[.,]/g, '').replace(/^0+/, '').length > 10;
}

/** Cents back into the form, as the person's language writes them (`1500,50` / `1500.50`); 0 as `0`. */
export function amountToInput(cents: number, locale: 'it' | 'en'): string {
  return centsToInput(cents, locale);
}
