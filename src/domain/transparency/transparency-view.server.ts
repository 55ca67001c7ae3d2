import type { Db } from '../../lib/server/db/index.ts';
import { callFigures, pledgeTotals, programmeFigures } from '../money/figures.server.ts';
import type { CallFigures, PledgeTotals, ProgrammeFigures } from '../money/figures.ts';
import { listPublicGrants, type PublicGrant } from './public-grants.server.ts';
import { listPublicPayments, type PublicPayment } from './public-payments.server.ts';

/** Rows per page of the grants and payments tables. */
export const TRANSPARENCY_PAGE_SIZE = 20;

export type TransparencyView = {
  programmes: ProgrammeFigures[];
  calls: CallFigures[];
  pledges: PledgeTotals;
  grants: { rows: PublicGrant[]; total: number; page: number };
  payments: { rows: PublicPayment[]; total: number; totalCents: number; page: number };
};

/** `?grants=3` → 3; anything else → 1 (clamped to the last page by the queries). */
export function pageParam(value: string | null): number {
  const n = value && /^\d{1,6}$/.test(value) ? Number(value) : 1;
  return Math.max(1, n);
}

/**
 * Everything the public transparency page shows, read in one read-only REPEATABLE READ
 * transaction so its figures, tables and totals come from the same instant and agree with each
 * other even while staff record payments. Anonymous: nothing here is personal (public-record.ts);
 * drafts never appear.
 */
export async function viewTransparency(db: Db, origin: string, pages: { grants: number; payments: number }): Promise<TransparencyView> {
  return db.transaction(
    async (tx) => {
      const calls = await callFigures(tx, { publishedOnly: true });
      const programmes = await programmeFigures(tx, { publishedOnly: true });
      const pledges = await pledgeTotals(tx);
      const grants = await listPublicGrants(tx, origin, { page: pages.grants, pageSize: TRANSPARENCY_PAGE_SIZE });
      const payments = await listPublicPayments(tx, { page: pages.payments, pageSize: TRANSPARENCY_PAGE_SIZE });
      return { programmes, calls, pledges, grants, payments };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}
