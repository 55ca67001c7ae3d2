import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { grants, trancheTemplates } from '../../db/schema/index.ts';
import { approveTranche } from '../../src/domain/money/approve-tranche.server.ts';
import { commitGrant } from '../../src/domain/money/commit-grant.server.ts';
import { createGrant } from '../../src/domain/money/create-grant.server.ts';
import { getTranchePlan, saveTranchePlan } from '../../src/domain/money/tranche-plan.server.ts';
import { formatMoney } from '../../src/lib/format.ts';
import { createCall, createNeighbourhood, createPledge, createStartup, createUser } from '../factories/index.ts';
import { testContext } from '../support/context.ts';
import { useTestDb } from '../support/db.ts';
import { auditTrail, domainError, rowCount } from './helpers.ts';
import { moneyViolations } from './money-invariants.ts';
import { approveMilestone, EUR, moneyWorld, rankStartups, standardPlan, tranchesOf } from './money-setup.ts';

const t = useTestDb();

describe('tranche plan', () => {
  it('is saved in order, audited, and must total 100 %', async () => {
    const { ctx, call } = await moneyWorld(t.db, { startups: 0 });
    expect(await getTranchePlan(t.db, call.id)).toEqual(standardPlan);
    const wrong = [{ ...standardPlan[0]!, shareBp: 5000 }, { ...standardPlan[1]!, shareBp: 4000 }];
    expect(await domainError(saveTranchePlan(t.db, ctx, { callId: call.id, rows: wrong }))).toMatchObject({ code: 'plan_total', details: { totalBp: 9000, total: '90 %' } });
    expect(await domainError(saveTranchePlan(t.db, ctx, { callId: call.id, rows: [] }))).toMatchObject({ code: 'plan_empty' });
    const halves = [{ ...standardPlan[0]!, shareBp: 5000 }, { ...standardPlan[2]!, shareBp: 5000 }];
    await saveTranchePlan(t.db, ctx, { callId: call.id, rows: halves });
    expect(await getTranchePlan(t.db, call.id)).toEqual(halves);
    expect((await auditTrail(t.db)).filter((a) => a.action === 'tranche_plan.saved')).toHaveLength(2);
  });

  it('is fixed once a grant of the call exists; only staff may set it', async () => {
    const { ctx, call, startups, donorUser } = await moneyWorld(t.db, { startups: 1 });
    await createGrant(t.db, ctx, { startupId: startups[0]!.id, amountCents: 10_000 * EUR });
    expect(await domainError(saveTranchePlan(t.db, ctx, { callId: call.id, rows: standardPlan }))).toMatchObject({ code: 'plan_in_use' });
    const other = await createCall(t.db, 'closed');
    expect(await domainError(saveTranchePlan(t.db, testContext({ actor: donorUser.actor }), { callId: other.id, rows: standardPlan }))).toMatchObject({ kind: 'forbidden', code: 'missing_role' });
    expect(await rowCount(t.db, trancheTemplates, eq(trancheTemplates.callId, other.id))).toBe(0);
  });
});

describe('grants', () => {
  it('split the award into the plan’s tranches to the cent, tied to the start-up’s milestones', async () => {
    const { ctx, startups } = await moneyWorld(t.db, { startups: 1 });
    const grant = await createGrant(t.db, ctx, { startupId: startups[0]!.id, amountCents: 1_000_001 });
    const rows = await tranchesOf(t.db, grant.id);
    // 40 % of 10,000.01 € = 4,000.004 → 400000 (+1 cent to the largest remainder: the first 40 %, earlier wins the tie)
    expect(rows.map((r) => r.amountCents)).toEqual([400_001, 400_000, 200_000]);
    expect(rows.reduce((s, r) => s + r.amountCents, 0)).toBe(1_000_001);
    expect(rows.map((r) => [r.labelIt, r.status, r.milestoneId !== null])).toEqual([
      ['Anticipo', 'eligible', false],
      ['Stato di avanzamento', 'planned', true],
      ['Saldo', 'planned', true],
    ]);
    const [audit] = (await auditTrail(t.db)).filter((a) => a.action === 'grant.created');
    expect(audit).toMatchObject({ entityId: grant.id, actorId: ctx.actor!.userId, requestId: 'test-request', summary: { awardedCents: 1_000_001 } });
  });

  it('a tranche whose milestone is already approved is eligible at once; a later approval makes the next eligible', async () => {
    const { ctx, startups } = await moneyWorld(t.db, { startups: 1 });
    await approveMilestone(t.db, startups[0]!.id, 'business_plan');
    const grant = await createGrant(t.db, ctx, { startupId: startups[0]!.id, amountCents: 10_000 * EUR });
    expect((await tranchesOf(t.db, grant.id)).map((r) => r.status)).toEqual(['eligible', 'eligible', 'planned']);
    expect(await approveMilestone(t.db, startups[0]!.id, 'launch')).toBe(1);
    expect((await tranchesOf(t.db, grant.id)).map((r) => r.status)).toEqual(['eligible', 'eligible', 'eligible']);
    expect((await auditTrail(t.db)).filter((a) => a.action === 'tranche.became-eligible')).toHaveLength(1);
  });

  it('are refused above the call’s maximum, beyond its resources, twice, without a plan or a required milestone', async () => {
    const { ctx, call, startups, donor } = await moneyWorld(t.db, { startups: 5, call: { budgetCents: 50_000 * EUR } });
    const [a, b, c, d, e] = startups as [(typeof startups)[0], (typeof startups)[0], (typeof startups)[0], (typeof startups)[0], (typeof startups)[0]];
    expect(await domainError(createGrant(t.db, ctx, { startupId: a.id, amountCents: 30_000 * EUR + 1 }))).toMatchObject({ code: 'grant_above_max', details: { maxCents: 30_000 * EUR } });
    await createGrant(t.db, ctx, { startupId: a.id, amountCents: 30_000 * EUR });
    expect(await domainError(createGrant(t.db, ctx, { startupId: a.id, amountCents: 1_000 * EUR }))).toMatchObject({ code: 'grant_exists' });
    expect(await domainError(createGrant(t.db, ctx, { startupId: b.id, amountCents: 25_000 * EUR }))).toMatchObject({ code: 'award_exceeds_resources', details: { availableCents: 20_000 * EUR } });
    // A pledge adds to the resources only once it is legally binding.
    await createPledge(t.db, { donorId: donor.id, callId: call.id, amountCents: 10_000 * EUR });
    expect(await domainError(createGrant(t.db, ctx, { startupId: b.id, amountCents: 25_000 * EUR }))).toMatchObject({ code: 'award_exceeds_resources' });
    await createPledge(t.db, { donorId: donor.id, callId: call.id, amountCents: 10_000 * EUR, status: 'committed' });
    await createGrant(t.db, ctx, { startupId: b.id, amountCents: 25_000 * EUR });
    expect(await domainError(createGrant(t.db, ctx, { startupId: c.id, amountCents: 5_000 * EUR + 1 }))).toMatchObject({ code: 'award_exceeds_resources', details: { availableCents: 5_000 * EUR } });
    await createGrant(t.db, ctx, { startupId: c.id, amountCents: 5_000 * EUR });
    expect(await domainError(createGrant(t.db, ctx, { startupId: d.id, amountCents: 1 }))).toMatchObject({ code: 'award_exceeds_resources', details: { availableCents: 0 } });

    // Another call: no plan yet; a plan waiting for a milestone the start-up does not have.
    const bare = await createCall(t.db, 'closed');
    const lonely = await createStartup(t.db, { callId: bare.id });
    await rankStartups(t.db, bare.id, [{ proposalId: lonely.proposalId, grantCents: 5_000 * EUR }]);
    expect(await domainError(createGrant(t.db, ctx, { startupId: lonely.id, amountCents: 1_000 * EUR }))).toMatchObject({ code: 'plan_missing' });
    await saveTranchePlan(t.db, ctx, { callId: bare.id, rows: standardPlan });
    expect(await domainError(createGrant(t.db, ctx, { startupId: lonely.id, amountCents: 1_000 * EUR }))).toMatchObject({ code: 'milestone_missing', details: { tranche: 'Stato di avanzamento' } });
    expect(await rowCount(t.db, grants)).toBe(3);
    expect(e).toBeDefined();
  });

  it('never above the start-up’s grant in the latest final ranking (0 when it is not in it)', async () => {
    const { ctx, call, startups } = await moneyWorld(t.db, { startups: 2 });
    const [a, b] = startups as [(typeof startups)[0], (typeof startups)[0]];
    // A later final ranking (a scorrimento) decides: a is funded with 12,000 €, b is no longer in it.
    await rankStartups(t.db, call.id, [{ proposalId: a.proposalId, grantCents: 12_000 * EUR }], new Date(Date.now() + 1000));
    expect(await domainError(createGrant(t.db, ctx, { startupId: a.id, amountCents: 12_000 * EUR + 1 }))).toMatchObject({ kind: 'conflict', code: 'grant_above_ranking', details: { rankedCents: 12_000 * EUR, ranked: formatMoney(12_000 * EUR, 'it') } });
    expect(await domainError(createGrant(t.db, ctx, { startupId: b.id, amountCents: 1 }))).toMatchObject({ code: 'grant_above_ranking', details: { rankedCents: 0 } });
    expect(await createGrant(t.db, ctx, { startupId: a.id, amountCents: 12_000 * EUR })).toMatchObject({ awardedCents: 12_000 * EUR });
    expect(await rowCount(t.db, grants)).toBe(1);
  });

  it('a pledge restricted to a start-up or a neighbourhood pays only its start-ups: the others stand on the budget', async () => {
    const { ctx, call, startups, donor } = await moneyWorld(t.db, { startups: 2, call: { budgetCents: 20_000 * EUR } });
    const [a, b] = startups as [(typeof startups)[0], (typeof startups)[0]];
    await createPledge(t.db, { donorId: donor.id, callId: call.id, startupId: a.id, amountCents: 10_000 * EUR, status: 'committed' });
    // Budget + pledges = 30,000 €, but only the 20,000 € budget may pay b.
    expect(await domainError(createGrant(t.db, ctx, { startupId: b.id, amountCents: 25_000 * EUR }))).toMatchObject({ code: 'award_exceeds_resources', details: { availableCents: 20_000 * EUR } });
    // a: its own 10,000 € first, then 15,000 € of the budget; 5,000 € stay for b.
    await createGrant(t.db, ctx, { startupId: a.id, amountCents: 25_000 * EUR });
    expect(await domainError(createGrant(t.db, ctx, { startupId: b.id, amountCents: 5_000 * EUR + 1 }))).toMatchObject({ code: 'award_exceeds_resources', details: { availableCents: 5_000 * EUR } });
    // A pledge for another neighbourhood of the call adds nothing for b either.
    const elsewhere = await createNeighbourhood(t.db);
    await createPledge(t.db, { donorId: donor.id, callId: call.id, neighbourhoodId: elsewhere.id, amountCents: 10_000 * EUR, status: 'committed' });
    expect(await domainError(createGrant(t.db, ctx, { startupId: b.id, amountCents: 5_000 * EUR + 1 }))).toMatchObject({ code: 'award_exceeds_resources' });
    // One for b's neighbourhood does.
    await createPledge(t.db, { donorId: donor.id, callId: call.id, neighbourhoodId: b.neighbourhoodId, amountCents: 3_000 * EUR, status: 'committed' });
    await createGrant(t.db, ctx, { startupId: b.id, amountCents: 8_000 * EUR });
    expect(await moneyViolations(t.db, call.id)).toEqual({});
  });

  it('the independent check (money-invariants.ts) sees a grant standing on another start-up’s pledge', async () => {
    const { call, startups, donor, staff } = await moneyWorld(t.db, { startups: 2, call: { budgetCents: 10_000 * EUR } });
    const [a, b] = startups as [(typeof startups)[0], (typeof startups)[0]];
    await createPledge(t.db, { donorId: donor.id, callId: call.id, startupId: a.id, amountCents: 10_000 * EUR, status: 'committed' });
    // Written past the use cases: 15,000 € for b, which only the 10,000 € budget may pay.
    await t.db.insert(grants).values({ startupId: b.id, callId: call.id, awardedCents: 15_000 * EUR, createdBy: staff.id });
    const broken = await moneyViolations(t.db, call.id);
    expect(broken.grants_covered_by_usable_money).toEqual([call.id]);
    // The call's totals alone (15,000 € ≤ 10,000 € budget + 10,000 € pledges) would not have seen it.
    expect(broken.awarded_within_resources).toBeUndefined();
  });

  it('only staff create them', async () => {
    const { startups } = await moneyWorld(t.db, { startups: 1 });
    const coach = await createUser(t.db, 'coach');
    expect(await domainError(createGrant(t.db, testContext({ actor: coach.actor }), { startupId: startups[0]!.id, amountCents: 1_000 * EUR }))).toMatchObject({ kind: 'forbidden' });
    expect(await domainError(createGrant(t.db, testContext(), { startupId: startups[0]!.id, amountCents: 1_000 * EUR }))).toMatchObject({ code: 'not_signed_in' });
    expect(await rowCount(t.db, grants)).toBe(0);
  });
});

describe('grant agreement', () => {
  it('commits up to the award, can be amended but never below what is paid or approved', async () => {
    const { ctx, startups } = await moneyWorld(t.db, { startups: 1 });
    const grant = await createGrant(t.db, ctx, { startupId: startups[0]!.id, amountCents: 10_000 * EUR });
    const commit = (amountCents: number, committedOn = '2026-02-01') => commitGrant(t.db, ctx, { grantId: grant.id, agreementRef: 'CONV-2026-7', committedOn, amountCents });
    expect(await domainError(commit(10_000 * EUR + 1))).toMatchObject({ code: 'commitment_above_award', details: { field: 'amount' } });
    expect(await domainError(commit(5_000 * EUR, '2999-01-01'))).toMatchObject({ code: 'date_in_future', details: { field: 'committedOn' } });
    await commit(5_000 * EUR);
    const [first] = await tranchesOf(t.db, grant.id);
    await approveTranche(t.db, ctx, { trancheId: first!.id });
    expect(await domainError(commit(3_999 * EUR))).toMatchObject({ code: 'commitment_below_paid', details: { paidCents: 4_000 * EUR } });
    const amended = await commit(10_000 * EUR);
    expect(amended).toMatchObject({ committedCents: 10_000 * EUR, agreementRef: 'CONV-2026-7', committedOn: '2026-02-01' });
    expect((await auditTrail(t.db)).map((a) => a.action).filter((a) => a.startsWith('grant.commit'))).toEqual(['grant.committed', 'grant.commitment_amended']);
  });
});

describe('tranche approval', () => {
  it('needs an eligible tranche, a signed agreement, and room in the commitment; once only', async () => {
    const { ctx, startups } = await moneyWorld(t.db, { startups: 1 });
    const grant = await createGrant(t.db, ctx, { startupId: startups[0]!.id, amountCents: 10_000 * EUR });
    const [first, second] = await tranchesOf(t.db, grant.id);
    expect(await domainError(approveTranche(t.db, ctx, { trancheId: first!.id }))).toMatchObject({ code: 'grant_not_committed' });
    await commitGrant(t.db, ctx, { grantId: grant.id, agreementRef: 'C-1', committedOn: '2026-02-01', amountCents: 6_000 * EUR });
    expect(await domainError(approveTranche(t.db, ctx, { trancheId: second!.id }))).toMatchObject({ code: 'tranche_not_eligible' });
    const approved = await approveTranche(t.db, ctx, { trancheId: first!.id });
    expect(approved).toMatchObject({ status: 'approved', approvedBy: ctx.actor!.userId });
    expect(await domainError(approveTranche(t.db, ctx, { trancheId: first!.id }))).toMatchObject({ code: 'tranche_already_approved' });
    await approveMilestone(t.db, startups[0]!.id, 'business_plan');
    // 4,000 € approved of a 6,000 € commitment: the second 4,000 € does not fit.
    expect(await domainError(approveTranche(t.db, ctx, { trancheId: second!.id }))).toMatchObject({ code: 'approval_exceeds_commitment', details: { availableCents: 2_000 * EUR } });
    const staffless = await createUser(t.db, 'donor');
    expect(await domainError(approveTranche(t.db, testContext({ actor: staffless.actor }), { trancheId: second!.id }))).toMatchObject({ kind: 'forbidden' });
    expect((await auditTrail(t.db)).filter((a) => a.action === 'tranche.approved')).toHaveLength(1);
  });
});
