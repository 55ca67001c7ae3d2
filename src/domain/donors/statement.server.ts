import type { Db } from '../../lib/server/db/index.ts';
import { translator, type Translate } from '../../lib/i18n/index.ts';
import type { Locale } from '../../lib/i18n/locales.ts';
import { centsToCsvEuros, CSV_BOM, csvRow } from '../admissibility/csv.ts';
import type { RequestContext } from '../context.ts';
import { notFound } from '../errors.ts';
import type { DonorRow } from './donor-facts.server.ts';
import { romeDay } from './donor-rules.ts';
import { disbursementsOfDonor, pledgesOfDonor } from './donor-money.repo.server.ts';
import { resolveDonor } from './resolve-donor.server.ts';
import { donorTotals, statementEntries, type DonorTotals, type StatementEntry } from './statement-rules.ts';

export type Statement = { donor: DonorRow; locale: Locale; entries: StatementEntry[]; totals: DonorTotals; generatedAt: Date };

/** The donor's statement: its own pledges and the payments drawn on them, nothing of anyone else. */
export async function loadStatement(db: Db, ctx: RequestContext, requestedId: string | null, locale: Locale): Promise<Statement> {
  const resolved = await resolveDonor(db, ctx, requestedId);
  if (!resolved) throw notFound('donor_not_found');
  const t = translator(locale);
  const [pledges, disbursements] = await Promise.all([pledgesOfDonor(db, resolved.donor.id, t), disbursementsOfDonor(db, resolved.donor.id, t)]);
  return {
    donor: resolved.donor,
    locale,
    entries: statementEntries(pledges, disbursements),
    totals: donorTotals(pledges, disbursements),
    generatedAt: ctx.now(),
  };
}

/**
 * The statement's columns, in this order (append, never reorder): the file is read by the
 * donor's accounting. Amounts are euros with two decimals and a decimal comma, like every export
 * of the portal (README decision 12: `;`, BOM, CRLF, formula cells neutralised).
 */
export const statementColumns = ['date', 'type', 'pledge', 'target', 'amountEuros', 'status', 'reference'] as const;
/** After the lines, one line per total, its type naming it; the amount column of lines does not add up on its own. */
export const statementTotals = ['pledged', 'committed', 'disbursed'] as const;

export function statementCsv(statement: Statement): { fileName: string; body: string } {
  const t = translator(statement.locale);
  const day = romeDay(statement.generatedAt);
  const lines = [csvRow(statementColumns.map((c) => t(`donors.statement.columns.${c}`)))];
  for (const e of statement.entries) {
    lines.push(csvRow([e.date, t(`donors.statement.kinds.${e.kind}`), e.pledge, e.target, centsToCsvEuros(e.amountCents), statusText(t, e.status), e.reference]));
  }
  for (const total of statementTotals) {
    lines.push(csvRow([day, t(`donors.statement.totals.${total}`), null, null, centsToCsvEuros(statement.totals[`${total}Cents`]), null, null]));
  }
  return { fileName: `${t('donors.statement.fileName')}-${day}.csv`, body: CSV_BOM + lines.join('') };
}

export function statusText(t: Translate, status: StatementEntry['status']): string {
  return t(`donors.statuses.pledge.${status}`);
}
