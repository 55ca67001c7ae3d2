import { describe, expect, it } from 'vitest';
import { approveTranche } from '../../src/domain/money/approve-tranche.server.ts';
import { callFunding } from '../../src/domain/money/call-funding.server.ts';
import { commitGrant } from '../../src/domain/money/commit-grant.server.ts';
import { createGrant } from '../../src/domain/money/create-grant.server.ts';
import { fundingOverview } from '../../src/domain/money/funding-overview.server.ts';
import { grantDetail } from '../../src/domain/money/grant-view.server.ts';
import { listPledges, pledgeDetail, pledgeTargets } from '../../src/domain/money/pledge-views.server.ts';
import { recordDisbursement } from '../../src/domain/money/record-disbursement.server.ts';
import { createCall, createNeighbourhood, createPledge, createStartup } from '../factories/index.ts';
import { testContext } from '../support/context.ts';
import { useTestDb } from '../support/db.ts';
import { domainError } from './helpers.ts';
import { EUR, moneyWorld, tranchesOf } from './money-setup.ts';

const t = useTestDb();

describe('staff funding read models', () => {
  it('the overview counts what waits for the office; the call page shows money, plan, start-ups and pledges', async () => {
    const world = await moneyWorld(t.db, { startups: 3 });
    const [a, b] = world.startups;
    const pledge = await createPledge(t.db, { donorId: world.donor.id, callId: world.call.id, amountCents: 20_000 * EUR, status: 'committed' });
    const g1 = await createGrant(t.db, world.ctx, { startupId: a!.id, amountCents: 10_000 * EUR });
    await createGrant(t.db, world.ctx, { startupId: b!.id, amountCents: 5_000 * EUR });
    await commitGrant(t.db, world.ctx, { grantId: g1.id, agreementRef: 'C-1', committedOn: '2026-02-01', amountCents: 10_000 * EUR });
    const [advance] = await tranchesOf(t.db, g1.id);
    await approveTranche(t.db, world.ctx, { trancheId: advance!.id });
    await recordDisbursement(t.db, world.ctx, { trancheId: advance!.id, paidOn: '2026-02-05', amountCents: 4_000 * EUR, reference: 'M-1', pledgeId: pledge.id });

    const overview = await fundingOverview(t.db, world.ctx);
    expect(overview.calls).toEqual([
      expect.objectContaining({ id: world.call.id, budgetCents: 100_000 * EUR, pledgedCents: 20_000 * EUR, awardedCents: 15_000 * EUR, committedCents: 10_000 * EUR, disbursedCents: 4_000 * EUR, toApprove: 0, toPay: 0, withoutGrant: 1, hasPlan: true }),
    ]);
    // The second grant's advance is eligible but its agreement is not signed: not yet the office's to approve.
    expect(overview.todo).toEqual([]);

    const view = await callFunding(t.db, world.ctx, world.call.id);
    expect(view.ledger).toMatchObject({ awardedCents: 15_000 * EUR, disbursedCents: 4_000 * EUR, programmeDisbursedCents: 0 });
    expect(view.planFixed).toBe(true);
    expect(view.plan.map((r) => r.shareBp)).toEqual([4000, 4000, 2000]);
    expect(view.startups.filter((s) => s.grant === null)).toHaveLength(1);
    expect(view.startups.find((s) => s.id === a!.id)!.grant).toEqual({ id: g1.id, awardedCents: 10_000 * EUR, committedCents: 10_000 * EUR, disbursedCents: 4_000 * EUR });
    expect(view.pledges).toEqual([expect.objectContaining({ id: pledge.id, drawnCents: 4_000 * EUR, donorName: world.donor.name })]);
  });

  it('a grant’s page offers only the pledges its payment may draw on', async () => {
    const world = await moneyWorld(t.db, { startups: 2 });
    const [a, b] = world.startups;
    const grant = await createGrant(t.db, world.ctx, { startupId: a!.id, amountCents: 10_000 * EUR });
    const donorId = world.donor.id;
    const fits = await createPledge(t.db, { donorId, callId: world.call.id, amountCents: 4_000 * EUR, status: 'committed' });
    const forA = await createPledge(t.db, { donorId, callId: world.call.id, startupId: a!.id, amountCents: 9_000 * EUR, status: 'committed' });
    await createPledge(t.db, { donorId, callId: world.call.id, startupId: b!.id, amountCents: 9_000 * EUR, status: 'committed' });
    await createPledge(t.db, { donorId, callId: world.call.id, amountCents: 3_000 * EUR, status: 'committed' });
    await createPledge(t.db, { donorId, callId: world.call.id, amountCents: 9_000 * EUR });
    await createPledge(t.db, { donorId, callId: world.call.id, neighbourhoodId: (await createNeighbourhood(t.db)).id, amountCents: 9_000 * EUR, status: 'committed' });
    const detail = await grantDetail(t.db, world.ctx, grant.id);
    expect(detail.tranches[0]!.pledgeOptions.map((p) => p.id).sort()).toEqual([fits.id, forA.id].sort());
    expect(detail.tranches[2]!.pledgeOptions.map((p) => p.id).length).toBe(3);
    expect(detail.tranches[1]!.milestone).toMatchObject({ status: 'planned' });
    expect(await domainError(grantDetail(t.db, world.ctx, 'not-a-uuid'))).toMatchObject({ kind: 'not_found' });
  });

  it('pledges list by status with counts; details; donors see only public start-ups as targets', async () => {
    const world = await moneyWorld(t.db, { startups: 0 });
    const hidden = await createStartup(t.db, { callId: world.call.id, publicConsent: false });
    const shown = await createStartup(t.db, { callId: world.call.id, publicConsent: true });
    await createCall(t.db, 'draft');
    await createPledge(t.db, { donorId: world.donor.id, callId: world.call.id });
    const committed = await createPledge(t.db, { donorId: world.donor.id, callId: world.call.id, status: 'committed' });
    const list = await listPledges(t.db, world.ctx, { status: 'committed', page: 1 });
    expect(list).toMatchObject({ total: 1, counts: { pledged: 1, committed: 1 } });
    expect(list.rows.map((r) => r.id)).toEqual([committed.id]);
    expect((await pledgeDetail(t.db, world.ctx, committed.id)).pledge).toMatchObject({ status: 'committed', agreementOn: '2026-03-01' });

    const forStaff = await pledgeTargets(t.db, world.ctx);
    expect(forStaff.calls.map((c) => c.id)).toEqual([world.call.id]);
    expect(forStaff.startups.map((s) => s.id).sort()).toEqual([hidden.id, shown.id].sort());
    const forDonor = await pledgeTargets(t.db, testContext({ actor: world.donorUser.actor }));
    expect(forDonor.startups.map((s) => s.id)).toEqual([shown.id]);
    expect(await domainError(listPledges(t.db, testContext({ actor: world.donorUser.actor }), { status: null, page: 1 }))).toMatchObject({ kind: 'forbidden' });
    expect(await domainError(fundingOverview(t.db, testContext({ actor: world.donorUser.actor })))).toMatchObject({ kind: 'forbidden' });
  });
});
