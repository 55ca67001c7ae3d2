import { describe, expect, it } from 'vitest';
import {
  computeRanking,
  countingScores,
  grantOf,
  meanOfUnits,
  observationsCloseAt,
  slideLine,
  type EvaluatorScore,
  type RankingCandidate,
  type RankingInput,
} from '../../src/domain/evaluation/ranking-rules.ts';

/** Every expected number below was computed by hand; the comments show the arithmetic. */

const rubric = [
  { key: 'need', maxPoints: 30, threshold: 15 },
  { key: 'feasibility', maxPoints: 30 },
  { key: 'impact', maxPoints: 25 },
  { key: 'team', maxPoints: 15 },
];
const base = { consolidation: 'mean', normalise: false, criteria: rubric, threshold: 60, budgetCents: 100_000_00, maxGrantCents: 25_000_00 } as const;

const day = (d: number) => new Date(Date.UTC(2026, 2, d, 10));
function proposal(id: string, seq: number, options: Partial<RankingCandidate> = {}): RankingCandidate {
  return { id, protocolSeq: seq, firstSubmittedAt: day(seq), requestedCents: 20_000_00, ...options };
}
/** One evaluator's sheet: points in rubric order. */
function sheet(proposalId: string, evaluatorId: string, points: number[], rescoring = false): EvaluatorScore[] {
  return rubric.map((c, i) => ({ proposalId, evaluatorId, criterion: c.key, points: points[i]!, rescoring }));
}
const input = (over: Partial<RankingInput>): RankingInput => ({ ...base, proposals: [], scores: [], consensus: [], ...over });

describe('consolidation: mean of the evaluators', () => {
  it('averages three evaluators per criterion, in hundredths rounded half up; the total adds the criteria', () => {
    const [entry] = computeRanking(
      input({
        proposals: [proposal('a', 1)],
        scores: [...sheet('a', 'e1', [20, 18, 15, 10]), ...sheet('a', 'e2', [22, 20, 16, 9]), ...sheet('a', 'e3', [25, 21, 14, 12])],
      }),
    );
    // need 67/3 = 22.333 → 2233; feasibility 59/3 = 19.667 → 1967; impact 45/3 = 15 → 1500; team 31/3 = 10.333 → 1033.
    expect(entry!.criteria).toEqual({ need: 2233, feasibility: 1967, impact: 1500, team: 1033 });
    // 2233 + 1967 + 1500 + 1033 = 6733, i.e. 67.33 = (63 + 67 + 72) / 3.
    expect(entry!.scoreCentipoints).toBe(6733);
    expect(entry).toMatchObject({ position: 1, eligible: true, outcome: 'funded', failedThresholds: [], grantCents: 20_000_00 });
  });

  it('rounds an exact half up: eight evaluators, one point in all → 0.125 → 0.13', () => {
    expect(meanOfUnits(1 * 10_000, 8)).toBe(13);
    expect(meanOfUnits(3 * 10_000, 8)).toBe(38); // 0.375 → 0.38
    expect(meanOfUnits(2 * 10_000, 3)).toBe(67); // 0.666… → 0.67
  });

  it('with consensus, takes the president’s points for the commission', () => {
    const consensus = rubric.map((c, i) => ({ proposalId: 'a', criterion: c.key, points: [16, 20, 14, 10][i]! }));
    const [entry] = computeRanking(input({ consolidation: 'consensus', proposals: [proposal('a', 1)], scores: sheet('a', 'e1', [30, 30, 25, 15]), consensus }));
    expect(entry).toMatchObject({ scoreCentipoints: 6000, criteria: { need: 1600, feasibility: 2000, impact: 1400, team: 1000 }, eligible: true });
  });

  it('counts only the re-scoring of a proposal re-assessed after an observation', () => {
    const scores = [...sheet('a', 'e1', [10, 10, 10, 10]), ...sheet('a', 'e2', [12, 12, 12, 12]), ...sheet('a', 'e4', [20, 20, 20, 10], true), ...sheet('b', 'e1', [1, 1, 1, 1])];
    expect(countingScores(scores).map((s) => s.evaluatorId)).toEqual([...Array(4).fill('e4'), ...Array(4).fill('e1')]);
    const [a] = computeRanking(input({ proposals: [proposal('a', 1)], scores }));
    expect(a!.scoreCentipoints).toBe(7000);
  });
});

describe('thresholds', () => {
  it('a criterion below its sub-threshold makes the proposal ineligible whatever its total, and it goes below the eligible ones', () => {
    const entries = computeRanking(
      input({
        proposals: [proposal('high', 1), proposal('ok', 2)],
        scores: [
          // need: (14 + 15 + 15) / 3 = 14.67 < 15; total (14+30+25+15 + 15+30+25+15 + 15+30+25+15)/3 = 84.67.
          ...sheet('high', 'e1', [14, 30, 25, 15]),
          ...sheet('high', 'e2', [15, 30, 25, 15]),
          ...sheet('high', 'e3', [15, 30, 25, 15]),
          ...sheet('ok', 'e1', [15, 20, 15, 10]),
        ],
      }),
    );
    expect(entries.map((e) => [e.proposalId, e.position, e.scoreCentipoints, e.outcome, e.failedThresholds])).toEqual([
      ['ok', 1, 6000, 'funded', []],
      ['high', 2, 8467, 'below_threshold', ['need']],
    ]);
  });

  it('the overall threshold is inclusive: 60.00 passes, 59.99 does not', () => {
    const entries = computeRanking(
      input({
        proposals: [proposal('at', 1), proposal('under', 2)],
        scores: [
          ...sheet('at', 'e1', [15, 20, 15, 10]),
          // feasibility (20 + 20 + 19) / 3 = 19.67 → total 15 + 19.67 + 15 + 10 = 59.67.
          ...sheet('under', 'e1', [15, 20, 15, 10]),
          ...sheet('under', 'e2', [15, 20, 15, 10]),
          ...sheet('under', 'e3', [15, 19, 15, 10]),
        ],
      }),
    );
    expect(entries.map((e) => [e.proposalId, e.scoreCentipoints, e.outcome])).toEqual([
      ['at', 6000, 'funded'],
      ['under', 5967, 'below_threshold'],
    ]);
  });
});

describe('tie-break', () => {
  it('equal totals: the higher score on the first criterion in rubric order wins, then the next', () => {
    const entries = computeRanking(
      input({
        proposals: [proposal('first-sent', 1), proposal('better-need', 2), proposal('better-feasibility', 3)],
        scores: [
          ...sheet('first-sent', 'e1', [20, 20, 20, 10]),
          ...sheet('better-need', 'e1', [22, 18, 20, 10]),
          ...sheet('better-feasibility', 'e1', [20, 21, 19, 10]),
        ],
      }),
    );
    // All total 70; need 22 > 20 = 20; then feasibility 21 > 20.
    expect(entries.map((e) => e.proposalId)).toEqual(['better-need', 'better-feasibility', 'first-sent']);
  });

  it('an exact tie on every criterion goes to the earlier first submission, then the protocol number', () => {
    const entries = computeRanking(
      input({
        proposals: [
          proposal('later', 1, { firstSubmittedAt: day(9) }),
          proposal('earlier', 2, { firstSubmittedAt: day(3) }),
          proposal('same-time-higher-seq', 4, { firstSubmittedAt: day(9) }),
        ],
        scores: [...sheet('later', 'e1', [20, 20, 20, 10]), ...sheet('earlier', 'e2', [20, 20, 20, 10]), ...sheet('same-time-higher-seq', 'e3', [20, 20, 20, 10])],
      }),
    );
    expect(entries.map((e) => [e.proposalId, e.position])).toEqual([
      ['earlier', 1],
      ['later', 2],
      ['same-time-higher-seq', 3],
    ]);
  });
});

describe('funding line', () => {
  // Budget 50,000 €, maximum grant 25,000 €. In ranking order: 20,000; 30,000 (capped to 25,000); 10,000; 5,000.
  const line = input({
    budgetCents: 50_000_00,
    proposals: [
      proposal('p1', 1, { requestedCents: 20_000_00 }),
      proposal('p2', 2, { requestedCents: 30_000_00 }),
      proposal('p3', 3, { requestedCents: 10_000_00 }),
      proposal('p4', 4, { requestedCents: 5_000_00 }),
      proposal('p5', 5, { requestedCents: 1_000_00 }),
    ],
    scores: [
      ...sheet('p1', 'e1', [28, 28, 20, 14]),
      ...sheet('p2', 'e1', [27, 27, 20, 14]),
      ...sheet('p3', 'e1', [26, 26, 20, 14]),
      ...sheet('p4', 'e1', [25, 25, 20, 14]),
      ...sheet('p5', 'e1', [10, 25, 20, 14]),
    ],
  });

  it('funds in order while the running sum fits; the first that does not fit and all below wait, even smaller ones', () => {
    const entries = computeRanking(line);
    // Running sums: 20,000 ≤ 50,000; 45,000 ≤ 50,000; 55,000 > 50,000 → waiting; 60,000 → waiting although 5,000 would fit.
    expect(entries.map((e) => [e.proposalId, e.outcome, e.grantCents, e.requestedGrantCents])).toEqual([
      ['p1', 'funded', 20_000_00, 20_000_00],
      ['p2', 'funded', 25_000_00, 25_000_00],
      ['p3', 'eligible_not_funded', 0, 10_000_00],
      ['p4', 'eligible_not_funded', 0, 5_000_00],
      ['p5', 'below_threshold', 0, 1_000_00],
    ]);
  });

  it('scorrimento: freed money moves the waiting list up in order while the next one fits', () => {
    const entries = computeRanking(line);
    const waiting = new Set(['p3', 'p4']);
    // 50,000 + 10,000 freed = 60,000; funded 45,000 → 15,000 left: p3 (10,000) then p4 (5,000), nothing left.
    expect(slideLine(entries, 60_000_00, waiting)).toMatchObject({ moved: [{ proposalId: 'p3' }, { proposalId: 'p4' }], residualCents: 0 });
    // 50,000 + 8,000 = 58,000 → 13,000 left: p3 moves, 3,000 left, p4 (5,000) does not fit.
    expect(slideLine(entries, 58_000_00, waiting)).toMatchObject({ moved: [{ proposalId: 'p3' }], residualCents: 3_000_00 });
    // 50,000 + 4,000 → 9,000 left: p3 (10,000) does not fit and p4 may not jump it.
    expect(slideLine(entries, 54_000_00, waiting)).toEqual({ moved: [], residualCents: 9_000_00 });
  });

  it('the grant is the request capped at the maximum; no request means the maximum; no maximum means no cap', () => {
    expect(grantOf(30_000_00, 25_000_00)).toBe(25_000_00);
    expect(grantOf(null, 25_000_00)).toBe(25_000_00);
    expect(grantOf(30_000_00, 0)).toBe(30_000_00);
    expect(grantOf(null, 0)).toBe(0);
  });
});

describe('normalisation (z-score per evaluator and criterion, rescaled to the range)', () => {
  const one = [{ key: 'q', maxPoints: 10 }];
  const score = (proposalId: string, evaluatorId: string, points: number): EvaluatorScore => ({ proposalId, evaluatorId, criterion: 'q', points, rescoring: false });
  const run = (scores: EvaluatorScore[], normalise = true) =>
    Object.fromEntries(
      computeRanking(input({ criteria: one, threshold: 0, normalise, proposals: ['p1', 'p2', 'p3', 'p4'].map((id, i) => proposal(id, i + 1)), scores })).map((e) => [
        e.proposalId,
        e.scoreCentipoints,
      ]),
    );

  it('removes a lenient evaluator’s advantage over a severe one', () => {
    // Lenient L: p1 = 8, p2 = 10 (mean 9, sd 1). Severe S: p3 = 2, p4 = 4 (mean 3, sd 1).
    // All: 8, 10, 2, 4 → mean 6, variance (4 + 16 + 16 + 4) / 4 = 10, sd √10 = 3.16228.
    // z = −1 → 6 − 3.16228 = 2.83772 → 2.84; z = +1 → 9.16228 → 9.16.
    const scores = [score('p1', 'L', 8), score('p2', 'L', 10), score('p3', 'S', 2), score('p4', 'S', 4)];
    expect(run(scores, false)).toEqual({ p1: 800, p2: 1000, p3: 200, p4: 400 });
    expect(run(scores)).toEqual({ p1: 284, p2: 916, p3: 284, p4: 916 });
  });

  it('clamps to the criterion’s range, and an evaluator who gave everyone the same points gets the overall mean', () => {
    // A: p1 = 0, p2 = 1 (mean 0.5, sd 0.5). B: p3 = 0, p4 = 10 (mean 5, sd 5).
    // All: 0, 1, 0, 10 → mean 2.75, variance (7.5625 + 3.0625 + 7.5625 + 52.5625) / 4 = 17.6875, sd 4.20565.
    // z = −1 → 2.75 − 4.20565 < 0 → 0; z = +1 → 6.95565 → 6.96.
    expect(run([score('p1', 'A', 0), score('p2', 'A', 1), score('p3', 'B', 0), score('p4', 'B', 10)])).toEqual({ p1: 0, p2: 696, p3: 0, p4: 696 });
    // C gives 5 to both of theirs (sd 0 → z = 0): mean of 2, 4, 5, 5 = 4. D: p1 = 2, p2 = 4 (sd 1): all sd = √1.5 = 1.22474.
    // p1: 4 − 1.22474 = 2.77526 → 2.78; p2: 5.22474 → 5.22; p3, p4: 4.00.
    expect(run([score('p1', 'D', 2), score('p2', 'D', 4), score('p3', 'C', 5), score('p4', 'C', 5)])).toEqual({ p1: 278, p2: 522, p3: 400, p4: 400 });
  });

  it('with a single evaluator it changes nothing', () => {
    const scores = [score('p1', 'A', 3), score('p2', 'A', 7), score('p3', 'A', 9), score('p4', 'A', 10)];
    expect(run(scores)).toEqual(run(scores, false));
  });
});

describe('observation window', () => {
  it('closes at the end of the N-th day in Rome after publication, the day of publication not counted', () => {
    // Published 10 March 2026 at 15:00 in Rome (CET, UTC+1): 10 days → 20 March 23:59:59.999 CET.
    expect(observationsCloseAt(new Date('2026-03-10T14:00:00Z'), 10).toISOString()).toBe('2026-03-20T22:59:59.999Z');
    // Across the change to summer time (29 March): 25 March + 10 days → 4 April 23:59:59.999 CEST (UTC+2).
    expect(observationsCloseAt(new Date('2026-03-25T08:00:00Z'), 10).toISOString()).toBe('2026-04-04T21:59:59.999Z');
    // Published at 00:30 in Rome on 11 March (still 10 March in UTC): the count starts from 11 March.
    expect(observationsCloseAt(new Date('2026-03-10T23:30:00Z'), 1).toISOString()).toBe('2026-03-12T22:59:59.999Z');
  });
});
