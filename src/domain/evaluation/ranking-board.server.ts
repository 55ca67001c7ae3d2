import type { Db } from '../../lib/server/db/index.ts';
import { requireCall } from '../admissibility/admissibility.repo.server.ts';
import type { RequestContext } from '../context.ts';
import { authorize } from '../policy.ts';
import { computationOf, freezeMethod, readMethod, type FrozenMethod } from './ranking-method.ts';
import { countPendingRescoring, countUnanswered, countUnscored, fundedTotal, outcomeCounts, rankingHistory, type OutcomeCounts, type RankingRow } from './ranking-repo.server.ts';
import { countOutcomes, type RankedEntry } from './ranking-rules.ts';
import { computeRankingSql } from './ranking-sql.server.ts';
import { computedRows, publishedRows, type RankingViewRow } from './ranking-view.server.ts';
import { getEvaluationSettings, type CallRow } from './settings.server.ts';

export const BOARD_PAGE_SIZE = 50;

/** What stands between the ranking and its next publication, as catalogue codes (`ranking.errors.<code>`). */
export type Blocker = { code: string; params: Record<string, number | Date> };
export type Stage = 'not_ready' | 'in_review' | 'provisional' | 'final';

export type RankingBoard = {
  call: CallRow;
  stage: Stage;
  method: FrozenMethod;
  /** `preview`: computed now, not published; `published`: the latest final ranking. */
  source: 'preview' | 'published' | null;
  history: RankingRow[];
  rows: RankingViewRow[];
  total: number;
  counts: OutcomeCounts;
  budgetCents: number;
  fundedCents: number;
  page: number;
  pageSize: number;
  blockers: Blocker[];
  observationsCloseAt: Date | null;
};

/**
 * The staff ranking page: while in review (and during the observation window) the ranking as it
 * would be published now, computed by the database, with what still prevents publishing; after
 * the final ranking, the latest published one, for scorrimento.
 */
export async function getRankingBoard(db: Db, ctx: RequestContext, callId: string, page: number): Promise<RankingBoard> {
  authorize(ctx.actor, 'evaluation.manage');
  const call = await requireCall(db, callId);
  const history = await rankingHistory(db, call.id);
  const provisional = history.find((r) => r.kind === 'provisional') ?? null;
  const method = (provisional && readMethod(provisional.method)) || freezeMethod(call, await getEvaluationSettings(db, call.id));
  const stage = stageOf(call);
  const empty = { rows: [], total: 0, counts: { funded: 0, eligible_not_funded: 0, below_threshold: 0 }, budgetCents: call.budgetCents, fundedCents: 0 };
  const base = { call, stage, method, history, page, pageSize: BOARD_PAGE_SIZE, observationsCloseAt: provisional?.observationsCloseAt ?? null };
  if (stage === 'not_ready') return { ...base, ...empty, source: null, blockers: [] };
  if (stage === 'final') return { ...base, ...(await published(db, history[0]!, method, page)), source: 'published', blockers: [] };

  const computed = method.criteria.length ? await computeRankingSql(db, call.id, computationOf(method, call.budgetCents)) : [];
  const pageOf = clampPage(page, computed.length);
  return {
    ...base,
    page: pageOf,
    source: 'preview',
    rows: await computedRows(db, computed.slice((pageOf - 1) * BOARD_PAGE_SIZE, pageOf * BOARD_PAGE_SIZE)),
    total: computed.length,
    counts: countOutcomes(computed),
    budgetCents: call.budgetCents,
    fundedCents: computed.reduce((sum, r) => sum + r.grantCents, 0),
    blockers: await blockersOf(db, ctx, call, stage, computed, method, provisional),
  };
}

function stageOf(call: CallRow): Stage {
  if (call.phase === 'in_review') return 'in_review';
  if (call.phase === 'ranking_provisional') return 'provisional';
  if (call.phase === 'ranking_final' || call.phase === 'archived') return 'final';
  return 'not_ready';
}

async function published(db: Db, ranking: RankingRow, method: FrozenMethod, page: number) {
  const counts = await outcomeCounts(db, ranking.id);
  const total = counts.funded + counts.eligible_not_funded + counts.below_threshold;
  const p = clampPage(page, total);
  const rows = await publishedRows(db, ranking.id, BOARD_PAGE_SIZE, (p - 1) * BOARD_PAGE_SIZE, method.maxGrantCents);
  return { rows, total, counts, page: p, budgetCents: ranking.budgetCents, fundedCents: await fundedTotal(db, ranking.id) };
}

const clampPage = (page: number, total: number) => Math.min(Math.max(1, page), Math.max(1, Math.ceil(total / BOARD_PAGE_SIZE)));

/** The same preconditions publishProvisional and publishFinal enforce, listed instead of thrown. */
async function blockersOf(db: Db, ctx: RequestContext, call: CallRow, stage: Stage, computed: RankedEntry[], method: FrozenMethod, provisional: RankingRow | null): Promise<Blocker[]> {
  const out: Blocker[] = [];
  const add = (code: string, params: Record<string, number | Date> = {}) => out.push({ code, params });
  if (method.criteria.length === 0) add('rubric_empty');
  const incomplete = computed.filter((r) => !r.complete).length;
  if (stage === 'in_review') {
    const unscored = await countUnscored(db, call.id);
    if (unscored > 0) add('proposals_not_scored', { count: unscored });
    if (computed.length === 0 && method.criteria.length) add('nothing_to_rank');
  } else if (provisional) {
    if (provisional.observationsCloseAt && ctx.now() <= provisional.observationsCloseAt) add('observation_window_open', { closesAt: provisional.observationsCloseAt });
    const unanswered = await countUnanswered(db, provisional.id);
    if (unanswered > 0) add('observations_unanswered', { count: unanswered });
    const pending = await countPendingRescoring(db, call.id);
    if (pending > 0) add('rescoring_pending', { count: pending });
  }
  if (incomplete > 0) add(method.consolidation === 'consensus' ? 'consensus_incomplete' : 'scores_incomplete', { count: incomplete });
  return out;
}
