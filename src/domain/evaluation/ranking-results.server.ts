import type { Queryable } from '../../lib/server/db/index.ts';
import { viewCall } from '../calls/public-calls.server.ts';
import type { PublicCall } from '../calls/calls.repo.server.ts';
import type { RequestContext } from '../context.ts';
import { readMethod, type FrozenMethod } from './ranking-method.ts';
import { fundedTotal, outcomeCounts, rankingHistory, type OutcomeCounts, type RankingRow } from './ranking-repo.server.ts';
import type { Outcome } from './ranking-rules.ts';
import type { PublicName } from '../proposals/public-name.ts';
import { publicName, publishedRows } from './ranking-view.server.ts';

export const RESULTS_PAGE_SIZE = 100;

/** What the public results table shows of a ranked proposal: no personal data. */
export type PublicResultRow = {
  position: number;
  protocolNumber: string | null;
  /** Associations and social cooperatives by name; individuals and informal groups only with the proposer's consent (public-name.ts). */
  name: PublicName | null;
  scoreCentipoints: number;
  criteria: Record<string, number>;
  failedThresholds: string[];
  outcome: Outcome;
  grantCents: number;
};

export type PublicResults = {
  call: PublicCall;
  /** The ranking shown: the latest published (a scorrimento publishes a new final one). */
  ranking: (RankingRow & { method: FrozenMethod }) | null;
  provisional: RankingRow | null;
  /** The first final ranking (approved after the observations), when there is one. */
  finalApproved: RankingRow | null;
  rows: PublicResultRow[];
  counts: OutcomeCounts;
  total: number;
  fundedCents: number;
  page: number;
  pageSize: number;
};

/**
 * The published ranking of a call, as anyone may read it (D.lgs. 33/2013 art. 26–27: grants and
 * their criteria are published). Nothing depends on who asks, so the page can be cached.
 * Null when the call is unknown or a draft.
 */
export async function viewResults(db: Queryable, ctx: RequestContext, slug: string, page: number): Promise<PublicResults | null> {
  const call = await viewCall(db, ctx, slug);
  if (!call) return null;
  const history = await rankingHistory(db, call.id);
  const latest = history[0] ?? null;
  const method = latest ? readMethod(latest.method) : null;
  const provisional = history.find((r) => r.kind === 'provisional') ?? null;
  const finalApproved = history.filter((r) => r.kind === 'final').at(-1) ?? null;
  const empty = { rows: [], counts: { funded: 0, eligible_not_funded: 0, below_threshold: 0 }, total: 0, fundedCents: 0, page: 1, pageSize: RESULTS_PAGE_SIZE };
  if (!latest || !method) return { call, ranking: null, provisional, finalApproved, ...empty };

  const counts = await outcomeCounts(db, latest.id);
  const total = counts.funded + counts.eligible_not_funded + counts.below_threshold;
  const p = Math.min(Math.max(1, page), Math.max(1, Math.ceil(total / RESULTS_PAGE_SIZE)));
  const rows = await publishedRows(db, latest.id, RESULTS_PAGE_SIZE, (p - 1) * RESULTS_PAGE_SIZE, method.maxGrantCents);
  return {
    call,
    ranking: { ...latest, method },
    provisional,
    finalApproved,
    rows: rows.map((r) => ({
      position: r.position,
      protocolNumber: r.protocolNumber,
      name: publicName(r),
      scoreCentipoints: r.scoreCentipoints,
      criteria: r.criteria,
      failedThresholds: r.failedThresholds,
      outcome: r.outcome,
      grantCents: r.outcome === 'funded' ? r.grantCents : 0,
    })),
    counts,
    total,
    fundedCents: await fundedTotal(db, latest.id),
    page: p,
    pageSize: RESULTS_PAGE_SIZE,
  };
}
