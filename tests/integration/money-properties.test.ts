import { and, eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { disbursements, grants, milestones, pledges, tranches } from '../../db/schema/index.ts';
import { isDomainError } from '../../src/domain/errors.ts';
import { approveTranche } from '../../src/domain/money/approve-tranche.server.ts';
import { cancelPledge } from '../../src/domain/money/cancel-pledge.server.ts';
import { commitGrant } from '../../src/domain/money/commit-grant.server.ts';
import { commitPledge } from '../../src/domain/money/commit-pledge.server.ts';
import { createGrant } from '../../src/domain/money/create-grant.server.ts';
import { createPledge } from '../../src/domain/money/create-pledge.server.ts';
import { recordDisbursement } from '../../src/domain/money/record-disbursement.server.ts';
import { saveTranchePlan } from '../../src/domain/money/tranche-plan.server.ts';
import type { PlanRow } from '../../src/domain/money/tranche-plan-rules.ts';
import type { RequestContext } from '../../src/domain/context.ts';
import { createCall, createDonor, createNeighbourhood, createProgramme, createStartup, createUser, seededRandom } from '../factories/index.ts';
import { testContext } from '../support/context.ts';
import { useTestDb } from '../support/db.ts';
import { approveMilestone, EUR, rankStartups } from './money-setup.ts';
import { moneyColumnTypes, moneyViolations } from './money-invariants.ts';

/**
 * Property-based: any sequence of pledges, commitments, cancellations, grants, agreements,
 * milestone approvals, tranche approvals and payments — valid and invalid attempts mixed, drawn by
 * a seeded generator — keeps every money invariant, checked after each step by independent SQL
 * (money-invariants.ts). Each attempt either succeeds or is refused with a domain error; anything
 * else fails the test. MONEY_PROPERTY_RUNS overrides the number of sequences.
 */
const t = useTestDb();
const RUNS = Number(process.env.MONEY_PROPERTY_RUNS ?? 200);
const STEPS = 16;

type Rng = () => number;
const int = (rng: Rng, min: number, max: number) => min + Math.floor(rng() * (max - min + 1));
const pick = <T>(rng: Rng, items: readonly T[]): T | undefined => items[Math.floor(rng() * items.length)];
/** Euros with odd cents: money that does not divide evenly. */
const euros = (rng: Rng, min: number, max: number) => int(rng, min, max) * EUR + int(rng, 0, 99);

type Shared = { ctx: RequestContext; programmeId: string; leadUserId: string; donorIds: string[]; neighbourhoodIds: [string, string] };
type Run = { callId: string; maxGrantCents: number; startups: { id: string }[] };

/** Two or three rows with random shares totalling 100 %, some waiting for a milestone. */
function randomPlan(rng: Rng): PlanRow[] {
  const rows = int(rng, 1, 3);
  const cuts = Array.from({ length: rows - 1 }, () => int(rng, 1, 9999)).sort((a, b) => a - b);
  const edges = [0, ...new Set(cuts), 10_000];
  return edges.slice(1).map((edge, i) => ({
    labelIt: `Tranche ${i + 1}`,
    labelEn: `Tranche ${i + 1}`,
    shareBp: edge - edges[i]!,
    milestoneKind: i === 0 ? null : pick(rng, ['business_plan', 'launch', null] as const)!,
  }));
}

async function setUpRun(s: Shared, rng: Rng): Promise<Run> {
  const maxGrantCents = pick(rng, [8_000, 15_000, 25_000])! * EUR;
  // Half the calls have a small budget, so their grants stand on pledges (restricted ones too).
  const budgetCents = rng() < 0.5 ? euros(rng, 1_000, 10_000) : euros(rng, 5_000, 40_000);
  const call = await createCall(t.db, 'closed', { programmeId: s.programmeId, budgetCents, maxGrantCents, themes: ['sport', 'culture'], neighbourhoodIds: s.neighbourhoodIds });
  await saveTranchePlan(t.db, s.ctx, { callId: call.id, rows: randomPlan(rng) });
  const startups = [];
  for (let i = 0; i < 3; i++) startups.push(await createStartup(t.db, { callId: call.id, leadUserId: s.leadUserId, planFrom: '2026-01-10', neighbourhoodId: pick(rng, s.neighbourhoodIds)! }));
  // Mostly funded with the call's maximum in the final ranking, sometimes with less (an award above it is refused).
  await rankStartups(t.db, call.id, startups.map((x) => ({ proposalId: x.proposalId, grantCents: rng() < 0.75 ? maxGrantCents : euros(rng, 500, maxGrantCents / EUR - 1) })));
  return { callId: call.id, maxGrantCents, startups };
}

type Snapshot = {
  pledges: (typeof pledges.$inferSelect)[];
  grants: (typeof grants.$inferSelect)[];
  tranches: (typeof tranches.$inferSelect)[];
  /** Cents drawn per pledge. */
  drawn: Map<string, number>;
};

async function snapshot(r: Run): Promise<Snapshot> {
  const pledgeRows = await t.db.select().from(pledges).where(eq(pledges.callId, r.callId));
  const grantRows = await t.db.select().from(grants).where(eq(grants.callId, r.callId));
  const trancheRows = grantRows.length ? await t.db.select().from(tranches).where(inArray(tranches.grantId, grantRows.map((g) => g.id))) : [];
  const paid = pledgeRows.length ? await t.db.select().from(disbursements).where(inArray(disbursements.pledgeId, pledgeRows.map((p) => p.id))) : [];
  const drawn = new Map<string, number>();
  for (const d of paid) drawn.set(d.pledgeId!, (drawn.get(d.pledgeId!) ?? 0) + d.amountCents);
  return { pledges: pledgeRows, grants: grantRows, tranches: trancheRows, drawn };
}

/** Mostly a row the attempt can succeed on, sometimes any row (an invalid attempt). */
const target = <T>(rng: Rng, fitting: readonly T[], all: readonly T[]): T | undefined => pick(rng, rng() < 0.85 && fitting.length ? fitting : all);

type Attempt = [string, () => Promise<unknown>];

/** One random attempt: weighted towards what can move forward, so sequences reach payments. */
async function step(s: Shared, r: Run, rng: Rng): Promise<Attempt> {
  const snap = await snapshot(r);
  const has = (status: string) => snap.tranches.some((x) => x.status === status);
  const menu: [string, number][] = [
    ['pledge', 3],
    ['commit pledge', snap.pledges.some((p) => p.status === 'pledged') ? 3 : 0.3],
    ['cancel pledge', 1],
    ['grant', snap.grants.length < r.startups.length ? 3 : 0.5],
    ['commit grant', snap.grants.some((g) => g.committedCents < g.awardedCents) ? 3 : 0.3],
    ['milestone', 1.5],
    ['approve', has('eligible') ? 5 : 0.3],
    ['disburse', has('approved') ? 6 : 0.3],
    ['pledge for a tranche', has('approved') ? 1 : 0],
  ];
  let roll = rng() * menu.reduce((sum, [, w]) => sum + w, 0);
  const name = menu.find(([, w]) => (roll -= w) < 0)?.[0] ?? 'pledge';
  return attempts[name]!(s, r, rng, snap);
}

const attempts: Record<string, (s: Shared, r: Run, rng: Rng, snap: Snapshot) => Attempt> = {
  pledge: (s, r, rng, snap) => {
    const startup = rng() < 0.3 ? pick(rng, r.startups) : undefined;
    const restricted = !startup && rng() < 0.3;
    // Sometimes exactly a tranche's amount, so payments can draw a pledge to its full amount.
    const exact = rng() < 0.3 ? pick(rng, snap.tranches.filter((x) => x.status !== 'disbursed'))?.amountCents : undefined;
    return ['pledge', () => createPledge(t.db, s.ctx, {
      donorId: pick(rng, s.donorIds)!,
      target: startup ? { kind: 'startup', startupId: startup.id } : { kind: 'call', callId: r.callId },
      neighbourhoodId: restricted && rng() < 0.6 ? pick(rng, s.neighbourhoodIds)! : null,
      theme: restricted && rng() < 0.5 ? pick(rng, ['sport', 'culture', 'housing'])! : null,
      amountCents: exact ?? euros(rng, 1, 15_000),
    })];
  },
  /** A donor covers exactly an approved tranche: created and made binding (two attempts, one step). */
  'pledge for a tranche': (s, _r, rng, snap) => {
    const tr = pick(rng, snap.tranches.filter((x) => x.status === 'approved'))!;
    const grant = snap.grants.find((g) => g.id === tr.grantId)!;
    return ['pledge for a tranche', async () => {
      const p = await createPledge(t.db, s.ctx, { donorId: pick(rng, s.donorIds)!, target: { kind: 'startup', startupId: grant.startupId }, neighbourhoodId: null, theme: null, amountCents: tr.amountCents });
      return commitPledge(t.db, s.ctx, { pledgeId: p.id, agreementRef: 'ACC-T', agreementOn: '2026-02-01' });
    }];
  },
  'commit pledge': (s, _r, rng, snap) => {
    const p = target(rng, snap.pledges.filter((x) => x.status === 'pledged'), snap.pledges);
    return ['commit pledge', async () => p && commitPledge(t.db, s.ctx, { pledgeId: p.id, agreementRef: `ACC-${int(rng, 1, 999)}`, agreementOn: '2026-02-01' })];
  },
  'cancel pledge': (s, _r, rng, snap) => {
    // Mostly a binding pledge, which grants may stand on (cancelling a mere promise always works).
    const p = target(rng, snap.pledges.filter((x) => x.status === 'committed'), snap.pledges);
    return ['cancel pledge', async () => p && cancelPledge(t.db, s.ctx, { pledgeId: p.id, reason: 'Prova.' })];
  },
  grant: (s, r, rng, snap) => {
    const startup = target(rng, r.startups.filter((x) => !snap.grants.some((g) => g.startupId === x.id)), r.startups)!;
    const amountCents = rng() < 0.15 ? r.maxGrantCents + int(rng, 1, 100) : euros(rng, 500, r.maxGrantCents / EUR - 1);
    return ['grant', () => createGrant(t.db, s.ctx, { startupId: startup.id, amountCents })];
  },
  'commit grant': (s, _r, rng, snap) => {
    const g = target(rng, snap.grants.filter((x) => x.committedCents < x.awardedCents), snap.grants);
    const amountCents = !g ? 0 : rng() < 0.15 ? g.awardedCents + int(rng, 1, 100) : rng() < 0.7 ? g.awardedCents : int(rng, 1, g.awardedCents);
    return ['commit grant', async () => g && commitGrant(t.db, s.ctx, { grantId: g.id, agreementRef: 'CONV', committedOn: '2026-02-01', amountCents })];
  },
  milestone: (_s, r, rng) => {
    const startup = pick(rng, r.startups)!;
    const kind = pick(rng, ['business_plan', 'launch'] as const)!;
    return ['milestone', async () => {
      const [m] = await t.db.select({ status: milestones.status }).from(milestones).where(and(eq(milestones.startupId, startup.id), eq(milestones.kind, kind)));
      return m?.status === 'approved' ? 0 : approveMilestone(t.db, startup.id, kind);
    }];
  },
  approve: (s, _r, rng, snap) => {
    const committed = new Set(snap.grants.filter((g) => g.committedCents > 0).map((g) => g.id));
    const tr = target(rng, snap.tranches.filter((x) => x.status === 'eligible' && committed.has(x.grantId)), snap.tranches);
    return ['approve', async () => tr && approveTranche(t.db, s.ctx, { trancheId: tr.id })];
  },
  disburse: (s, _r, rng, snap) => {
    const tr = target(rng, snap.tranches.filter((x) => x.status === 'approved'), snap.tranches);
    const left = (p: (typeof snap.pledges)[number]) => p.amountCents - (snap.drawn.get(p.id) ?? 0);
    const fitting = snap.pledges.filter((p) => p.status === 'committed' && (!tr || left(p) >= tr.amountCents)).sort((a, b) => left(a) - left(b));
    // As the office would, often the pledge that fits most tightly (which may then be drawn in full).
    const source = rng() < 0.4 ? null : rng() < 0.5 && fitting.length ? fitting[0] : target(rng, fitting, snap.pledges);
    const amountCents = !tr ? 0 : rng() < 0.9 ? tr.amountCents : tr.amountCents + pick(rng, [-1, 1])!;
    const paidOn = rng() < 0.92 ? '2026-02-15' : '2026-01-01';
    return ['disburse', async () => tr && recordDisbursement(t.db, s.ctx, { trancheId: tr.id, paidOn, amountCents, reference: 'MAND', pledgeId: source?.id ?? null })];
  },
};

describe('money invariants under random sequences', () => {
  it(`hold after every step of ${RUNS} sequences of ${STEPS} attempts`, { timeout: 900_000 }, async () => {
    const staff = await createUser(t.db, 'staff');
    const lead = await createUser(t.db, 'resident');
    const donors = [await createDonor(t.db), await createDonor(t.db)];
    const shared: Shared = {
      ctx: testContext({ actor: staff.actor }),
      programmeId: (await createProgramme(t.db)).id,
      leadUserId: lead.id,
      donorIds: donors.map((d) => d.id),
      neighbourhoodIds: [(await createNeighbourhood(t.db)).id, (await createNeighbourhood(t.db)).id],
    };
    const outcomes = new Map<string, number>();
    const count = (key: string) => outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
    const started = performance.now();

    for (let seed = 1; seed <= RUNS; seed++) {
      const rng = seededRandom(seed);
      const run = await setUpRun(shared, rng);
      const trace: string[] = [];
      for (let i = 0; i < STEPS; i++) {
        const [name, attempt] = await step(shared, run, rng);
        let outcome: string;
        try {
          outcome = (await attempt()) === undefined ? 'nothing to try' : 'ok';
        } catch (error) {
          if (!isDomainError(error)) throw new Error(`seed ${seed}, step ${i + 1} (${name}) failed unexpectedly:\n${trace.join('\n')}`, { cause: error });
          outcome = error.code;
        }
        count(`${name}: ${outcome}`);
        trace.push(`${i + 1}. ${name} → ${outcome}`);
        expect(await moneyViolations(t.db, run.callId), `seed ${seed}, after:\n${trace.join('\n')}`).toEqual({});
      }
    }
    // Each step checked its own call; at the end, everything at once.
    expect(await moneyViolations(t.db)).toEqual({});
    const ms = performance.now() - started;
    const summary = [...outcomes].sort(([a], [b]) => a.localeCompare(b)).map(([k, n]) => `${k} ×${n}`);
    console.info(`[money-properties] ${RUNS} sequences × ${STEPS} steps in ${Math.round(ms)} ms\n  ${summary.join('\n  ')}`);

    // The walk really reached every kind of success and the refusals that guard the invariants.
    for (const key of ['pledge: ok', 'commit pledge: ok', 'cancel pledge: ok', 'grant: ok', 'commit grant: ok', 'approve: ok', 'disburse: ok']) {
      expect(outcomes.get(key) ?? 0, key).toBeGreaterThan(0);
    }
    if (RUNS >= 100) {
      for (const code of ['grant: award_exceeds_resources', 'grant: grant_above_max', 'grant: grant_above_ranking', 'cancel pledge: cancel_breaks_resources', 'commit grant: commitment_above_award', 'disburse: amount_must_match_tranche']) {
        expect(outcomes.get(code) ?? 0, code).toBeGreaterThan(0);
      }
      const [drawn] = await t.db.select({ id: pledges.id }).from(pledges).where(eq(pledges.status, 'disbursed')).limit(1);
      expect(drawn, 'some pledge was drawn to its full amount').toBeDefined();
    }
  });

  it('keeps every amount in 64-bit integer columns and integer numbers in code', async () => {
    const types = await moneyColumnTypes(t.db);
    expect(Object.keys(types)).toEqual(expect.arrayContaining(['pledges.amount_cents', 'grants.awarded_cents', 'grants.committed_cents', 'tranches.amount_cents', 'disbursements.amount_cents', 'calls.budget_cents', 'calls.max_grant_cents']));
    expect(Object.entries(types).filter(([, type]) => type !== 'bigint')).toEqual([]);
  });
});
