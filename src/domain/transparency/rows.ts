/** Raw-query helpers shared by the transparency read models. */

export type Row = Record<string, unknown>;

/** postgres.js answers raw queries with an array of rows, PGlite with `{ rows }`. */
export function rowsOf(result: unknown): Row[] {
  return (Array.isArray(result) ? result : (result as { rows: Row[] }).rows) as Row[];
}

/** Drivers return bigint columns and sums as strings: integer cents (safe far below 2^53). */
export function toCents(value: unknown): number {
  if (value == null) return 0;
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`Money must be integer cents, got ${String(value)}`);
  return n;
}

export const isTrue = (value: unknown): boolean => value === true || value === 't';

/** A page number from the address, within 1 … the last page (a stale or typed link shows the nearest page). */
export function clampPage(page: number, total: number, pageSize: number): number {
  const last = Math.max(1, Math.ceil(total / pageSize));
  return Number.isSafeInteger(page) ? Math.min(Math.max(1, page), last) : 1;
}
