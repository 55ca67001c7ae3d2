import type { Db } from '../../lib/server/db/index.ts';
import { computationOf, freezeMethod, readMethod, type FrozenMethod } from './ranking-method.ts';
import { outcomeCounts, rankingHistory, type RankingRow } from './ranking-repo.server.ts';
import type { RankedEntry } from './ranking-rules.ts';
import { computeRankingSql } from './ranking-sql.server.ts';
import { computedRows, publishedRows, type RankingViewRow } from './ranking-view.server.ts';
import { getEvaluationSettings, type CallRow } from './settings.server.ts';

/**
 * The ranking the exports (CSV, minutes) report: the latest published one, or while none is
 * published and the call is in review, the ranking as it would be published now.
 */
export type RankingSource = {
  kind: 'provisional' | 'final' | 'preview';
  ranking: RankingRow | null;
  method: FrozenMethod;
  total: number;
  /** The rows in position order, `size` at a time (a published ranking is read a page at a time). */
  chunks(size: number): AsyncGenerator<RankingViewRow[]>;
};

export async function rankingSource(db: Db, call: CallRow): Promise<RankingSource> {
  const latest = (await rankingHistory(db, call.id))[0] ?? null;
  const method = (latest && readMethod(latest.method)) || freezeMethod(call, await getEvaluationSettings(db, call.id));
  if (latest) {
    const counts = await outcomeCounts(db, latest.id);
    const total = counts.funded + counts.eligible_not_funded + counts.below_threshold;
    return {
      kind: latest.kind,
      ranking: latest,
      method,
      total,
      async *chunks(size) {
        for (let offset = 0; offset < total; offset += size) yield publishedRows(db, latest.id, size, offset, method.maxGrantCents);
      },
    };
  }
  const computable = method.criteria.length > 0 && call.phase === 'in_review';
  const ranked: RankedEntry[] = computable ? await computeRankingSql(db, call.id, computationOf(method, call.budgetCents)) : [];
  return {
    kind: 'preview',
    ranking: null,
    method,
    total: ranked.length,
    async *chunks(size) {
      for (let i = 0; i < ranked.length; i += size) yield computedRows(db, ranked.slice(i, i + size));
    },
  };
}

/** Every row at once (the minutes need them all). */
export async function exportRankingRows(db: Db, call: CallRow): Promise<RankingSource & { rows: RankingViewRow[] }> {
  const source = await rankingSource(db, call);
  const rows: RankingViewRow[] = [];
  for await (const chunk of source.chunks(1000)) rows.push(...chunk);
  return { ...source, rows };
}
