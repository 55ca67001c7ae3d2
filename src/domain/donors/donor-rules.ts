import type { donors } from '../../../db/schema/index.ts';
import { romeWallClock } from '../../lib/format.ts';

export type DonorStatus = (typeof donors.$inferSelect)['status'];
export type DonorKind = (typeof donors.$inferSelect)['kind'];

/**
 * A sign-up waits for staff; only a waiting one can be decided, once. Invited donors are created
 * `approved` (the office already knows them), so they never pass through here.
 */
export function canDecide(status: DonorStatus): boolean {
  return status === 'pending';
}

/**
 * Italian tax identifiers, the only kinds the office's agreements carry: a person's codice fiscale
 * (16 characters, check letter per D.M. 23/12/1976, with "omocodia" letters in digit places) or an
 * 11-digit number (partita IVA, or the numeric codice fiscale of associations and companies, same
 * check digit). Returns the normalised code, or null when it is neither.
 */
export function normaliseTaxCode(raw: string): string | null {
  const code = raw.replace(/[\s.-]/g, '').toUpperCase();
  if (/^\d{11}$/.test(code)) return numericCheckOk(code) ? code : null;
  if (PERSONAL_CF.test(code)) return personalCheckLetter(code) === code[15] ? code : null;
  return null;
}

const PERSONAL_CF = /^[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/;
/** Values of characters in odd positions (1st, 3rd, …), digits and letters alike. */
const ODD = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];

function charIndex(ch: string): number {
  return /\d/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 65;
}

function personalCheckLetter(code: string): string {
  let sum = 0;
  for (let i = 0; i < 15; i++) sum += i % 2 === 0 ? ODD[charIndex(code[i]!)]! : charIndex(code[i]!);
  return String.fromCharCode(65 + (sum % 26));
}

/** Luhn-like check of the partita IVA: odd positions as they are, even ones doubled (minus 9 above 9). */
function numericCheckOk(code: string): boolean {
  let sum = 0;
  for (let i = 0; i < 11; i++) {
    const d = Number(code[i]);
    if (i % 2 === 0) sum += d;
    else sum += d * 2 > 9 ? d * 2 - 9 : d * 2;
  }
  return sum % 10 === 0;
}

/** The Rome calendar day of an instant, `YYYY-MM-DD`. */
export function romeDay(instant: Date): string {
  const p = romeWallClock(instant);
  return `${p.year}-${p.month}-${p.day}`;
}

/** A short, stable reference for a pledge shown to donors and staff (`IMP-1A2B3C4D`). */
export function pledgeCode(pledgeId: string): string {
  return `IMP-${pledgeId.replace(/-/g, '').slice(0, 8).toUpperCase()}`;
}
