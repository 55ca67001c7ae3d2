import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { disbursements, grants, pledges } from '../../db/schema/index.ts';
import { isDomainError } from '../../src/domain/errors.ts';
import { approveTranche } from '../../src/domain/money/approve-tranche.server.ts';
import { cancelPledge } from '../../src/domain/money/cancel-pledge.server.ts';
import { commitGrant } from '../../src/domain/money/commit-grant.server.ts';
import { createGrant } from '../../src/domain/money/create-grant.server.ts';
import { recordDisbursement } from '../../src/domain/money/record-disbursement.server.ts';
import type { Db } from '../../src/lib/server/db/index.ts';
import { createPledge } from '../factories/index.ts';
import { useTestDb } from '../support/db.ts';
import { outbox, rowCount } from './helpers.ts';
import { EUR, moneyWorld, tranchesOf } from './money-setup.ts';
import { moneyViolations } from './money-invariants.ts';

/**
 * Two members of staff acting on the same money at the same moment, as two app instances would:
 * parallel requests through two independent postgres.js pools. Needs several connections, so it
 * runs on PostgreSQL only (TEST_DATABASE_URL); PGlite has a single connection, nothing runs in
 * parallel there, and the sequential rules are covered by the other money-*.test.ts files.
 */
const t = useTestDb();
const onPostgres = t.kind === 'postgres';
const PARALLEL = 12;

async function twoPools(): Promise<Db[]> {
  const pools = [(await t.connect()).db, (await t.connect()).db];
  await Promise.all(pools.flatMap((db) => Array.from({ length: 6 }, () => db.execute(sql`select 1`))));
  return pools;
}

/** Runs `n` attempts at once, alternating pools; answers the successes and the refusal codes. */
async function race<T>(pools: Db[], n: number, attempt: (db: Db, i: number) => Promise<T>) {
  const settled = await Promise.allSettled(Array.from({ length: n }, (_, i) => attempt(pools[i % pools.length]!, i)));
  const unexpected = settled.filter((s) => s.status === 'rejected' && !isDomainError(s.reason));
  expect(unexpected, 'only domain refusals, never a 500').toEqual([]);
  return {
    ok: settled.filter((s): s is PromiseFulfilledResult<Awaited<T>> => s.status === 'fulfilled').map((s) => s.value),
    refused: settled.filter((s) => s.status === 'rejected').map((s) => (s as PromiseRejectedResult).reason.code as string),
  };
}

async function committedGrant(world: Awaited<ReturnType<typeof moneyWorld>>, index: number, amountCents = 10_000 * EUR) {
  const grant = await createGrant(t.db, world.ctx, { startupId: world.startups[index]!.id, amountCents });
  await commitGrant(t.db, world.ctx, { grantId: grant.id, agreementRef: `CONV-${index}`, committedOn: '2026-02-01', amountCents });
  return { grant, tranches: await tranchesOf(t.db, grant.id) };
}

describe.skipIf(!onPostgres)('money races on PostgreSQL (skipped on PGlite: one connection, nothing runs in parallel)', () => {
  it(`${PARALLEL} simultaneous approvals of one tranche: one approval`, { timeout: 60_000 }, async () => {
    const world = await moneyWorld(t.db, { startups: 1 });
    const { tranches } = await committedGrant(world, 0);
    const pools = await twoPools();
    const { ok, refused } = await race(pools, PARALLEL, (db) => approveTranche(db, world.ctx, { trancheId: tranches[0]!.id }));
    expect(ok).toHaveLength(1);
    expect(refused).toEqual(Array(PARALLEL - 1).fill('tranche_already_approved'));
    expect(await moneyViolations(t.db)).toEqual({});
  });

  it(`${PARALLEL} simultaneous payments of one tranche: one disbursement, one email, the others told it is already recorded`, { timeout: 60_000 }, async () => {
    const world = await moneyWorld(t.db, { startups: 1 });
    const { tranches } = await committedGrant(world, 0);
    await approveTranche(t.db, world.ctx, { trancheId: tranches[0]!.id });
    const pools = await twoPools();
    const started = performance.now();
    const { ok, refused } = await race(pools, PARALLEL, (db, i) =>
      recordDisbursement(db, world.ctx, { trancheId: tranches[0]!.id, paidOn: '2026-02-10', amountCents: tranches[0]!.amountCents, reference: `MAND-${i}`, pledgeId: null }),
    );
    console.info(`[money-concurrency] ${PARALLEL} parallel payments of one tranche through 2 pools: ${Math.round(performance.now() - started)} ms`);
    expect(ok).toHaveLength(1);
    expect(refused).toEqual(Array(PARALLEL - 1).fill('disbursement_already_recorded'));
    expect(await rowCount(t.db, disbursements)).toBe(1);
    expect((await outbox(t.db)).filter((m) => m.template === 'disbursementRecorded')).toHaveLength(1);
    expect(await moneyViolations(t.db)).toEqual({});
  });

  it('grants racing for the last resources: awards never pass budget plus binding pledges', { timeout: 60_000 }, async () => {
    const world = await moneyWorld(t.db, { startups: 8, call: { budgetCents: 40_000 * EUR } });
    await createPledge(t.db, { donorId: world.donor.id, callId: world.call.id, amountCents: 10_000 * EUR, status: 'committed' });
    const pools = await twoPools();
    const { ok, refused } = await race(pools, 8, (db, i) => createGrant(db, world.ctx, { startupId: world.startups[i]!.id, amountCents: 15_000 * EUR }));
    // 50,000 € of resources hold three grants of 15,000 €.
    expect(ok).toHaveLength(3);
    expect(refused).toEqual(Array(5).fill('award_exceeds_resources'));
    const [sum] = await t.db.select({ awarded: sql<string>`sum(${grants.awardedCents})` }).from(grants);
    expect(Number(sum!.awarded)).toBe(45_000 * EUR);
    expect(await moneyViolations(t.db)).toEqual({});
  });

  it('payments racing for one pledge: it is never overdrawn', { timeout: 60_000 }, async () => {
    const world = await moneyWorld(t.db, { startups: 4 });
    const pledge = await createPledge(t.db, { donorId: world.donor.id, callId: world.call.id, amountCents: 9_000 * EUR, status: 'committed' });
    const advances: Awaited<ReturnType<typeof tranchesOf>> = [];
    for (let i = 0; i < 4; i++) {
      const { tranches } = await committedGrant(world, i);
      await approveTranche(t.db, world.ctx, { trancheId: tranches[0]!.id });
      advances.push(tranches[0]!);
    }
    const pools = await twoPools();
    const { ok, refused } = await race(pools, 4, (db, i) =>
      recordDisbursement(db, world.ctx, { trancheId: advances[i]!.id, paidOn: '2026-02-10', amountCents: 4_000 * EUR, reference: `MAND-${i}`, pledgeId: pledge.id }),
    );
    // 9,000 € cover two advances of 4,000 €.
    expect(ok).toHaveLength(2);
    expect(refused).toEqual(['pledge_insufficient', 'pledge_insufficient']);
    const drawn = await t.db.select().from(disbursements).where(eq(disbursements.pledgeId, pledge.id));
    expect(drawn.reduce((s, d) => s + d.amountCents, 0)).toBe(8_000 * EUR);
    expect(await moneyViolations(t.db)).toEqual({});
  });

  it('cancelling a pledge while a grant counts on it: one of the two wins, never both', { timeout: 60_000 }, async () => {
    const world = await moneyWorld(t.db, { startups: 1, call: { budgetCents: 10_000 * EUR } });
    const pools = await twoPools();
    for (let round = 0; round < 5; round++) {
      const pledge = await createPledge(t.db, { donorId: world.donor.id, callId: world.call.id, amountCents: 10_000 * EUR, status: 'committed' });
      const [cancel, grant] = await Promise.allSettled([
        cancelPledge(pools[0]!, world.ctx, { pledgeId: pledge.id, reason: 'Ritirato.' }),
        createGrant(pools[1]!, world.ctx, { startupId: world.startups[0]!.id, amountCents: 15_000 * EUR }),
      ]);
      expect([cancel.status, grant.status].filter((s) => s === 'fulfilled')).toHaveLength(1);
      const [p] = await t.db.select().from(pledges).where(eq(pledges.id, pledge.id));
      const awarded = await t.db.select().from(grants);
      expect(p!.status === 'cancelled' ? awarded.length : 1 - awarded.length).toBe(0);
      expect(await moneyViolations(t.db)).toEqual({});
      if (awarded.length) break;
    }
  });
});
