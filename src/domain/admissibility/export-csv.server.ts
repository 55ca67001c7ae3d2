import { and } from 'drizzle-orm';
import type { Db } from '../../lib/server/db/index.ts';
import { translator } from '../../lib/i18n/index.ts';
import type { Locale } from '../../lib/i18n/locales.ts';
import type { RequestContext } from '../context.ts';
import { authorize } from '../policy.ts';
import { requireCall } from './admissibility.repo.server.ts';
import { centsToCsvEuros, CSV_BOM, csvColumns, csvRow, romeTimestamp } from './csv.ts';
import { afterSeq, listCondition, selectRows, type ProposalListRow } from './list-proposals.server.ts';
import type { ListFilter } from './schema.ts';

/** Rows read per query: the export never holds the whole list in memory. */
const CHUNK = 500;

/**
 * The list of a call's proposals with the same filters as the page, as CSV (see csv.ts for the
 * format). Permission and the call are checked before the first byte, so an error is a proper
 * error page and never half a file; then rows are read in protocol order, CHUNK at a time.
 */
export async function exportProposalsCsv(db: Db, ctx: RequestContext, callId: string, filter: Omit<ListFilter, 'page'>, locale: Locale) {
  authorize(ctx.actor, 'proposal.list');
  const call = await requireCall(db, callId);
  const where = listCondition(callId, filter);
  const t = translator(locale);
  const fileName = `proposte-${call.slug}-${romeTimestamp(ctx.now()).slice(0, 10)}.csv`;

  async function* chunks(): AsyncGenerator<string> {
    yield CSV_BOM + csvRow(csvColumns.map((c) => t(`admissibility.csv.${c}`)));
    let last = 0;
    for (;;) {
      const rows = await selectRows(db, and(where, afterSeq(last))!).limit(CHUNK);
      if (rows.length === 0) return;
      yield rows.map((r) => csvRow(cells(r, t))).join('');
      last = rows[rows.length - 1]!.protocolSeq!;
      if (rows.length < CHUNK) return;
    }
  }
  return { fileName, chunks: chunks() };
}

function cells(r: ProposalListRow, t: ReturnType<typeof translator>): (string | null)[] {
  return [
    r.protocolNumber,
    r.submittedAt ? romeTimestamp(r.submittedAt) : null,
    t(`admissibility.status.${r.status}`),
    t(`admissibility.applicantTypes.${r.applicantType}`),
    r.organisationName,
    r.title,
    r.neighbourhoodName,
    centsToCsvEuros(r.requestedCents),
    r.proposerName,
    r.proposerEmail,
  ];
}
