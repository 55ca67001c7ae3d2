/**
 * A call's tranche plan splits each grant in shares (basis points: 4000 = 40 %). The split is in
 * integer cents with the largest-remainder method (Hamilton): every tranche gets the floor of its
 * exact share, and the cents left over go one each to the tranches with the largest remainders
 * (ties to the earlier tranche). The tranches then total the awarded amount exactly, and none is
 * more than one cent from its exact share. Arithmetic in BigInt: awarded × share can pass 2^53.
 */

/** A plan's shares total 100 %: 10,000 basis points. */
export const FULL_BP = 10_000;

export function splitByShares(totalCents: number, sharesBp: readonly number[]): number[] {
  if (!Number.isSafeInteger(totalCents) || totalCents < 0) throw new RangeError(`total must be integer cents, got ${totalCents}`);
  if (sharesBp.some((s) => !Number.isInteger(s) || s <= 0)) throw new RangeError('shares must be positive integers');
  if (sharesBp.reduce((a, b) => a + b, 0) !== FULL_BP) throw new RangeError('shares must total 10000 basis points');
  const total = BigInt(totalCents);
  const exact = sharesBp.map((bp, index) => ({ index, floor: (total * BigInt(bp)) / BigInt(FULL_BP), remainder: (total * BigInt(bp)) % BigInt(FULL_BP) }));
  let left = Number(total - exact.reduce((sum, e) => sum + e.floor, 0n));
  const byRemainder = [...exact].sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  const amounts = exact.map((e) => e.floor);
  for (const e of byRemainder) {
    if (left === 0) break;
    amounts[e.index]! += 1n;
    left -= 1;
  }
  return amounts.map(Number);
}

const PERCENT = /^(\d{1,3})(?:[.,](\d{1,2}))?$/;

/**
 * A share typed as a percentage (`40`, `33,33`, `12.5 %`) → basis points, by string arithmetic
 * (no floats); null unless it is more than 0 and at most 100 with at most two decimals.
 */
export function parsePercentBp(text: string): number | null {
  const match = PERCENT.exec(text.trim().replace(/\s*%$/, ''));
  if (!match) return null;
  const bp = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return bp > 0 && bp <= FULL_BP ? bp : null;
}

/** Basis points as a percentage for people (`40 %`, `33,33 %` in Italian, `33.33 %` in English). */
export function formatShareBp(bp: number, locale: 'it' | 'en'): string {
  const whole = Math.trunc(bp / 100);
  const fraction = String(bp % 100).padStart(2, '0').replace(/0+$/, '');
  return `${whole}${fraction ? `${locale === 'it' ? ',' : '.'}${fraction}` : ''} %`;
}

/** Basis points back as form input (`40`, `33,33`). */
export function shareInput(bp: number, locale: 'it' | 'en'): string {
  return formatShareBp(bp, locale).replace(/ %$/, '');
}
