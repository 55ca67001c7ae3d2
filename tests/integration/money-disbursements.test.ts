import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { disbursements, pledges } from '../../db/schema/index.ts';
import { formatMoney } from '../../src/lib/format.ts';
import { approveTranche } from '../../src/domain/money/approve-tranche.server.ts';
import { commitGrant } from '../../src/domain/money/commit-grant.server.ts';
import { createGrant } from '../../src/domain/money/create-grant.server.ts';
import { recordDisbursement } from '../../src/domain/money/record-disbursement.server.ts';
import { createCall, createDonor, createNeighbourhood, createPledge, createStartup, createUser } from '../factories/index.ts';
import { testContext } from '../support/context.ts';
import { useTestDb } from '../support/db.ts';
import { auditTrail, domainError, outbox, rowCount } from './helpers.ts';
import { moneyViolations } from './money-invariants.ts';
import { approveMilestone, EUR, moneyWorld, tranchesOf } from './money-setup.ts';

const t = useTestDb();

/** A committed 10,000 € grant with its advance approved; returns its tranches. */
async function readyToPay(world: Awaited<ReturnType<typeof moneyWorld>>, index = 0, committed = 10_000 * EUR) {
  const grant = await createGrant(t.db, world.ctx, { startupId: world.startups[index]!.id, amountCents: 10_000 * EUR });
  await commitGrant(t.db, world.ctx, { grantId: grant.id, agreementRef: `CONV-${index}`, committedOn: '2026-02-01', amountCents: committed });
  const rows = await tranchesOf(t.db, grant.id);
  await approveTranche(t.db, world.ctx, { trancheId: rows[0]!.id });
  return { grant, tranches: rows };
}

const pay = (world: Awaited<ReturnType<typeof moneyWorld>>, trancheId: string, o: { amountCents?: number; pledgeId?: string | null; paidOn?: string } = {}) =>
  recordDisbursement(t.db, world.ctx, { trancheId, paidOn: o.paidOn ?? '2026-02-10', amountCents: o.amountCents ?? 4_000 * EUR, reference: 'MAND-2026-0042', pledgeId: o.pledgeId ?? null });

describe('disbursements from programme money', () => {
  it('pay an approved tranche once, tell the team by email, audit it', async () => {
    const world = await moneyWorld(t.db, { startups: 1 });
    const { grant, tranches } = await readyToPay(world);
    const paid = await pay(world, tranches[0]!.id);
    expect(paid).toMatchObject({ grantId: grant.id, amountCents: 4_000 * EUR, source: 'programme', pledgeId: null, paidOn: '2026-02-10', reference: 'MAND-2026-0042' });
    expect((await tranchesOf(t.db, grant.id))[0]!.status).toBe('disbursed');
    expect(await domainError(pay(world, tranches[0]!.id))).toMatchObject({ code: 'disbursement_already_recorded' });
    const mail = (await outbox(t.db)).filter((m) => m.template === 'disbursementRecorded');
    expect(mail.map((m) => m.toUserId)).toEqual([world.startups[0]!.leadUserId]);
    expect(mail[0]!.textBody).toContain(formatMoney(4_000 * EUR, 'it'));
    expect(mail[0]!.textBody).toContain('MAND-2026-0042');
    expect(mail[0]!.textBody).toContain('Anticipo');
    expect(mail[0]!.textBody).toContain('10 febbraio 2026');
    const [audit] = (await auditTrail(t.db)).filter((a) => a.action === 'disbursement.recorded');
    expect(audit).toMatchObject({ entityId: paid.id, summary: { amountCents: 4_000 * EUR, source: 'programme' } });
  });

  it('refuse the wrong amount, an unapproved tranche, a date before the agreement or in the future, and money the budget lacks', async () => {
    const world = await moneyWorld(t.db, { startups: 1, call: { budgetCents: 3_000 * EUR, maxGrantCents: 30_000 * EUR } });
    // Budget 3,000 € plus a binding pledge of 7,000 €: a 10,000 € grant fits, its programme share does not.
    const pledge = await createPledge(t.db, { donorId: world.donor.id, callId: world.call.id, amountCents: 7_000 * EUR, status: 'committed' });
    const { tranches } = await readyToPay(world);
    expect(await domainError(pay(world, tranches[1]!.id))).toMatchObject({ code: 'tranche_not_approved' });
    expect(await domainError(pay(world, tranches[0]!.id, { amountCents: 3_999 * EUR }))).toMatchObject({ code: 'amount_must_match_tranche', details: { field: 'amount', trancheCents: 4_000 * EUR } });
    expect(await domainError(pay(world, tranches[0]!.id))).toMatchObject({ code: 'programme_budget_exceeded', details: { availableCents: 3_000 * EUR } });
    expect(await domainError(pay(world, tranches[0]!.id, { pledgeId: pledge.id, paidOn: '2026-01-31' }))).toMatchObject({ code: 'paid_before_agreement', details: { field: 'paidOn' } });
    expect(await domainError(pay(world, tranches[0]!.id, { pledgeId: pledge.id, paidOn: '2999-01-01' }))).toMatchObject({ code: 'date_in_future' });
    await pay(world, tranches[0]!.id, { pledgeId: pledge.id });
    expect(await rowCount(t.db, disbursements)).toBe(1);
  });

  it('never exceed the commitment', async () => {
    const world = await moneyWorld(t.db, { startups: 1 });
    const { grant, tranches } = await readyToPay(world, 0, 8_000 * EUR);
    await pay(world, tranches[0]!.id);
    await approveMilestone(t.db, world.startups[0]!.id, 'business_plan');
    await approveTranche(t.db, world.ctx, { trancheId: tranches[1]!.id });
    await pay(world, tranches[1]!.id);
    await approveMilestone(t.db, world.startups[0]!.id, 'launch');
    // 8,000 € committed and paid: the balance waits for an amended agreement.
    expect(await domainError(approveTranche(t.db, world.ctx, { trancheId: tranches[2]!.id }))).toMatchObject({ code: 'approval_exceeds_commitment', details: { availableCents: 0 } });
    await commitGrant(t.db, world.ctx, { grantId: grant.id, agreementRef: 'CONV-0-bis', committedOn: '2026-02-05', amountCents: 10_000 * EUR });
    await approveTranche(t.db, world.ctx, { trancheId: tranches[2]!.id });
    expect(await domainError(pay(world, tranches[2]!.id, { amountCents: 2_000 * EUR, paidOn: '2026-02-04' }))).toMatchObject({ code: 'paid_before_agreement' });
    await pay(world, tranches[2]!.id, { amountCents: 2_000 * EUR });
    const rows = await t.db.select().from(disbursements).where(eq(disbursements.grantId, grant.id));
    expect(rows.reduce((s, r) => s + r.amountCents, 0)).toBe(10_000 * EUR);
  });

  it('a second payment slipping past the checks is stopped by the unique index with the same clear answer', async () => {
    const world = await moneyWorld(t.db, { startups: 1 });
    const { grant, tranches } = await readyToPay(world);
    // As if another instance had inserted it without updating the tranche (the index is the last word).
    await t.db.insert(disbursements).values({ trancheId: tranches[0]!.id, grantId: grant.id, amountCents: 4_000 * EUR, paidOn: '2026-02-10', reference: 'X', source: 'programme' });
    expect(await domainError(pay(world, tranches[0]!.id))).toMatchObject({ kind: 'conflict', code: 'disbursement_already_recorded' });
    expect(await rowCount(t.db, disbursements)).toBe(1);
    expect((await outbox(t.db)).filter((m) => m.template === 'disbursementRecorded')).toHaveLength(0);
  });

  it('only staff record them', async () => {
    const world = await moneyWorld(t.db, { startups: 1 });
    const { tranches } = await readyToPay(world);
    const lead = world.startups[0]!.leadUserId;
    const team = testContext({ actor: { userId: lead, roles: ['resident'], emailVerified: true } });
    expect(await domainError(recordDisbursement(t.db, team, { trancheId: tranches[0]!.id, paidOn: '2026-02-10', amountCents: 4_000 * EUR, reference: 'R', pledgeId: null }))).toMatchObject({ kind: 'forbidden' });
    expect(await rowCount(t.db, disbursements)).toBe(0);
  });
});

describe('payments and the money other grants need', () => {
  it('programme money is refused when the start-up has a pledge of its own and another grant needs the budget', async () => {
    const world = await moneyWorld(t.db, { startups: 2, call: { budgetCents: 10_000 * EUR } });
    // a: a 10,000 € grant and its own 10,000 € pledge; b: a 10,000 € grant only the budget can pay.
    const own = await createPledge(t.db, { donorId: world.donor.id, callId: world.call.id, startupId: world.startups[0]!.id, amountCents: 10_000 * EUR, status: 'committed' });
    const a = await readyToPay(world, 0);
    await readyToPay(world, 1);
    expect(await domainError(pay(world, a.tranches[0]!.id))).toMatchObject({ kind: 'invalid', code: 'payment_breaks_resources', details: { field: 'source', shortfallCents: 4_000 * EUR } });
    expect(await pay(world, a.tranches[0]!.id, { pledgeId: own.id })).toMatchObject({ source: 'pledge', pledgeId: own.id });
    expect(await moneyViolations(t.db, world.call.id)).toEqual({});
  });

  it('an agreement amended after a payment may not be dated after it', async () => {
    const world = await moneyWorld(t.db, { startups: 1 });
    const { grant, tranches } = await readyToPay(world);
    await pay(world, tranches[0]!.id, { paidOn: '2026-02-10' });
    const amend = (committedOn: string) => commitGrant(t.db, world.ctx, { grantId: grant.id, agreementRef: 'CONV-0-bis', committedOn, amountCents: 10_000 * EUR });
    expect(await domainError(amend('2026-02-11'))).toMatchObject({ kind: 'invalid', code: 'agreement_after_payment', details: { field: 'committedOn', paidOn: '10 febbraio 2026' } });
    expect(await amend('2026-02-10')).toMatchObject({ committedOn: '2026-02-10', agreementRef: 'CONV-0-bis' });
    expect((await auditTrail(t.db)).filter((x) => x.action === 'grant.commitment_amended')).toHaveLength(1);
  });
});

describe('disbursements drawn on pledges', () => {
  it('need a committed pledge of the same call, start-up, neighbourhood and theme, with enough left', async () => {
    const world = await moneyWorld(t.db, { startups: 2 });
    const [a, b] = world.startups;
    const { tranches } = await readyToPay(world, 0);
    const donorId = world.donor.id;
    const other = await createCall(t.db, 'closed');
    const elsewhere = await createNeighbourhood(t.db);
    const cases = [
      [await createPledge(t.db, { donorId, callId: world.call.id, amountCents: 9_000 * EUR }), 'pledge_not_committed'],
      [await createPledge(t.db, { donorId, callId: other.id, amountCents: 9_000 * EUR, status: 'committed' }), 'pledge_other_call'],
      [await createPledge(t.db, { donorId, callId: world.call.id, startupId: b!.id, amountCents: 9_000 * EUR, status: 'committed' }), 'pledge_other_startup'],
      [await createPledge(t.db, { donorId, callId: world.call.id, neighbourhoodId: elsewhere.id, amountCents: 9_000 * EUR, status: 'committed' }), 'pledge_neighbourhood_mismatch'],
      [await createPledge(t.db, { donorId, callId: world.call.id, theme: 'housing', amountCents: 9_000 * EUR, status: 'committed' }), 'pledge_theme_mismatch'],
      [await createPledge(t.db, { donorId, callId: world.call.id, amountCents: 3_999 * EUR, status: 'committed' }), 'pledge_insufficient'],
      [await createPledge(t.db, { donorId, callId: world.call.id, amountCents: 9_000 * EUR, status: 'cancelled' }), 'pledge_not_committed'],
    ] as const;
    for (const [pledge, code] of cases) expect(await domainError(pay(world, tranches[0]!.id, { pledgeId: pledge.id })), code).toMatchObject({ code, details: { field: 'source' } });
    const fitting = await createPledge(t.db, { donorId, callId: world.call.id, startupId: a!.id, neighbourhoodId: null, amountCents: 4_000 * EUR, status: 'committed' });
    expect(await pay(world, tranches[0]!.id, { pledgeId: fitting.id })).toMatchObject({ source: 'pledge', pledgeId: fitting.id });
    expect(await rowCount(t.db, disbursements)).toBe(1);
  });

  it('a pledge drawn to its full amount becomes disbursed; the donor hears of each payment', async () => {
    const world = await moneyWorld(t.db, { startups: 2 });
    const pledge = await createPledge(t.db, { donorId: world.donor.id, callId: world.call.id, theme: 'sport', neighbourhoodId: world.neighbourhood.id, amountCents: 8_000 * EUR, status: 'committed' });
    const first = await readyToPay(world, 0);
    const second = await readyToPay(world, 1);
    await pay(world, first.tranches[0]!.id, { pledgeId: pledge.id });
    expect((await t.db.select().from(pledges).where(eq(pledges.id, pledge.id)))[0]!.status).toBe('committed');
    await pay(world, second.tranches[0]!.id, { pledgeId: pledge.id });
    expect((await t.db.select().from(pledges).where(eq(pledges.id, pledge.id)))[0]!.status).toBe('disbursed');
    await approveMilestone(t.db, world.startups[0]!.id, 'business_plan');
    await approveTranche(t.db, world.ctx, { trancheId: first.tranches[1]!.id });
    expect(await domainError(pay(world, first.tranches[1]!.id, { pledgeId: pledge.id }))).toMatchObject({ code: 'pledge_exhausted' });
    const mail = (await outbox(t.db)).filter((m) => m.template === 'disbursementRecorded');
    expect(mail.filter((m) => m.toUserId === world.donorUser.id)).toHaveLength(2);
    expect((await auditTrail(t.db)).filter((a) => a.action === 'pledge.disbursed').map((a) => a.entityId)).toEqual([pledge.id]);
  });

  it('a donor without an account is written to at its own address', async () => {
    const world = await moneyWorld(t.db, { startups: 1 });
    const offline = await createDonor(t.db, { email: 'amministrazione@fondazione.example' });
    const pledge = await createPledge(t.db, { donorId: offline.id, callId: world.call.id, amountCents: 4_000 * EUR, status: 'committed' });
    const { tranches } = await readyToPay(world);
    await pay(world, tranches[0]!.id, { pledgeId: pledge.id });
    expect((await outbox(t.db)).map((m) => m.toAddress)).toContain('amministrazione@fondazione.example');
    expect(createStartup).toBeDefined();
    expect(createUser).toBeDefined();
  });
});
