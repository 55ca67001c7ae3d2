/**
 * Which money may pay which grant (issue 6 point 3, "money never exceeds what stands behind it",
 * read with point 2: a pledge "to a start-up, optionally restricted to a neighbourhood or a theme"
 * may pay only start-ups that match). Pure; the use cases build the pool from figures read under
 * the call's row lock (money-tx.server.ts) and refuse any write that leaves a grant uncovered.
 *
 * The rule. A call's money sits in buckets, each usable by some of its start-ups only:
 *  - shared: the call's budget not yet paid out, plus what is left of binding pledges to the call's
 *    fund without a neighbourhood (with no theme, or a theme the call lists: every start-up of the
 *    call answers the call's themes, pledge-rules.ts) — any start-up of the call;
 *  - neighbourhood k: what is left of binding call-fund pledges restricted to k — start-ups in k;
 *  - start-up X: what is left of binding pledges to X — X only;
 *  - nobody: a pledge restricted to a theme the call no longer lists, or to another neighbourhood
 *    than its start-up's.
 * These sets nest (X ⊂ its neighbourhood ⊂ the call), so spending the most restricted money first
 * is optimal (money usable by fewer start-ups can never serve someone the wider money could not),
 * and every grant can be paid from money that may pay it exactly when, working upwards,
 *   need(X) = max(0, outstanding(X) − own(X))            outstanding = awarded − paid (any source)
 *   need(k) = max(0, Σ need(X) for X in k − neighbourhood(k))
 *   Σ need(k) + Σ need(X) for X without neighbourhood ≤ shared
 * The shortfall is what the left side exceeds the right by. An award, a pledge cancellation or a
 * payment is refused when it would increase the shortfall: with the books in order (shortfall 0),
 * when it would leave any grant without money that may pay it.
 *
 * Cover is counted in cents across buckets; one tranche is still paid from one source (programme
 * money or one pledge), which the payment rules check on their own.
 */

/** One start-up of the call: the rest of its grant to pay, and the pledges only it may use. */
export type PoolStartup = { neighbourhoodId: string | null; outstandingCents: number; ownCents: number };

export type FundingPool = {
  sharedCents: number;
  /** What is left of the pledges restricted to a neighbourhood, by neighbourhood id. */
  neighbourhoodCents: Readonly<Record<string, number>>;
  startups: Readonly<Record<string, PoolStartup>>;
};

/** Where a pledge's money may go within its call. */
export type Reach = { kind: 'shared' } | { kind: 'neighbourhood'; id: string } | { kind: 'startup'; id: string } | { kind: 'nobody' };

export type PledgeRestriction = { startupId: string | null; neighbourhoodId: string | null; theme: string | null };

/** The same matching as a payment drawn on the pledge (pledgeDrawRefusal), as a set of start-ups. */
export function pledgeReach(p: PledgeRestriction, callThemes: readonly string[], startups: FundingPool['startups']): Reach {
  if (p.theme && !callThemes.includes(p.theme)) return { kind: 'nobody' };
  if (p.startupId) {
    const startup = startups[p.startupId];
    if (!startup || (p.neighbourhoodId && p.neighbourhoodId !== startup.neighbourhoodId)) return { kind: 'nobody' };
    return { kind: 'startup', id: p.startupId };
  }
  return p.neighbourhoodId ? { kind: 'neighbourhood', id: p.neighbourhoodId } : { kind: 'shared' };
}

export type PoolInput = {
  /** The call's budget minus what was paid from programme money. */
  budgetLeftCents: number;
  callThemes: readonly string[];
  startups: readonly { id: string; neighbourhoodId: string | null; awardedCents: number; paidCents: number }[];
  /** Binding pledges (committed or disbursed) with what is left on each. */
  pledges: readonly (PledgeRestriction & { leftCents: number })[];
};

export function buildPool(input: PoolInput): FundingPool {
  const startups: Record<string, PoolStartup> = {};
  for (const s of input.startups) startups[s.id] = { neighbourhoodId: s.neighbourhoodId, outstandingCents: s.awardedCents - s.paidCents, ownCents: 0 };
  let pool: FundingPool = { sharedCents: input.budgetLeftCents, neighbourhoodCents: {}, startups };
  for (const p of input.pledges) pool = withMoney(pool, pledgeReach(p, input.callThemes, startups), p.leftCents);
  return pool;
}

/** The pool with `cents` more (or, negative, less) in a bucket. */
export function withMoney(pool: FundingPool, reach: Reach, cents: number): FundingPool {
  switch (reach.kind) {
    case 'shared':
      return { ...pool, sharedCents: pool.sharedCents + cents };
    case 'neighbourhood':
      return { ...pool, neighbourhoodCents: { ...pool.neighbourhoodCents, [reach.id]: (pool.neighbourhoodCents[reach.id] ?? 0) + cents } };
    case 'startup': {
      const s = pool.startups[reach.id]!;
      return { ...pool, startups: { ...pool.startups, [reach.id]: { ...s, ownCents: s.ownCents + cents } } };
    }
    case 'nobody':
      return pool;
  }
}

/** The pool with `cents` more (an award) or less (a payment) still to pay to a start-up. */
export function withOutstanding(pool: FundingPool, startupId: string, cents: number): FundingPool {
  const s = pool.startups[startupId] ?? { neighbourhoodId: null, outstandingCents: 0, ownCents: 0 };
  return { ...pool, startups: { ...pool.startups, [startupId]: { ...s, outstandingCents: s.outstandingCents + cents } } };
}

type Needs = { byNeighbourhood: Map<string, number>; sharedNeed: number };

/** What each level still needs after spending its own money, from the start-ups up. */
function needs(pool: FundingPool): Needs {
  const byNeighbourhood = new Map<string, number>();
  let sharedNeed = 0;
  for (const s of Object.values(pool.startups)) {
    const need = Math.max(0, s.outstandingCents - s.ownCents);
    if (s.neighbourhoodId) byNeighbourhood.set(s.neighbourhoodId, (byNeighbourhood.get(s.neighbourhoodId) ?? 0) + need);
    else sharedNeed += need;
  }
  for (const [id, need] of byNeighbourhood) sharedNeed += Math.max(0, need - (pool.neighbourhoodCents[id] ?? 0));
  return { byNeighbourhood, sharedNeed };
}

/** How much the grants lack of money that may pay them (0 when all are covered). */
export function shortfallCents(pool: FundingPool): number {
  return Math.max(0, needs(pool).sharedNeed - pool.sharedCents);
}

/**
 * The largest award increase for a start-up that leaves the shortfall as it is: its own unused
 * money, then its neighbourhood's, then the shared money's.
 */
export function awardableCents(pool: FundingPool, startupId: string): number {
  const s = pool.startups[startupId];
  const { byNeighbourhood, sharedNeed } = needs(pool);
  const own = s ? Math.max(0, s.ownCents - s.outstandingCents) : 0;
  const area = s?.neighbourhoodId ? Math.max(0, (pool.neighbourhoodCents[s.neighbourhoodId] ?? 0) - (byNeighbourhood.get(s.neighbourhoodId) ?? 0)) : 0;
  return own + area + Math.max(0, pool.sharedCents - sharedNeed);
}

/** Shared money no grant needs: what a start-up without pledges of its own could still be awarded. */
export const freeSharedCents = (pool: FundingPool) => Math.max(0, pool.sharedCents - needs(pool).sharedNeed);
