import { and, eq, inArray } from 'drizzle-orm';
import { consensusScores, proposals, reviewAssignments, reviewScores } from '../../db/schema/index.ts';
import type { Db } from '../../src/lib/server/db/index.ts';
import type { Rubric } from '../../src/domain/calls/definitions.ts';
import type { RankingInput, RankingMethod } from '../../src/domain/evaluation/ranking-rules.ts';
import { transitions } from '../../src/domain/proposals/workflow.ts';
import { createCall, createUser, type CallOptions, type TestUser } from '../factories/index.ts';
import { createConsensus, createScoredProposal, seededRandom } from '../factories/ranking.ts';
import { testContext } from '../support/context.ts';
import { at } from './helpers.ts';

/** Shared set-up of the ranking tests (not a test file). */

export const rubric: Rubric = {
  criteria: [
    { key: 'need', label: { it: 'Rilevanza del bisogno', en: 'Relevance of the need' }, maxPoints: 30, threshold: 15 },
    { key: 'feasibility', label: { it: 'Fattibilità', en: 'Feasibility' }, maxPoints: 30 },
    { key: 'impact', label: { it: 'Impatto sociale', en: 'Social impact' }, maxPoints: 25, threshold: 10 },
    { key: 'team', label: { it: 'Gruppo proponente', en: 'Team' }, maxPoints: 15 },
  ],
  threshold: 60,
};
export const keys = rubric.criteria.map((c) => c.key);

export async function commission(db: Db, call: CallOptions = {}) {
  const staff = await createUser(db, 'staff');
  const evaluators: TestUser[] = [];
  for (let i = 0; i < 6; i++) evaluators.push(await createUser(db, 'evaluator'));
  const proposers: TestUser[] = [];
  for (let i = 0; i < 3; i++) proposers.push(await createUser(db, 'resident', i === 2 ? 'english' : {}));
  const created = await createCall(db, 'inReview', { rubric, budgetCents: 60_000_00, maxGrantCents: 25_000_00, observationDays: 10, ...call });
  return { staff, evaluators, proposers, call: created, ctx: testContext({ actor: staff.actor, now: () => at(0) }) };
}

/**
 * Random but reproducible scoring of `n` proposals: six evaluators, each with their own leniency,
 * three per proposal; some sheets copied from another proposal (exact ties), some identical
 * submission times, a few re-scorings after observations, some proposals not rankable.
 */
export async function randomCall(db: Db, seed: number, n = 90) {
  const setup = await commission(db);
  const rnd = seededRandom(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const leniency = setup.evaluators.map(() => rnd() * 0.4 - 0.2);
  const sheets: Record<string, number[]>[] = [];
  for (let seq = 1; seq <= n; seq++) {
    const first = Math.floor(rnd() * setup.evaluators.length);
    const chosen = [0, 1, 2].map((k) => (first + k * 2) % setup.evaluators.length);
    const copy = seq > 5 && rnd() < 0.15 ? sheets[Math.floor(rnd() * sheets.length)]! : null;
    const own = Object.fromEntries(chosen.map((e) => [setup.evaluators[e]!.id, rubric.criteria.map((c) => clampInt(c.maxPoints * (0.4 + 0.55 * rnd() + leniency[e]!), c.maxPoints))]));
    const sheet = { ...(copy ?? own) };
    sheets.push(sheet);
    const rescored = rnd() < 0.06 ? [setup.evaluators[(first + 1) % 6]!.id] : [];
    if (rescored.length) sheet[rescored[0]!] ??= rubric.criteria.map((c) => clampInt(c.maxPoints * rnd(), c.maxPoints));
    const status = pick(['scored', 'scored', 'scored', 'scored', 'funded', 'below_threshold', 'inadmissible'] as const);
    const proposal = await createScoredProposal(db, {
      callId: setup.call.id,
      proposerId: pick(setup.proposers).id,
      seq,
      status,
      sheets: sheet,
      criteria: keys,
      rescoredBy: rescored,
      // Minute precision and collisions on purpose: the tie-break must look further.
      firstSubmittedAt: new Date(Date.UTC(2026, 0, 10, 9, Math.floor(rnd() * n * 0.7))),
      requestedCents: rnd() < 0.1 ? null : 5_000_00 + Math.floor(rnd() * 30) * 1_000_00,
    });
    await createConsensus(db, proposal.id, keys, rubric.criteria.map((c) => clampInt(c.maxPoints * (0.3 + 0.7 * rnd()), c.maxPoints)));
  }
  return setup;
}

const clampInt = (x: number, max: number) => Math.max(0, Math.min(max, Math.round(x)));

/** What computeRanking needs, read plainly from the tables (no SQL cleverness: it is the reference). */
export async function loadInput(db: Db, callId: string, method: RankingMethod): Promise<RankingInput> {
  const candidates = await db
    .select({ id: proposals.id, protocolSeq: proposals.protocolSeq, firstSubmittedAt: proposals.firstSubmittedAt, requestedCents: proposals.requestedCents })
    .from(proposals)
    .where(and(eq(proposals.callId, callId), inArray(proposals.status, [...transitions.rank])));
  const ids = candidates.map((c) => c.id);
  const scores = ids.length
    ? await db
        .select({ proposalId: reviewAssignments.proposalId, evaluatorId: reviewAssignments.evaluatorId, criterion: reviewScores.criterion, points: reviewScores.points, observationId: reviewAssignments.observationId })
        .from(reviewScores)
        .innerJoin(reviewAssignments, eq(reviewAssignments.id, reviewScores.assignmentId))
        .where(and(inArray(reviewAssignments.proposalId, ids), eq(reviewAssignments.status, 'submitted')))
    : [];
  const consensus = ids.length
    ? await db.select({ proposalId: consensusScores.proposalId, criterion: consensusScores.criterion, points: consensusScores.points }).from(consensusScores).where(inArray(consensusScores.proposalId, ids))
    : [];
  return {
    ...method,
    proposals: candidates,
    scores: scores.map(({ observationId, ...s }) => ({ ...s, rescoring: observationId !== null })),
    consensus,
  };
}
