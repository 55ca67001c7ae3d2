import { describe, expect, it } from 'vitest';
import { commitGrantSchema, createGrantSchema, createPledgeSchema, recordDisbursementSchema, tranchePlanSchema } from '../../src/domain/money/money.schema.ts';
import { validate } from '../../src/lib/validation.ts';
import { buildPool, type PoolInput } from '../../src/domain/money/funding-pool.ts';
import { agreementDateRefusal, approvalRefusal, awardRefusal, commitmentRefusal, disbursementRefusal, paymentCoverRefusal, paymentDateRefusal, type CallLedger, type GrantUse } from '../../src/domain/money/money-rules.ts';
import { isFullyDrawn, pledgeCancelRefusal, pledgeCommitRefusal, pledgeDrawRefusal, type DrawTarget, type PledgeState } from '../../src/domain/money/pledge-rules.ts';
import { buildTranches, planRefusal, type PlanRow } from '../../src/domain/money/tranche-plan-rules.ts';
import { formatShareBp, parsePercentBp, shareInput, splitByShares } from '../../src/domain/money/tranche-split.ts';
import { seededRandom } from '../factories/ranking.ts';

type LedgerOptions = Partial<Omit<CallLedger, 'pool'>> & Partial<Pick<PoolInput, 'startups' | 'pledges'>>;
/** A call's ledger; its pool from the budget left, start-ups (with grants) and binding pledges given. */
const ledger = ({ startups = [], pledges = [], ...o }: LedgerOptions = {}): CallLedger => {
  const base = { callId: 'c', budgetCents: 100_000_00, maxGrantCents: 30_000_00, pledgedCents: 0, awardedCents: 0, committedCents: 0, disbursedCents: 0, programmeDisbursedCents: 0, callThemes: ['sport'], ...o };
  return { ...base, pool: buildPool({ budgetLeftCents: base.budgetCents - base.programmeDisbursedCents, callThemes: base.callThemes, startups, pledges }) };
};
/** A start-up of the call with its grant (0: none yet) and what it was paid. */
const su = (id: string, neighbourhoodId: string | null, awardedCents = 0, paidCents = 0) => ({ id, neighbourhoodId, awardedCents, paidCents });
/** What is left of a binding pledge, and whom it may pay. */
const left = (leftCents: number, o: { startupId?: string; neighbourhoodId?: string; theme?: string } = {}) => ({ startupId: null, neighbourhoodId: null, theme: null, ...o, leftCents });
const use = (o: Partial<GrantUse> = {}): GrantUse => ({ awardedCents: 10_000_00, committedCents: 10_000_00, disbursedCents: 0, approvedCents: 0, ...o });

describe('largest-remainder split of a grant into tranches', () => {
  it('gives the leftover cents to the largest remainders, ties to the earlier tranche', () => {
    expect(splitByShares(1_000_001, [4000, 4000, 2000])).toEqual([400_001, 400_000, 200_000]);
    expect(splitByShares(100, [3333, 3333, 3334])).toEqual([33, 33, 34]);
    expect(splitByShares(1, [5000, 5000])).toEqual([1, 0]);
    expect(splitByShares(2, [3333, 3334, 3333])).toEqual([1, 1, 0]);
  });

  it('always totals the grant to the cent and stays within a cent of each exact share (random cases)', () => {
    const rng = seededRandom(7);
    for (let i = 0; i < 2000; i++) {
      const total = Math.floor(rng() * 1e12);
      const n = 1 + Math.floor(rng() * 6);
      const cuts = [...new Set(Array.from({ length: n - 1 }, () => 1 + Math.floor(rng() * 9999)))].sort((a, b) => a - b);
      const shares = [...cuts, 10_000].map((edge, k, all) => edge - (k === 0 ? 0 : all[k - 1]!));
      const parts = splitByShares(total, shares);
      expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
      for (const [k, part] of parts.entries()) {
        expect(Number.isSafeInteger(part)).toBe(true);
        // |part − total·share/10000| < 1, compared in integers: |part·10000 − total·share| < 10000
        expect(Math.abs(Number(BigInt(part) * 10_000n - BigInt(total) * BigInt(shares[k]!)))).toBeLessThan(10_000);
      }
    }
  });

  it('refuses shares that do not total 100 % or amounts that are not integer cents', () => {
    expect(() => splitByShares(100, [5000, 4000])).toThrow(RangeError);
    expect(() => splitByShares(10.5, [10_000])).toThrow(RangeError);
  });
});

describe('shares typed as percentages', () => {
  it('become basis points without floats, and back', () => {
    expect(parsePercentBp('40')).toBe(4000);
    expect(parsePercentBp('33,33')).toBe(3333);
    expect(parsePercentBp('12.5 %')).toBe(1250);
    expect(parsePercentBp('100')).toBe(10_000);
    for (const bad of ['0', '100,01', '-5', '1,234', 'abc', '']) expect(parsePercentBp(bad), bad).toBeNull();
    expect(formatShareBp(4000, 'it')).toBe('40 %');
    expect(formatShareBp(3333, 'it')).toBe('33,33 %');
    expect(formatShareBp(1250, 'en')).toBe('12.5 %');
    expect(formatShareBp(1205, 'en')).toBe('12.05 %');
    expect(shareInput(3350, 'it')).toBe('33,5');
  });
});

describe('tranche plan', () => {
  const plan: PlanRow[] = [
    { labelIt: 'Anticipo', labelEn: 'Advance', shareBp: 4000, milestoneKind: null },
    { labelIt: 'SAL', labelEn: 'Progress', shareBp: 4000, milestoneKind: 'business_plan' },
    { labelIt: 'Saldo', labelEn: 'Balance', shareBp: 2000, milestoneKind: 'launch' },
  ];
  it('must total 100 %', () => {
    expect(planRefusal(plan)).toBeNull();
    expect(planRefusal([])).toMatchObject({ code: 'plan_empty' });
    expect(planRefusal(plan.slice(0, 2))).toMatchObject({ code: 'plan_total', details: { totalBp: 8000 } });
  });

  it('ties tranches to the first milestone of each kind; approved or unconditioned ones are eligible', () => {
    const milestones = [
      { id: 'm-launch', kind: 'launch' as const, position: 6, status: 'planned' },
      { id: 'm-bp', kind: 'business_plan' as const, position: 3, status: 'approved' },
      { id: 'm-bp-2', kind: 'business_plan' as const, position: 9, status: 'planned' },
    ];
    const built = buildTranches(plan, 15_000_00, milestones, 'it');
    expect(built).toEqual({
      ok: true,
      tranches: [
        { position: 1, labelIt: 'Anticipo', labelEn: 'Advance', amountCents: 6_000_00, milestoneId: null, status: 'eligible' },
        { position: 2, labelIt: 'SAL', labelEn: 'Progress', amountCents: 6_000_00, milestoneId: 'm-bp', status: 'eligible' },
        { position: 3, labelIt: 'Saldo', labelEn: 'Balance', amountCents: 3_000_00, milestoneId: 'm-launch', status: 'planned' },
      ],
    });
    expect(buildTranches(plan, 15_000_00, milestones.slice(1), 'en')).toEqual({ ok: false, refusal: { code: 'milestone_missing', details: { tranche: 'Balance' } } });
    expect(buildTranches(plan, 2, milestones, 'it')).toMatchObject({ ok: false, refusal: { code: 'grant_too_small' } });
  });
});

describe('money rules', () => {
  it('award: within the ranking, the maximum and the resources (budget + unrestricted binding pledges)', () => {
    const award = (amountCents: number, rankedCents = 30_000_00) => ({ startupId: 'b', amountCents, rankedCents });
    const two = [su('a', null, 30_000_00), su('b', null)];
    expect(awardRefusal(ledger({ startups: two }), award(30_000_00))).toBeNull();
    expect(awardRefusal(ledger({ startups: two }), award(30_000_01, 40_000_00))).toMatchObject({ code: 'grant_above_max', details: { maxCents: 30_000_00 } });
    expect(awardRefusal(ledger({ startups: two }), award(20_000_01, 20_000_00))).toMatchObject({ code: 'grant_above_ranking', details: { rankedCents: 20_000_00 } });
    expect(awardRefusal(ledger({ startups: two }), award(1, 0))).toMatchObject({ code: 'grant_above_ranking', details: { rankedCents: 0 } });
    expect(awardRefusal(ledger({ maxGrantCents: 0, startups: two }), award(1))).toMatchObject({ code: 'call_max_grant_missing' });
    const full = [su('a', null, 90_000_00), su('b', null)];
    expect(awardRefusal(ledger({ startups: full }), award(10_000_01))).toMatchObject({ code: 'award_exceeds_resources', details: { availableCents: 10_000_00 } });
    expect(awardRefusal(ledger({ startups: full, pledges: [left(1)] }), award(10_000_01))).toBeNull();
    expect(awardRefusal(ledger({ startups: two }), award(0))).toMatchObject({ code: 'amount_positive' });
  });

  it('agreement: never dated after a payment made under it', () => {
    expect(agreementDateRefusal('2026-02-01', null)).toBeNull();
    expect(agreementDateRefusal('2026-02-10', '2026-02-10')).toBeNull();
    expect(agreementDateRefusal('2026-02-11', '2026-02-10')).toMatchObject({ code: 'agreement_after_payment', details: { field: 'committedOn', paidOn: '2026-02-10' } });
  });

  it('commitment: up to the award, never below what is paid or approved', () => {
    expect(commitmentRefusal(use(), 10_000_00)).toBeNull();
    expect(commitmentRefusal(use(), 10_000_01)).toMatchObject({ code: 'commitment_above_award' });
    expect(commitmentRefusal(use({ disbursedCents: 3_000_00, approvedCents: 1_000_00 }), 3_999_99)).toMatchObject({ code: 'commitment_below_paid', details: { paidCents: 4_000_00 } });
  });

  it('approval: eligible, agreement signed, within the commitment', () => {
    const tr = { status: 'eligible' as const, amountCents: 4_000_00 };
    expect(approvalRefusal(tr, use())).toBeNull();
    expect(approvalRefusal({ ...tr, status: 'planned' }, use())).toMatchObject({ code: 'tranche_not_eligible' });
    expect(approvalRefusal({ ...tr, status: 'approved' }, use())).toMatchObject({ code: 'tranche_already_approved' });
    expect(approvalRefusal({ ...tr, status: 'disbursed' }, use())).toMatchObject({ code: 'tranche_already_approved' });
    expect(approvalRefusal(tr, use({ committedCents: 0 }))).toMatchObject({ code: 'grant_not_committed' });
    expect(approvalRefusal(tr, use({ committedCents: 7_000_00, disbursedCents: 2_000_00, approvedCents: 1_000_01 }))).toMatchObject({ code: 'approval_exceeds_commitment', details: { availableCents: 3_999_99 } });
  });

  it('disbursement: once, of the tranche’s amount, within the commitment and, from the programme, within the budget', () => {
    const tr = { status: 'approved' as const, amountCents: 4_000_00 };
    const programme = { amountCents: 4_000_00, source: 'programme' as const };
    expect(disbursementRefusal(tr, use(), ledger(), programme)).toBeNull();
    expect(disbursementRefusal({ ...tr, status: 'disbursed' }, use(), ledger(), programme)).toMatchObject({ code: 'disbursement_already_recorded' });
    expect(disbursementRefusal({ ...tr, status: 'eligible' }, use(), ledger(), programme)).toMatchObject({ code: 'tranche_not_approved' });
    expect(disbursementRefusal(tr, use(), ledger(), { ...programme, amountCents: 3_999_99 })).toMatchObject({ code: 'amount_must_match_tranche' });
    expect(disbursementRefusal(tr, use({ committedCents: 5_000_00, disbursedCents: 1_000_01 }), ledger(), programme)).toMatchObject({ code: 'disbursement_exceeds_commitment' });
    expect(disbursementRefusal(tr, use(), ledger({ programmeDisbursedCents: 96_000_01 }), programme)).toMatchObject({ code: 'programme_budget_exceeded', details: { availableCents: 3_999_99 } });
    expect(disbursementRefusal(tr, use(), ledger({ programmeDisbursedCents: 96_000_01 }), { ...programme, source: 'pledge' })).toBeNull();
    expect(paymentDateRefusal('2026-02-10', '2026-02-01', '2026-03-01')).toBeNull();
    expect(paymentDateRefusal('2026-01-31', '2026-02-01', '2026-03-01')).toMatchObject({ code: 'paid_before_agreement' });
    expect(paymentDateRefusal('2026-03-02', '2026-02-01', '2026-03-01')).toMatchObject({ code: 'date_in_future' });
  });
});

describe('pledge rules', () => {
  const pledge = (o: Partial<PledgeState> = {}): PledgeState => ({ status: 'committed', callId: 'c', startupId: null, neighbourhoodId: null, theme: null, amountCents: 5_000_00, drawnCents: 0, ...o });
  const to: DrawTarget = { callId: 'c', startupId: 's', neighbourhoodId: 'n', callThemes: ['sport'] };

  it('a payment draws only on a binding pledge meant for it, with enough left', () => {
    expect(pledgeDrawRefusal(pledge(), to, 5_000_00)).toBeNull();
    expect(pledgeDrawRefusal(pledge({ startupId: 's', neighbourhoodId: 'n', theme: 'sport' }), to, 1)).toBeNull();
    expect(pledgeDrawRefusal(pledge({ status: 'pledged' }), to, 1)).toMatchObject({ code: 'pledge_not_committed' });
    expect(pledgeDrawRefusal(pledge({ status: 'disbursed' }), to, 1)).toMatchObject({ code: 'pledge_exhausted' });
    expect(pledgeDrawRefusal(pledge({ callId: 'd' }), to, 1)).toMatchObject({ code: 'pledge_other_call' });
    expect(pledgeDrawRefusal(pledge({ startupId: 't' }), to, 1)).toMatchObject({ code: 'pledge_other_startup' });
    expect(pledgeDrawRefusal(pledge({ neighbourhoodId: 'm' }), to, 1)).toMatchObject({ code: 'pledge_neighbourhood_mismatch' });
    expect(pledgeDrawRefusal(pledge({ neighbourhoodId: 'm' }), { ...to, neighbourhoodId: null }, 1)).toMatchObject({ code: 'pledge_neighbourhood_mismatch' });
    expect(pledgeDrawRefusal(pledge({ theme: 'culture' }), to, 1)).toMatchObject({ code: 'pledge_theme_mismatch' });
    expect(pledgeDrawRefusal(pledge({ drawnCents: 1_000_00 }), to, 4_000_01)).toMatchObject({ code: 'pledge_insufficient', details: { availableCents: 4_000_00 } });
    expect(isFullyDrawn({ amountCents: 5, drawnCents: 5 })).toBe(true);
  });

  it('commit once; cancel while nothing is drawn and the awards stay covered', () => {
    expect(pledgeCommitRefusal({ status: 'pledged' })).toBeNull();
    expect(pledgeCommitRefusal({ status: 'committed' })).toMatchObject({ code: 'pledge_already_committed' });
    expect(pledgeCommitRefusal({ status: 'cancelled' })).toMatchObject({ code: 'pledge_already_cancelled' });
    const l = ledger({ budgetCents: 10_000_00, startups: [su('s', null, 12_000_00)], pledges: [left(5_000_00)] });
    expect(pledgeCancelRefusal(pledge({ status: 'pledged' }), l)).toBeNull();
    expect(pledgeCancelRefusal(pledge(), l)).toMatchObject({ code: 'cancel_breaks_resources', details: { shortfallCents: 2_000_00 } });
    expect(pledgeCancelRefusal(pledge(), ledger({ startups: [su('s', null)], pledges: [left(5_000_00)] }))).toBeNull();
    expect(pledgeCancelRefusal(pledge({ drawnCents: 1 }), ledger())).toMatchObject({ code: 'pledge_has_disbursements' });
    expect(pledgeCancelRefusal(pledge({ status: 'cancelled' }), ledger())).toMatchObject({ code: 'pledge_already_cancelled' });
  });
});

describe('restricted pledges pay only the start-ups they name or match (funding-pool.ts)', () => {
  // Budget 10,000 €; start-ups a and b in neighbourhood n1, c in n2, d in none; the call lists `sport`.
  const world = (startups: ReturnType<typeof su>[], pledges: ReturnType<typeof left>[] = [], o: LedgerOptions = {}) =>
    ledger({ budgetCents: 10_000_00, startups: [su('a', 'n1'), su('b', 'n1'), su('c', 'n2'), su('d', null)].map((s) => startups.find((x) => x.id === s.id) ?? s), pledges, ...o });
  const award = (startupId: string, amountCents: number) => ({ startupId, amountCents, rankedCents: 30_000_00 });

  it('a pledge to one start-up is not shared money (the review finding)', () => {
    const l = world([], [left(10_000_00, { startupId: 'a' })]);
    // Budget + all pledges would be 20,000 €; b may only use the budget.
    expect(awardRefusal(l, award('b', 15_000_00))).toMatchObject({ code: 'award_exceeds_resources', details: { availableCents: 10_000_00 } });
    expect(awardRefusal(l, award('b', 10_000_00))).toBeNull();
    // a uses its own 10,000 € first, then 5,000 € of the budget, leaving 5,000 € for the others.
    expect(awardRefusal(l, award('a', 15_000_00))).toBeNull();
    const after = world([su('a', 'n1', 15_000_00)], [left(10_000_00, { startupId: 'a' })]);
    expect(awardRefusal(after, award('b', 5_000_01))).toMatchObject({ details: { availableCents: 5_000_00 } });
    expect(awardRefusal(after, award('a', 5_000_01))).toBeDefined();
  });

  it('a neighbourhood pledge serves that neighbourhood’s start-ups, before the budget', () => {
    // a (n1) owes 12,000 €: 8,000 € from the n1 pledge, 4,000 € from the budget → 6,000 € left for anyone.
    const l = world([su('a', 'n1', 12_000_00)], [left(8_000_00, { neighbourhoodId: 'n1' })]);
    expect(awardRefusal(l, award('c', 6_000_00))).toBeNull();
    expect(awardRefusal(l, award('c', 6_000_01))).toMatchObject({ details: { availableCents: 6_000_00 } });
    expect(awardRefusal(l, award('b', 6_000_01))).toMatchObject({ details: { availableCents: 6_000_00 } });
    // a owes only 5,000 €: 3,000 € of the n1 pledge is still free, for b only.
    const small = world([su('a', 'n1', 5_000_00)], [left(8_000_00, { neighbourhoodId: 'n1' })]);
    expect(awardRefusal(small, award('b', 13_000_01))).toMatchObject({ details: { availableCents: 13_000_00 } });
    expect(awardRefusal(small, award('c', 10_000_01))).toMatchObject({ details: { availableCents: 10_000_00 } });
    expect(awardRefusal(small, award('d', 10_000_01))).toMatchObject({ details: { availableCents: 10_000_00 } });
  });

  it('a theme the call lists restricts nothing; one it does not list, or a mismatched neighbourhood, pays nobody', () => {
    expect(awardRefusal(world([], [left(5_000_00, { theme: 'sport' })]), award('d', 15_000_00))).toBeNull();
    expect(awardRefusal(world([], [left(5_000_00, { theme: 'culture' })]), award('d', 10_000_01))).toMatchObject({ details: { availableCents: 10_000_00 } });
    expect(awardRefusal(world([], [left(5_000_00, { startupId: 'a', neighbourhoodId: 'n2' })]), award('a', 10_000_01))).toMatchObject({ details: { availableCents: 10_000_00 } });
    expect(awardRefusal(world([], [left(5_000_00, { neighbourhoodId: 'n1', theme: 'culture' })]), award('a', 10_000_01))).toMatchObject({ details: { availableCents: 10_000_00 } });
  });

  it('cancelling a restricted pledge is refused only when a grant it may pay needs it', () => {
    const pledge = (o: Partial<PledgeState>): PledgeState => ({ status: 'committed', callId: 'c', startupId: null, neighbourhoodId: null, theme: null, amountCents: 5_000_00, drawnCents: 0, ...o });
    // a owes 15,000 €: 10,000 € budget + its own 5,000 € pledge. b has a 5,000 € pledge and no grant.
    const l = world([su('a', 'n1', 15_000_00)], [left(5_000_00, { startupId: 'a' }), left(5_000_00, { startupId: 'b' })]);
    expect(pledgeCancelRefusal(pledge({ startupId: 'b' }), l)).toBeNull();
    expect(pledgeCancelRefusal(pledge({ startupId: 'a' }), l)).toMatchObject({ code: 'cancel_breaks_resources', details: { shortfallCents: 5_000_00 } });
    // With 5,000 € of unrestricted money as well, the budget and that money cover a without its pledge.
    const more = world([su('a', 'n1', 15_000_00)], [left(5_000_00, { startupId: 'a' }), left(5_000_00)]);
    expect(pledgeCancelRefusal(pledge({ startupId: 'a' }), more)).toBeNull();
    expect(pledgeCancelRefusal(pledge({}), more)).toBeNull();
    // A neighbourhood pledge needed by n1's grants: c (n2) cannot make up for it.
    const area = world([su('a', 'n1', 12_000_00), su('c', 'n2', 6_000_00)], [left(8_000_00, { neighbourhoodId: 'n1' })]);
    expect(pledgeCancelRefusal(pledge({ neighbourhoodId: 'n1', amountCents: 8_000_00 }), area)).toMatchObject({ details: { shortfallCents: 8_000_00 } });
  });

  it('a payment may not spend money another grant needs', () => {
    // a: 10,000 € grant and its own 10,000 € pledge; b: 10,000 € grant, only the budget can pay it.
    const l = world([su('a', 'n1', 10_000_00), su('b', 'n1', 10_000_00)], [left(10_000_00, { startupId: 'a' })]);
    expect(paymentCoverRefusal(l, { startupId: 'a', amountCents: 4_000_00, from: { kind: 'shared' } })).toMatchObject({ code: 'payment_breaks_resources', details: { field: 'source', shortfallCents: 4_000_00 } });
    expect(paymentCoverRefusal(l, { startupId: 'a', amountCents: 4_000_00, from: { kind: 'startup', id: 'a' } })).toBeNull();
    expect(paymentCoverRefusal(l, { startupId: 'b', amountCents: 4_000_00, from: { kind: 'shared' } })).toBeNull();
    // Paid already (6,000 € of a's grant from its pledge): the pool counts what is left, not the totals.
    const paid = world([su('a', 'n1', 10_000_00, 6_000_00), su('b', 'n1', 10_000_00)], [left(4_000_00, { startupId: 'a' })]);
    expect(paymentCoverRefusal(paid, { startupId: 'a', amountCents: 4_000_00, from: { kind: 'shared' } })).toMatchObject({ details: { shortfallCents: 4_000_00 } });
    expect(paymentCoverRefusal(paid, { startupId: 'a', amountCents: 4_000_00, from: { kind: 'startup', id: 'a' } })).toBeNull();
  });
});

describe('form input', () => {
  const id = '0b6d1e5c-9a3b-4c1e-8f2a-1d2c3b4a5f60';
  it('euros become integer cents by string arithmetic', () => {
    const parsed = recordDisbursementSchema.parse({ trancheId: id, paidOn: '10/2/2026', amount: '1.234,56', reference: 'M-1', source: 'programme' });
    expect(parsed).toMatchObject({ amount: 123_456, paidOn: '2026-02-10' });
    expect(createPledgeSchema.parse({ donorId: id, target: `startup:${id}`, amount: '0,10', neighbourhoodId: '', theme: '' })).toEqual({
      donorId: id,
      target: { kind: 'startup', startupId: id },
      amount: 10,
      neighbourhoodId: null,
      theme: null,
    });
    expect(createPledgeSchema.safeParse({ donorId: id, target: 'call:nope', amount: '10' }).success).toBe(false);
    expect(createPledgeSchema.safeParse({ donorId: id, target: `call:${id}`, amount: '1,2345' }).success).toBe(false);
  });

  it('a pledge, a grant or an agreement of nothing is refused on the amount field (the tables’ CHECKs never see it)', () => {
    const zero = createPledgeSchema.safeParse({ donorId: id, target: `call:${id}`, amount: '0,00' });
    expect(zero.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['amount', 'errors.amount_positive']]);
    expect(validate(createGrantSchema, { startupId: id, amount: '0' })).toEqual({ ok: false, errors: { amount: { key: 'errors.amount_positive' } } });
    expect(validate(commitGrantSchema, { grantId: id, agreementRef: 'C-1', committedOn: '2026-02-01', amount: '0' })).toMatchObject({ ok: false, errors: { amount: { key: 'errors.amount_positive' } } });
    expect(validate(createGrantSchema, { startupId: id, amount: '0,01' })).toEqual({ ok: true, data: { startupId: id, amount: 1 } });
  });

  it('the plan editor keeps the filled rows, in order', () => {
    const parsed = tranchePlanSchema.parse({ callId: id, labelIt1: 'Anticipo', share1: '40', kind1: '', labelIt2: '', share2: '', labelIt3: 'Saldo', labelEn3: 'Balance', share3: '60', kind3: 'launch' });
    expect(parsed).toEqual({
      callId: id,
      rows: [
        { labelIt: 'Anticipo', labelEn: 'Anticipo', shareBp: 4000, milestoneKind: null },
        { labelIt: 'Saldo', labelEn: 'Balance', shareBp: 6000, milestoneKind: 'launch' },
      ],
    });
    const bad = tranchePlanSchema.safeParse({ callId: id, labelIt1: '', share1: '40', kind1: 'nope' });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['kind1', 'labelIt1']);
  });
});
