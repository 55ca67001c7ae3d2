import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { audit } from './axe.ts';
import { pressAndLoad } from './browser.ts';

/**
 * Helpers for the money journey (tests/e2e/money-journey.test.ts): keyboard activation, reading
 * euro amounts as the portal prints them (it-IT), the tables of /transparency and a small CSV reader
 * for the semicolon-separated exports (README decision 12).
 */

/** Focuses a link or button, presses Enter, waits for the new page and audits it. */
export async function activate(page: Page, control: Locator): Promise<void> {
  await pressAndLoad(page, control, 'Enter');
  await audit(page);
}

const euroFormat = new Intl.NumberFormat('it-IT', { style: 'currency', currency: 'EUR', useGrouping: 'always' });

/**
 * An amount in integer cents as an Italian reader sees it ("20.800,00 €", and "4.000,00 €": the
 * portal groups four-digit amounts too, where Intl's it-IT default would not). Written with Intl
 * here, not the app's formatter, so the test checks the page against an independent rendering.
 * Whitespace is normalised (Intl uses a no-break space).
 */
export function euro(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`cents expected, got ${cents}`);
  return squash(euroFormat.format(cents / 100));
}

/** "16.800,00 €", "4000,00" (CSV) or "4000" (a form's amount) → cents; throws on anything else. */
export function cents(text: string): number {
  const m = /^(-?)(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{2}))?(?:\s*€)?$/.exec(squash(text));
  if (!m) throw new Error(`not an Italian euro amount: "${text}"`);
  const value = Number(m[2]!.replace(/\./g, '')) * 100 + Number(m[3] ?? 0);
  return m[1] ? -value : value;
}

export const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * A table located by its caption (or by the region that labels it): each body row as its row
 * header's text → { column header → cell text }. Row headers are keyed by their own text only
 * (a <span> under the name, e.g. the project under the beneficiary, is part of that text).
 */
export async function tableByCaption(page: Page, caption: string): Promise<Map<string, Record<string, string>>> {
  const table = page.locator('main table', { has: page.locator('caption', { hasText: caption }) });
  expect(await table.count(), `one table captioned "${caption}"`).toBe(1);
  const headers = (await table.locator('thead th').allTextContents()).map(squash);
  const rows = new Map<string, Record<string, string>>();
  for (const row of await table.locator('tbody tr, tfoot tr').all()) {
    const cells = (await row.locator('th, td').allTextContents()).map(squash);
    rows.set(cells[0]!, Object.fromEntries(headers.map((h, i) => [h, cells[i] ?? ''])));
  }
  return rows;
}

/** The row whose header starts with `label` (throws when there is none, or several). */
export function rowOf(rows: Map<string, Record<string, string>>, label: string): Record<string, string> {
  const found = [...rows.entries()].filter(([key]) => key.startsWith(label));
  if (found.length !== 1) throw new Error(`expected one row starting with "${label}", found ${found.length}: ${[...rows.keys()].join(' | ')}`);
  return found[0]![1];
}

/**
 * A semicolon-separated file as the portal writes it: optional BOM, CRLF, fields quoted when they
 * hold a separator, a quote or a line break (quotes doubled). Returns the header and the records.
 */
export function parseCsv(text: string): { header: string[]; records: Record<string, string>[] } {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i += 1) {
    const ch = body[i]!;
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ';') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && body[i + 1] === '\n') i += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  const [header = [], ...data] = rows;
  for (const [i, r] of data.entries()) {
    if (r.length !== header.length) throw new Error(`CSV line ${i + 2} has ${r.length} fields, the header ${header.length}`);
  }
  return { header, records: data.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]!]))) };
}

/** What /it/transparency says about money: the figures this journey follows. */
export type PublicFigures = {
  programmeDisbursed: number;
  callPlanned: number;
  callCommitted: number;
  callDisbursed: number;
  /** The call's row in the resources table: private donations bound by an agreement. */
  callPledges: number;
  /** Donations by state: bound by an agreement (not yet fully paid out). */
  donationsCommitted: number;
  /** "Totale erogato: … in N pagamenti." */
  paymentsLine: string;
  /** The grant of the beneficiary followed, its paid-out column. */
  grantDisbursed: number;
};

/** Reads the transparency page that is open (Italian). */
export async function readPublicFigures(page: Page, programme: string, call: string, beneficiary: string): Promise<PublicFigures> {
  const programmes = rowOf(await tableByCaption(page, 'Avanzamento finanziario dei programmi: importi'), programme);
  const calls = rowOf(await tableByCaption(page, 'Avanzamento finanziario degli avvisi: importi'), call);
  const resources = rowOf(await tableByCaption(page, 'Dotazione degli avvisi'), call);
  const donations = rowOf(await tableByCaption(page, 'Donazioni per stato'), 'Vincolate da accordo');
  const grants = rowOf(await tableByCaption(page, 'Contributi concessi'), beneficiary);
  return {
    programmeDisbursed: cents(programmes['Erogato']!),
    callPlanned: cents(calls['Programmato']!),
    callCommitted: cents(calls['Giuridicamente vincolante']!),
    callDisbursed: cents(calls['Erogato']!),
    callPledges: cents(resources['Donazioni vincolate']!),
    donationsCommitted: cents(donations['Importo']!),
    paymentsLine: squash((await page.locator('main section[aria-labelledby="payments"] p.fw-semibold').textContent()) ?? ''),
    grantDisbursed: cents(grants['Erogato']!),
  };
}

/** The first description list in <main> (facts of a pledge or a grant): term → description. */
export async function definitions(page: Page): Promise<Record<string, string>> {
  const list = page.locator('main dl').first();
  const terms = (await list.locator('dt').allTextContents()).map(squash);
  const values = (await list.locator('dd').allTextContents()).map(squash);
  expect(values.length).toBe(terms.length);
  return Object.fromEntries(terms.map((term, i) => [term, values[i]!]));
}
