import { describe, expect, it } from 'vitest';
import { callFigures, pledgeTotals, programmeFigures, startupFigures, sumFigures } from '../../src/domain/money/figures.server.ts';
import type { Db } from '../../src/lib/server/db/index.ts';
import { createCall, createDonor, createPledge, createProgramme, createStartup } from '../factories/index.ts';
import { useTestDb } from '../support/db.ts';
import { DAY } from './helpers.ts';
import { insertDisbursement, insertGrant, insertRanking } from './transparency-setup.ts';

const t = useTestDb();

/**
 * Two programmes, three calls, four start-ups, five pledges (one in each state, plus one on the
 * second call). Every expected figure below is computed by hand from these rows.
 */
async function scene(db: Db) {
  // > 2^31 cents: bigint sums must come back exact.
  const p = await createProgramme(db, { programmedCents: 12_000_000_000 });
  const q = await createProgramme(db, { programmedCents: 10_000_000 });
  const a = await createCall(db, 'closed', { programmeId: p.id, budgetCents: 30_000_000 });
  const b = await createCall(db, 'closed', { programmeId: p.id, budgetCents: 20_000_000 });
  const c = await createCall(db, 'closed', { programmeId: q.id, budgetCents: 5_000_000 });
  const s1 = await createStartup(db, { callId: a.id, name: 'A1 Orto condiviso', publicConsent: true });
  const s2 = await createStartup(db, { callId: a.id, name: 'A2 Ciclofficina' });
  const s3 = await createStartup(db, { callId: a.id, name: 'A3 Doposcuola' });
  const s4 = await createStartup(db, { callId: b.id, name: 'B1 Sartoria sociale' });

  const now = Date.now();
  // Only the LATEST final ranking of a call counts; provisional ones never do.
  await insertRanking(db, { callId: a.id, kind: 'provisional', publishedAt: new Date(now - 30 * DAY), entries: [{ proposalId: s1.proposalId, grantCents: 9_999_900 }] });
  await insertRanking(db, { callId: a.id, kind: 'final', publishedAt: new Date(now - 20 * DAY), entries: [{ proposalId: s1.proposalId, grantCents: 2_000_000 }] });
  await insertRanking(db, {
    callId: a.id,
    kind: 'final',
    publishedAt: new Date(now - 10 * DAY),
    entries: [
      { proposalId: s1.proposalId, grantCents: 2_500_000 },
      { proposalId: s2.proposalId, grantCents: 1_800_000 },
    ],
  });
  await insertRanking(db, { callId: b.id, kind: 'provisional', entries: [{ proposalId: s4.proposalId, grantCents: 1_500_000 }] });

  const g1 = await insertGrant(db, { startupId: s1.id, callId: a.id, awardedCents: 2_500_000, committedCents: 2_500_000 });
  await insertGrant(db, { startupId: s2.id, callId: a.id, awardedCents: 1_800_000 });
  const g4 = await insertGrant(db, { startupId: s4.id, callId: b.id, awardedCents: 1_500_000, committedCents: 1_500_000 });

  const donor = await createDonor(db);
  await createPledge(db, { donorId: donor.id, callId: a.id, amountCents: 500_000, status: 'pledged' });
  await createPledge(db, { donorId: donor.id, callId: a.id, amountCents: 1_000_000, status: 'committed' });
  const toS1 = await createPledge(db, { donorId: donor.id, callId: a.id, startupId: s1.id, amountCents: 700_000, status: 'disbursed' });
  await createPledge(db, { donorId: donor.id, callId: a.id, amountCents: 300_000, status: 'cancelled', cancelledAt: new Date() });
  await createPledge(db, { donorId: donor.id, callId: b.id, amountCents: 400_000, status: 'committed' });

  await insertDisbursement(db, { grantId: g1.id, position: 1, amountCents: 1_000_000 });
  await insertDisbursement(db, { grantId: g1.id, position: 2, amountCents: 1_000_000, pledgeId: toS1.id });
  await insertDisbursement(db, { grantId: g4.id, position: 1, amountCents: 600_000 });
  return { p, q, a, b, c, s1, s2, s3, s4 };
}

const four = (plannedCents: number, awardedCents: number, committedCents: number, disbursedCents: number) => ({ plannedCents, awardedCents, committedCents, disbursedCents });

describe('startupFigures', () => {
  it('planned from the latest final ranking, awarded and committed from the grant, disbursed summed', async () => {
    const s = await scene(t.db);
    const rows = await startupFigures(t.db);
    expect(rows.map((r) => r.name)).toEqual(['A1 Orto condiviso', 'A2 Ciclofficina', 'A3 Doposcuola', 'B1 Sartoria sociale']);
    expect(rows.map((r) => ({ plannedCents: r.plannedCents, awardedCents: r.awardedCents, committedCents: r.committedCents, disbursedCents: r.disbursedCents }))).toEqual([
      four(2_500_000, 2_500_000, 2_500_000, 2_000_000),
      four(1_800_000, 1_800_000, 0, 0),
      four(0, 0, 0, 0), // no grant, not in the final ranking
      four(0, 1_500_000, 1_500_000, 600_000), // its call has only a provisional ranking
    ]);
    expect(rows[0]).toMatchObject({ id: s.s1.id, slug: s.s1.slug, callId: s.a.id, publicConsent: true });
    expect(rows[1]!.publicConsent).toBe(false);
    expect(rows[2]!.grantId).toBeNull();
  });

  it('filters by call and by start-up ids; an empty id list answers nothing', async () => {
    const s = await scene(t.db);
    expect((await startupFigures(t.db, { callId: s.a.id })).map((r) => r.id)).toEqual([s.s1.id, s.s2.id, s.s3.id]);
    expect((await startupFigures(t.db, { startupIds: [s.s4.id, s.s2.id] })).map((r) => r.id)).toEqual([s.s2.id, s.s4.id]);
    expect(await startupFigures(t.db, { startupIds: [] })).toEqual([]);
    expect(await startupFigures(t.db, { callId: s.c.id })).toEqual([]);
  });
});

describe('callFigures', () => {
  it('planned = budget + legally binding pledges; the rest summed over the grants', async () => {
    const s = await scene(t.db);
    const rows = await callFigures(t.db);
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(s.a.id)).toMatchObject({ ...four(31_700_000, 4_300_000, 2_500_000, 2_000_000), budgetCents: 30_000_000, pledgedCents: 1_700_000, grantCount: 2 });
    expect(byId.get(s.b.id)).toMatchObject({ ...four(20_400_000, 1_500_000, 1_500_000, 600_000), pledgedCents: 400_000, grantCount: 1 });
    expect(byId.get(s.c.id)).toMatchObject({ ...four(5_000_000, 0, 0, 0), pledgedCents: 0, grantCount: 0, programmeId: s.q.id, slug: s.c.slug });
  });

  it('filters by programme and by call ids', async () => {
    const s = await scene(t.db);
    expect((await callFigures(t.db, { programmeId: s.p.id })).map((r) => r.id).sort()).toEqual([s.a.id, s.b.id].sort());
    expect((await callFigures(t.db, { callIds: [s.b.id] })).map((r) => r.id)).toEqual([s.b.id]);
    expect(await callFigures(t.db, { callIds: [] })).toEqual([]);
  });

  it('a call’s awarded, committed and disbursed are the sums of its start-ups’', async () => {
    const s = await scene(t.db);
    const [call] = await callFigures(t.db, { callIds: [s.a.id] });
    const total = sumFigures(await startupFigures(t.db, { callId: s.a.id }));
    expect([call!.awardedCents, call!.committedCents, call!.disbursedCents]).toEqual([total.awardedCents, total.committedCents, total.disbursedCents]);
  });
});

describe('programmeFigures', () => {
  it('planned = programmed amount; the rest summed over its calls, exact beyond 2^31 cents', async () => {
    const s = await scene(t.db);
    const rows = await programmeFigures(t.db);
    expect(rows.map((r) => r.code)).toEqual([s.p.code, s.q.code].sort());
    const p = rows.find((r) => r.id === s.p.id)!;
    expect(p).toMatchObject({ ...four(12_000_000_000, 5_800_000, 4_000_000, 2_600_000), callCount: 2, cup: s.p.cup, titleIt: s.p.titleIt });
    expect(rows.find((r) => r.id === s.q.id)).toMatchObject({ ...four(10_000_000, 0, 0, 0), callCount: 1 });
    for (const r of rows) for (const v of [r.plannedCents, r.awardedCents, r.committedCents, r.disbursedCents]) expect(Number.isSafeInteger(v)).toBe(true);
    expect(await programmeFigures(t.db, { programmeIds: [s.q.id] })).toHaveLength(1);
  });

  it('a programme with nothing in it shows its programmed amount and zeros', async () => {
    const p = await createProgramme(t.db, { programmedCents: 123_45 });
    expect(await programmeFigures(t.db, { programmeIds: [p.id] })).toEqual([
      { id: p.id, code: p.code, cup: p.cup, titleIt: p.titleIt, titleEn: p.titleEn, office: p.office, rupName: p.rupName, callCount: 0, ...four(123_45, 0, 0, 0) },
    ]);
  });
});

describe('pledgeTotals', () => {
  it('sums pledges by their present state, overall and for one call', async () => {
    const s = await scene(t.db);
    expect(await pledgeTotals(t.db)).toEqual({ pledgedCents: 500_000, committedCents: 1_400_000, disbursedCents: 700_000, cancelledCents: 300_000, count: 5 });
    expect(await pledgeTotals(t.db, { callId: s.a.id })).toEqual({ pledgedCents: 500_000, committedCents: 1_000_000, disbursedCents: 700_000, cancelledCents: 300_000, count: 4 });
    expect(await pledgeTotals(t.db, { callId: s.c.id })).toEqual({ pledgedCents: 0, committedCents: 0, disbursedCents: 0, cancelledCents: 0, count: 0 });
  });
});
