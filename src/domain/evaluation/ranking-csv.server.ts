import type { Db } from '../../lib/server/db/index.ts';
import { translator, type Translate } from '../../lib/i18n/index.ts';
import type { Locale } from '../../lib/i18n/locales.ts';
import { requireCall } from '../admissibility/admissibility.repo.server.ts';
import { centsToCsvEuros, CSV_BOM, csvRow, romeTimestamp } from '../admissibility/csv.ts';
import { localized } from '../calls/localized.ts';
import type { RequestContext } from '../context.ts';
import { authorize } from '../policy.ts';
import type { FrozenMethod } from './ranking-method.ts';
import { rankingSource } from './ranking-source.server.ts';
import { publicNameText } from '../proposals/public-name.ts';
import { publicName, type RankingViewRow } from './ranking-view.server.ts';

/**
 * The ranking as CSV for the office (same format as the proposals export: `;`, BOM, CRLF,
 * decimal commas, formula cells neutralised; see admissibility/csv.ts). The latest published
 * ranking, or while none is published the ranking as it would be published now (ranking-source). Like the public
 * page it names organisations, and people only with their consent (public-name.ts), so the file
 * can go with the act that approves the ranking.
 *
 * Columns: these, in this order (append, never reorder), then one per rubric criterion in rubric
 * order, headed by its label.
 */
export const rankingCsvColumns = ['position', 'protocol', 'title', 'applicantType', 'organisation', 'score', 'outcome', 'grantEuros', 'failedThresholds', 'firstSubmittedAt'] as const;

const CHUNK = 500;

export async function exportRankingCsv(db: Db, ctx: RequestContext, callId: string, locale: Locale) {
  authorize(ctx.actor, 'evaluation.manage');
  const call = await requireCall(db, callId);
  const source = await rankingSource(db, call);
  const t = translator(locale);
  const fileName = `${t(`ranking.csv.fileName.${source.kind}`)}-${call.slug}-${romeTimestamp(ctx.now()).slice(0, 10)}.csv`;
  const criteria = source.method.criteria.map((c) => `${localized(c.label.it, c.label.en, locale).text} (max ${c.maxPoints})`);
  const header = [...rankingCsvColumns.map((c) => t(`ranking.csv.columns.${c}`)), ...criteria];

  async function* chunks(): AsyncGenerator<string> {
    yield CSV_BOM + csvRow(header);
    for await (const rows of source.chunks(CHUNK)) yield lines(rows, source.method, t);
  }
  return { fileName, chunks: chunks() };
}

function lines(rows: readonly RankingViewRow[], method: FrozenMethod, t: Translate): string {
  const label = new Map(method.criteria.map((c) => [c.key, localized(c.label.it, c.label.en, t.locale).text]));
  return rows
    .map((r) =>
      csvRow([
        r.position,
        r.protocolNumber,
        r.title,
        t(`admissibility.applicantTypes.${r.applicantType}`),
        publicNameText(publicName(r), t),
        // Hundredths of a point with a decimal comma, exactly like cents.
        centsToCsvEuros(r.scoreCentipoints),
        t(`ranking.outcome.${r.outcome}`),
        centsToCsvEuros(r.outcome === 'funded' ? r.grantCents : 0),
        r.failedThresholds.map((k) => label.get(k) ?? k).join(', '),
        r.firstSubmittedAt ? romeTimestamp(r.firstSubmittedAt) : null,
        ...method.criteria.map((c) => centsToCsvEuros(r.criteria[c.key] ?? 0)),
      ]),
    )
    .join('');
}
