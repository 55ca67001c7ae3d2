import { romeDayStart, romeWallClock } from '../../lib/format.ts';

/**
 * How a call's ranking is computed, as pure functions: the reference the database query
 * (ranking-sql.server.ts) must agree with, row for row (tests/integration/ranking.test.ts).
 *
 * 1. Scores that count: the submitted assignments of each proposal; when an upheld observation
 *    had the proposal re-scored by a different evaluator, the re-scoring supersedes the original
 *    assessments of that proposal.
 * 2. Per criterion, the points of each evaluator, optionally normalised (below), then the mean of
 *    the evaluators, rounded half up to hundredths of a point. With `consensus`, the points the
 *    president entered for the commission instead. The total is the sum of the rounded criteria,
 *    so the published table adds up.
 * 3. Normalisation (z-score per evaluator and criterion, rescaled to the criterion's range):
 *    z = (x − mean_e) / sd_e, x' = clamp(mean_all + z · sd_all, 0, max), where mean_e and sd_e are
 *    the mean and population standard deviation of evaluator e's points on that criterion across
 *    the call, mean_all and sd_all those of every evaluator's points on it. An evaluator who gave
 *    everyone the same points (sd_e = 0) carries no ranking information on it: z = 0. x' is kept
 *    to four decimals before averaging. It corrects a lenient or severe evaluator's level and
 *    spread so that who scored a proposal does not decide its place.
 * 4. Eligible: every criterion at or above its sub-threshold and the total at or above the overall
 *    threshold, compared on the published (rounded) scores.
 * 5. Order: eligible first; higher total; ties broken by the criteria in rubric order (higher
 *    first), then the earlier first submission, then the protocol number (order of receipt).
 * 6. Funding line: in ranking order, each eligible proposal's grant is its requested amount capped
 *    at the call's maximum grant (the maximum when it requested none). Funded while the running
 *    sum fits the budget; the first that does not fit and every one below it are eligible but not
 *    funded. Strict order: a smaller request further down never jumps the line (as in most Italian
 *    calls; partial grants to the last one are a decision staff take outside the ranking).
 */

export type Consolidation = 'mean' | 'consensus';
export type Outcome = 'funded' | 'eligible_not_funded' | 'below_threshold';
export type RankingCriterion = { key: string; maxPoints: number; threshold?: number | null };

export type RankingMethod = {
  consolidation: Consolidation;
  normalise: boolean;
  criteria: readonly RankingCriterion[];
  /** Overall threshold, in points. */
  threshold: number;
  budgetCents: number;
  maxGrantCents: number;
};

export type RankingCandidate = { id: string; protocolSeq: number | null; firstSubmittedAt: Date | null; requestedCents: number | null };
export type EvaluatorScore = { proposalId: string; evaluatorId: string; criterion: string; points: number; rescoring: boolean };
export type ConsensusScore = { proposalId: string; criterion: string; points: number };
export type RankingInput = RankingMethod & { proposals: readonly RankingCandidate[]; scores: readonly EvaluatorScore[]; consensus: readonly ConsensusScore[] };

export type RankedEntry = {
  proposalId: string;
  position: number;
  /** Hundredths of a point. */
  scoreCentipoints: number;
  criteria: Record<string, number>;
  failedThresholds: string[];
  eligible: boolean;
  /** Every criterion had a score (or a consensus score): a ranking is published only when all are. */
  complete: boolean;
  outcome: Outcome;
  /** What it receives: its grant when funded, else 0. */
  grantCents: number;
  /** What it would receive above the line (for the waiting list and scorrimento). */
  requestedGrantCents: number;
};

/** Normalised points are kept in ten-thousandths of a point before averaging. */
export const UNITS_PER_POINT = 10_000;

export function computeRanking(input: RankingInput): RankedEntry[] {
  // Without criteria there is nothing to rank by (and publication refuses an empty rubric).
  if (input.criteria.length === 0) return [];
  const perCriterion = input.consolidation === 'consensus' ? consensusCentipoints(input) : meanCentipoints(input);
  const scored = input.proposals.map((p) => {
    const criteria: Record<string, number> = {};
    const own = perCriterion.get(p.id);
    for (const c of input.criteria) criteria[c.key] = own?.get(c.key) ?? 0;
    const complete = input.criteria.every((c) => own?.has(c.key) ?? false);
    const total = Object.values(criteria).reduce((a, b) => a + b, 0);
    const failedThresholds = input.criteria.filter((c) => c.threshold != null && criteria[c.key]! < c.threshold * 100).map((c) => c.key);
    const eligible = failedThresholds.length === 0 && total >= input.threshold * 100;
    return { p, criteria, total, failedThresholds, eligible, complete, grant: grantOf(p.requestedCents, input.maxGrantCents) };
  });
  const keys = input.criteria.map((c) => c.key);
  scored.sort((a, b) => compareForRanking(a, b, keys));
  let running = 0;
  return scored.map((s, i) => {
    if (s.eligible) running += s.grant;
    const outcome: Outcome = !s.eligible ? 'below_threshold' : running <= input.budgetCents ? 'funded' : 'eligible_not_funded';
    return {
      proposalId: s.p.id,
      position: i + 1,
      scoreCentipoints: s.total,
      criteria: s.criteria,
      failedThresholds: s.failedThresholds,
      eligible: s.eligible,
      complete: s.complete,
      outcome,
      grantCents: outcome === 'funded' ? s.grant : 0,
      requestedGrantCents: s.grant,
    };
  });
}

/** The grant a proposal would receive: what it asked, capped at the call's maximum (0: no cap). */
export function grantOf(requestedCents: number | null, maxGrantCents: number): number {
  const asked = requestedCents ?? (maxGrantCents > 0 ? maxGrantCents : 0);
  return Math.max(0, maxGrantCents > 0 ? Math.min(asked, maxGrantCents) : asked);
}

type Sortable = { p: RankingCandidate; criteria: Record<string, number>; total: number; eligible: boolean };

/** Rule 5 as a comparator; the database sorts by the same keys (see ranking-sql.server.ts). */
export function compareForRanking(a: Sortable, b: Sortable, criterionKeys: readonly string[]): number {
  if (a.eligible !== b.eligible) return a.eligible ? -1 : 1;
  if (a.total !== b.total) return b.total - a.total;
  for (const k of criterionKeys) if (a.criteria[k] !== b.criteria[k]) return b.criteria[k]! - a.criteria[k]!;
  const at = a.p.firstSubmittedAt?.getTime() ?? Infinity;
  const bt = b.p.firstSubmittedAt?.getTime() ?? Infinity;
  if (at !== bt) return at < bt ? -1 : 1;
  const as = a.p.protocolSeq ?? Infinity;
  const bs = b.p.protocolSeq ?? Infinity;
  if (as !== bs) return as < bs ? -1 : 1;
  return a.p.id < b.p.id ? -1 : a.p.id > b.p.id ? 1 : 0;
}

/** Rule 1: a proposal re-scored after an observation counts only its re-scoring. */
export function countingScores(scores: readonly EvaluatorScore[]): EvaluatorScore[] {
  const rescored = new Set(scores.filter((s) => s.rescoring).map((s) => s.proposalId));
  return scores.filter((s) => s.rescoring === rescored.has(s.proposalId));
}

/** Round half up of `units / (UNITS_PER_POINT / 100 · n)`, in integers: the mean in hundredths. */
export function meanOfUnits(sumUnits: number, n: number): number {
  const per = (UNITS_PER_POINT / 100) * n;
  return Math.floor((sumUnits + per / 2) / per);
}

function meanCentipoints(input: RankingInput): Map<string, Map<string, number>> {
  const wanted = new Set(input.proposals.map((p) => p.id));
  const criteria = new Map(input.criteria.map((c) => [c.key, c]));
  const raw = countingScores(input.scores).filter((s) => wanted.has(s.proposalId) && criteria.has(s.criterion));
  const unitsOf = input.normalise ? normaliser(raw, criteria) : (s: EvaluatorScore) => s.points * UNITS_PER_POINT;
  const sums = new Map<string, Map<string, { units: number; n: number }>>();
  for (const s of raw) {
    const byCriterion = sums.get(s.proposalId) ?? new Map<string, { units: number; n: number }>();
    sums.set(s.proposalId, byCriterion);
    const acc = byCriterion.get(s.criterion) ?? { units: 0, n: 0 };
    byCriterion.set(s.criterion, { units: acc.units + unitsOf(s), n: acc.n + 1 });
  }
  return new Map([...sums].map(([id, m]) => [id, new Map([...m].map(([k, v]) => [k, meanOfUnits(v.units, v.n)]))]));
}

function consensusCentipoints(input: RankingInput): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const c of input.consensus) {
    const m = out.get(c.proposalId) ?? new Map<string, number>();
    out.set(c.proposalId, m.set(c.criterion, c.points * 100));
  }
  return out;
}

/** Integer sums of a sample; the statistics below are computed from them exactly as the SQL does. */
type Sums = { n: number; s1: number; s2: number };
const add = (a: Sums | undefined, x: number): Sums => ({ n: (a?.n ?? 0) + 1, s1: (a?.s1 ?? 0) + x, s2: (a?.s2 ?? 0) + x * x });
const mean = (s: Sums) => s.s1 / s.n;
/** Population standard deviation from exact integer sums: one correctly rounded sqrt, as in SQL. */
const sd = (s: Sums) => Math.sqrt(s.n * s.s2 - s.s1 * s.s1) / s.n;

/** Rule 3: each score in ten-thousandths of a point after the z-score rescaling. */
export function normaliser(raw: readonly EvaluatorScore[], criteria: ReadonlyMap<string, RankingCriterion>): (s: EvaluatorScore) => number {
  const byEvaluator = new Map<string, Sums>();
  const byCriterion = new Map<string, Sums>();
  const ek = (s: EvaluatorScore) => `${s.evaluatorId}\u0000${s.criterion}`;
  for (const s of raw) {
    byEvaluator.set(ek(s), add(byEvaluator.get(ek(s)), s.points));
    byCriterion.set(s.criterion, add(byCriterion.get(s.criterion), s.points));
  }
  return (s) => {
    const e = byEvaluator.get(ek(s))!;
    const all = byCriterion.get(s.criterion)!;
    const z = e.n * e.s2 - e.s1 * e.s1 > 0 ? (s.points - mean(e)) / sd(e) : 0;
    const rescaled = Math.min(Math.max(mean(all) + z * sd(all), 0), criteria.get(s.criterion)!.maxPoints);
    return Math.floor(rescaled * UNITS_PER_POINT + 0.5);
  };
}

export function countOutcomes(rows: readonly { outcome: Outcome }[]): Record<Outcome, number> {
  const counts: Record<Outcome, number> = { funded: 0, eligible_not_funded: 0, below_threshold: 0 };
  for (const r of rows) counts[r.outcome] += 1;
  return counts;
}

export type LineEntry = { proposalId: string; position: number; outcome: Outcome; grantCents: number; requestedGrantCents: number };

/**
 * Scorrimento: with `budgetCents` now available in total, the waiting list moves above the line in
 * ranking order while the next one fits what is left; strict, like the line itself. `waiting`
 * restricts who may move (proposals still eligible but not funded).
 */
export function slideLine(entries: readonly LineEntry[], budgetCents: number, waiting: ReadonlySet<string>): { moved: LineEntry[]; residualCents: number } {
  let left = budgetCents - entries.filter((e) => e.outcome === 'funded').reduce((sum, e) => sum + e.grantCents, 0);
  const moved: LineEntry[] = [];
  const queue = entries.filter((e) => e.outcome === 'eligible_not_funded' && waiting.has(e.proposalId)).sort((a, b) => a.position - b.position);
  for (const e of queue) {
    if (e.requestedGrantCents > left) break;
    left -= e.requestedGrantCents;
    moved.push(e);
  }
  return { moved, residualCents: left };
}

/**
 * The observation window closes at the end of the `days`-th calendar day in Rome after
 * publication; the day of publication is not counted (art. 155 c.p.c., "dies a quo non
 * computatur"). Stored as 23:59:59.999 of that day, so it reads as that day's end everywhere.
 */
export function observationsCloseAt(publishedAt: Date, days: number): Date {
  const { year, month, day } = romeWallClock(publishedAt);
  const last = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day) + days + 1));
  return new Date(romeDayStart(last.toISOString().slice(0, 10)).getTime() - 1);
}
