import { eq } from 'drizzle-orm';
import { calls } from '../../../db/schema/index.ts';
import type { Db, Queryable } from '../../lib/server/db/index.ts';
import { recordAudit } from '../audit/record-audit.server.ts';
import type { RequestContext } from '../context.ts';
import { conflict } from '../errors.ts';
import { authorize } from '../policy.ts';
import { sendFeedbackLetters } from './feedback.server.ts';
import { computationOf, freezeMethod, readMethod, type FrozenMethod } from './ranking-method.ts';
import { applyOutcomes, countPendingRescoring, countUnanswered, countUnscored, insertEntries, insertRanking, latestRanking, type OutcomeCounts } from './ranking-repo.server.ts';
import { countOutcomes, observationsCloseAt, type RankedEntry } from './ranking-rules.ts';
import { computeRankingSql } from './ranking-sql.server.ts';
import { getEvaluationSettings, lockEvaluationCall, type CallRow } from './settings.server.ts';

export { slideRanking } from './slide-ranking.server.ts';

export type PublishResult = { rankingId: string; kind: 'provisional' | 'final'; counts: OutcomeCounts; observationsCloseAt: Date | null; letters: number };

/**
 * The provisional ranking (graduatoria provvisoria): the call leaves review once every proposal is
 * scored; the ranking is frozen with its method, each proposal takes its outcome, the observation
 * window opens (call.observationDays Rome days) and every proposer gets a feedback letter, all in
 * one transaction under the call's lock.
 */
export async function publishProvisional(db: Db, ctx: RequestContext, callId: string): Promise<PublishResult> {
  authorize(ctx.actor, 'evaluation.manage');
  return db.transaction(async (tx) => {
    const call = await lockEvaluationCall(tx, callId);
    if (call.phase !== 'in_review') throw conflict('ranking_wrong_phase', { phase: call.phase });
    const unscored = await countUnscored(tx, call.id);
    if (unscored > 0) throw conflict('proposals_not_scored', { count: unscored });
    const method = freezeMethod(call, await getEvaluationSettings(tx, call.id));
    const now = ctx.now();
    const closes = observationsCloseAt(now, call.observationDays);
    const frozen = await freeze(tx, ctx, call, { kind: 'provisional', method, budgetCents: call.budgetCents, publishedAt: now, observationsCloseAt: closes });
    await setPhase(tx, call, 'ranking_provisional', now);
    const { queued } = await sendFeedbackLetters(tx, ctx, frozen.rankingId);
    return { ...frozen, kind: 'provisional', observationsCloseAt: closes, letters: queued };
  });
}

/**
 * The final ranking (graduatoria definitiva): once the observation window has closed, every
 * observation is answered and every re-scoring submitted, the ranking is computed again with the
 * provisional ranking's method and frozen as final.
 */
export async function publishFinal(db: Db, ctx: RequestContext, callId: string): Promise<PublishResult> {
  authorize(ctx.actor, 'evaluation.manage');
  return db.transaction(async (tx) => {
    const call = await lockEvaluationCall(tx, callId);
    if (call.phase !== 'ranking_provisional') throw conflict('ranking_wrong_phase', { phase: call.phase });
    const provisional = await latestRanking(tx, call.id, 'provisional');
    if (!provisional) throw conflict('no_provisional_ranking');
    const now = ctx.now();
    if (provisional.observationsCloseAt && now <= provisional.observationsCloseAt) throw conflict('observation_window_open', { closesAt: provisional.observationsCloseAt });
    const unanswered = await countUnanswered(tx, provisional.id);
    if (unanswered > 0) throw conflict('observations_unanswered', { count: unanswered });
    const pending = await countPendingRescoring(tx, call.id);
    if (pending > 0) throw conflict('rescoring_pending', { count: pending });
    const method = readMethod(provisional.method) ?? freezeMethod(call, await getEvaluationSettings(tx, call.id));
    const publishedAt = new Date(Math.max(now.getTime(), provisional.publishedAt.getTime() + 1));
    const frozen = await freeze(tx, ctx, call, { kind: 'final', method, budgetCents: call.budgetCents, publishedAt, observationsCloseAt: null });
    await setPhase(tx, call, 'ranking_final', now);
    return { ...frozen, kind: 'final', observationsCloseAt: null, letters: 0 };
  });
}

type Freeze = { kind: 'provisional' | 'final'; method: FrozenMethod; budgetCents: number; publishedAt: Date; observationsCloseAt: Date | null };

/** Computes (in the database), checks, stores the ranking and its entries, applies the outcomes, audits. */
async function freeze(tx: Queryable, ctx: RequestContext, call: CallRow, f: Freeze): Promise<{ rankingId: string; counts: OutcomeCounts }> {
  const rows = await rankedRows(tx, call, f.method, f.budgetCents);
  const ranking = await insertRanking(tx, { callId: call.id, ...f, publishedBy: ctx.actor?.userId ?? null });
  await insertEntries(tx, ranking.id, rows);
  await applyOutcomes(tx, ranking.id, f.publishedAt, ctx.actor?.userId ?? null);
  const counts = countOutcomes(rows);
  const fundedCents = rows.reduce((sum, r) => sum + r.grantCents, 0);
  await recordAudit(tx, ctx, {
    action: 'ranking.published',
    entityType: 'ranking',
    entityId: ranking.id,
    summary: { callId: call.id, kind: f.kind, phaseFrom: call.phase, counts, budgetCents: f.budgetCents, fundedCents, method: f.method },
  });
  return { rankingId: ranking.id, counts };
}

/** The computed ranking, refused while anything it would rest on is missing. */
async function rankedRows(tx: Queryable, call: CallRow, method: FrozenMethod, budgetCents: number): Promise<RankedEntry[]> {
  if (method.criteria.length === 0) throw conflict('rubric_empty');
  const rows = await computeRankingSql(tx, call.id, computationOf(method, budgetCents));
  if (rows.length === 0) throw conflict('nothing_to_rank');
  const incomplete = rows.filter((r) => !r.complete).length;
  if (incomplete > 0) throw conflict(method.consolidation === 'consensus' ? 'consensus_incomplete' : 'scores_incomplete', { count: incomplete });
  return rows;
}

async function setPhase(tx: Queryable, call: CallRow, phase: CallRow['phase'], at: Date): Promise<void> {
  await tx.update(calls).set({ phase, updatedAt: at }).where(eq(calls.id, call.id));
}
