import { romeWallClock } from '../../lib/format.ts';

/**
 * CSV for the office's spreadsheets (RFC 4180 quoting, CRLF line ends).
 *
 * Decisions: the separator is `;` and amounts are euros with a
 * decimal comma and no thousands separator (`1500,50`), because Excel and LibreOffice set up for
 * Italian read `,` as the decimal mark and `;` as the list separator: with them a double click
 * opens the file in columns with numbers that add up. The file starts with a UTF-8 byte order mark,
 * without which Excel reads UTF-8 as Windows-1252 and spoils accented names.
 */
export const CSV_SEPARATOR = ';';
export const CSV_BOM = '\uFEFF';
const LINE_END = '\r\n';

/** The column order is part of the file's contract with the office's spreadsheets: append, never reorder. */
export const csvColumns = [
  'protocol',
  'submittedAt',
  'status',
  'applicantType',
  'organisation',
  'title',
  'neighbourhood',
  'requestedEuros',
  'proposerName',
  'proposerEmail',
] as const;

/**
 * Cells a spreadsheet would run as a formula (OWASP "CSV injection"): `=`, `+`, `-`, `@`, and tab
 * or carriage return, which some programs strip before looking. A leading apostrophe makes the
 * spreadsheet show the text as typed.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(cells: readonly (string | number | null | undefined)[]): string {
  return cells.map(csvCell).join(CSV_SEPARATOR) + LINE_END;
}

/** Integer cents as `1500,50`: exact, no floating point on the way. */
export function centsToCsvEuros(cents: number | null): string {
  if (cents === null) return '';
  if (!Number.isSafeInteger(cents)) throw new RangeError(`Money must be integer cents, got ${cents}`);
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, '0')}`;
}

/** `2026-03-10 12:00:05` on the Rome clock: sortable, and read as a date-time by spreadsheets. */
export function romeTimestamp(date: Date): string {
  const p = romeWallClock(date);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}
