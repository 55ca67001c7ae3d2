import { describe, expect, it } from 'vitest';
import { getDonorArea } from '../../src/domain/donors/donor-area.server.ts';
import { publicStartup } from '../../src/domain/incubation/public-startups.server.ts';
import { grantFigures, grantFiguresOf } from '../../src/domain/money/grant-figures.server.ts';
import type { Db } from '../../src/lib/server/db/index.ts';
import { createCall, createDonor, createPledge, createStartup, createUser } from '../factories/index.ts';
import { testContext } from '../support/context.ts';
import { useTestDb } from '../support/db.ts';
import { insertDisbursement, insertGrant, insertRanking } from './transparency-setup.ts';

/**
 * The read models behind the charts on dashboards and profiles (issue 6 point 4): the four figures
 * of a start-up's grant, only once it has one, and the donor area's per start-up figures.
 */
const t = useTestDb();

const four = (plannedCents: number, awardedCents: number, committedCents: number, disbursedCents: number) => ({ plannedCents, awardedCents, committedCents, disbursedCents });
const figuresOf = (f: { plannedCents: number; awardedCents: number; committedCents: number; disbursedCents: number }) =>
  four(f.plannedCents, f.awardedCents, f.committedCents, f.disbursedCents);

/** One call with a final ranking: Orto funded (committed, two payments), Ciclofficina awarded only, Doposcuola without a grant. */
async function scene(db: Db) {
  const call = await createCall(db, 'closed', { budgetCents: 50_000_00 });
  const orto = await createStartup(db, { callId: call.id, name: 'Orto condiviso', publicConsent: true });
  const ciclo = await createStartup(db, { callId: call.id, name: 'Ciclofficina' });
  const dopo = await createStartup(db, { callId: call.id, name: 'Doposcuola', publicConsent: true });
  await insertRanking(db, { callId: call.id, kind: 'final', entries: [{ proposalId: orto.proposalId, grantCents: 20_000_00 }, { proposalId: ciclo.proposalId, grantCents: 15_000_00 }] });
  const grant = await insertGrant(db, { startupId: orto.id, callId: call.id, awardedCents: 18_000_00, committedCents: 18_000_00 });
  await insertDisbursement(db, { grantId: grant.id, position: 1, amountCents: 7_200_00 });
  await insertDisbursement(db, { grantId: grant.id, position: 2, amountCents: 7_200_01 });
  await insertGrant(db, { startupId: ciclo.id, callId: call.id, awardedCents: 15_000_00 });
  return { call, orto, ciclo, dopo, grant };
}

describe('grantFigures', () => {
  it('answers a start-up’s four figures once it has a grant: planned from the final ranking, disbursed summed to the cent', async () => {
    const s = await scene(t.db);
    const orto = await grantFigures(t.db, s.orto.id);
    expect(orto).toMatchObject({ id: s.orto.id, grantId: s.grant.id, name: 'Orto condiviso' });
    expect(figuresOf(orto!)).toEqual(four(20_000_00, 18_000_00, 18_000_00, 14_400_01));
    expect(figuresOf((await grantFigures(t.db, s.ciclo.id))!)).toEqual(four(15_000_00, 15_000_00, 0, 0));
  });

  it('answers null before a grant (no chart of zeros) and for an unknown start-up', async () => {
    const s = await scene(t.db);
    expect(await grantFigures(t.db, s.dopo.id)).toBeNull();
    expect(await grantFigures(t.db, crypto.randomUUID())).toBeNull();
  });
});

describe('grantFiguresOf', () => {
  it('keeps only the start-ups with a grant, by name; an empty list answers nothing', async () => {
    const s = await scene(t.db);
    const rows = await grantFiguresOf(t.db, [s.dopo.id, s.orto.id, s.ciclo.id]);
    expect(rows.map((r) => r.name)).toEqual(['Ciclofficina', 'Orto condiviso']);
    expect(await grantFiguresOf(t.db, [s.dopo.id])).toEqual([]);
    expect(await grantFiguresOf(t.db, [])).toEqual([]);
  });
});

describe('the donor area', () => {
  it('carries the grant figures of each start-up the donor supports, null where there is no grant yet', async () => {
    const s = await scene(t.db);
    const member = await createUser(t.db, 'donor');
    const donor = await createDonor(t.db, { userIds: [member.id] });
    await createPledge(t.db, { donorId: donor.id, callId: s.call.id, startupId: s.orto.id, amountCents: 5_000_00, status: 'committed', agreementRef: 'ACC-1', agreementOn: '2026-03-01' });
    await createPledge(t.db, { donorId: donor.id, callId: s.call.id, startupId: s.dopo.id, amountCents: 1_000_00, status: 'committed', agreementRef: 'ACC-2', agreementOn: '2026-03-02' });
    const area = await getDonorArea(t.db, testContext({ actor: member.actor }));
    const byName = new Map(area!.startups.map((x) => [x.name, x.grant]));
    expect([...byName.keys()]).toEqual(['Doposcuola', 'Orto condiviso']);
    // The grant as a whole (every source), not only what this donor's pledges paid.
    expect(byName.get('Orto condiviso')).toMatchObject(four(20_000_00, 18_000_00, 18_000_00, 14_400_01));
    expect(byName.get('Doposcuola')).toBeNull();
  });
});

describe('the public profile', () => {
  it('carries the start-up’s id (to load its grant) only for consenting start-ups', async () => {
    const s = await scene(t.db);
    expect(await publicStartup(t.db, s.orto.slug)).toMatchObject({ id: s.orto.id, name: 'Orto condiviso' });
    expect(await publicStartup(t.db, s.ciclo.slug)).toBeNull();
  });
});
