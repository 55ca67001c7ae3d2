import { describe, expect, it } from 'vitest';
import { awardableCents, buildPool, shortfallCents, withOutstanding, type PoolInput } from '../../src/domain/money/funding-pool.ts';
import { seededRandom } from '../factories/ranking.ts';

/**
 * The pool's greedy rule (most restricted money first, funding-pool.ts) checked against an
 * independent computation: the most a money→grant assignment can pay, by max-flow. Hand-computed
 * cases are in money-rules.test.ts.
 */
type Startup = PoolInput['startups'][number];
type Pledge = PoolInput['pledges'][number];
const THEMES = ['sport'];

describe('the shortfall', () => {
  it('is exactly what the best assignment of money to grants leaves unpaid (3,000 random calls)', () => {
    const rng = seededRandom(11);
    const roll = (n: number) => Math.floor(rng() * n);
    const ids = ['a', 'b', 'c', 'd', 'e'];
    for (let i = 0; i < 3000; i++) {
      const startups: Startup[] = ids.map((id) => ({ id, neighbourhoodId: [null, 'n1', 'n2'][roll(3)]!, awardedCents: roll(8) * 1000, paidCents: 0 }));
      const pledges: Pledge[] = Array.from({ length: roll(5) }, () => {
        const kind = roll(4);
        return {
          startupId: kind === 1 ? ids[roll(ids.length)]! : null,
          neighbourhoodId: kind === 2 ? ['n1', 'n2', 'n3'][roll(3)]! : null,
          theme: kind === 3 ? (rng() < 0.5 ? 'sport' : 'culture') : null,
          leftCents: roll(6) * 1000,
        };
      });
      const budget = roll(10) * 1000;
      const pool = buildPool({ budgetLeftCents: budget, callThemes: THEMES, startups, pledges });
      const owed = startups.reduce((sum, s) => sum + s.awardedCents, 0);
      expect(owed - shortfallCents(pool), `case ${i}`).toBe(maxPaid(budget, startups, pledges));
      // The largest award that keeps the shortfall is exact: one cent more increases it.
      const x = ids[roll(ids.length)]!;
      const room = awardableCents(pool, x);
      expect(shortfallCents(withOutstanding(pool, x, room))).toBe(shortfallCents(pool));
      expect(shortfallCents(withOutstanding(pool, x, room + 1))).toBe(shortfallCents(pool) + 1);
    }
  });
});

/** The most a bipartite money→grant assignment can pay (Edmonds–Karp on a small graph), written without the pool. */
function maxPaid(budget: number, startups: Startup[], pledges: Pledge[]): number {
  const may = (p: Pledge | null, s: Startup) =>
    p === null || ((!p.theme || THEMES.includes(p.theme)) && (!p.startupId || p.startupId === s.id) && (!p.neighbourhoodId || p.neighbourhoodId === s.neighbourhoodId));
  const sources = [{ cap: budget, p: null }, ...pledges.map((p) => ({ cap: p.leftCents, p }))];
  const n = 2 + sources.length + startups.length;
  const cap = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  sources.forEach((src, i) => {
    cap[0]![2 + i] = src.cap;
    startups.forEach((s, j) => {
      if (may(src.p, s)) cap[2 + i]![2 + sources.length + j] = Number.MAX_SAFE_INTEGER;
    });
  });
  startups.forEach((s, j) => (cap[2 + sources.length + j]![1] = s.awardedCents));
  let flow = 0;
  for (;;) {
    const prev = new Array<number>(n).fill(-1);
    prev[0] = 0;
    const queue = [0];
    while (queue.length && prev[1] === -1) {
      const u = queue.shift()!;
      for (let v = 0; v < n; v++) {
        if (prev[v] === -1 && cap[u]![v]! > 0) {
          prev[v] = u;
          queue.push(v);
        }
      }
    }
    if (prev[1] === -1) return flow;
    let push = Infinity;
    for (let v = 1; v !== 0; v = prev[v]!) push = Math.min(push, cap[prev[v]!]![v]!);
    for (let v = 1; v !== 0; v = prev[v]!) {
      cap[prev[v]!]![v]! -= push;
      cap[v]![prev[v]!]! += push;
    }
    flow += push;
  }
}
