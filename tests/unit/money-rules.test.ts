import { describe, expect, it } from 'vitest';
import { createPledgeSchema, recordDisbursementSchema, tranchePlanSchema } from '../../src/domain/money/money.schema.ts';
import { approvalRefusal, awardRefusal, commitmentRefusal, disbursementRefusal, paymentDateRefusal, type CallLedger, type GrantUse } from '../../src/domain/money/money-rules.ts';
import { isFullyDrawn, pledgeCancelRefusal, pledgeCommitRefusal, pledgeDrawRefusal, type DrawTarget, type PledgeState } from '../../src/domain/money/pledge-rules.ts';
import { buildTranches, planRefusal, type PlanRow } from '../../src/domain/money/tranche-plan-rules.ts';
import { formatShareBp, parsePercentBp, shareInput, splitByShares } from '../../src/domain/money/tranche-split.ts';
import { seededRandom } from '../factories/ranking.ts';

const ledger = (o: Partial<CallLedger> = {}): CallLedger => ({
  callId: 'c',
  budgetCents: 100_000_00,
  maxGrantCents: 30_000_00,
  pledgedCents: 0,
  awardedCents: 0,
  committedCents: 0,
  disbursedCents: 0,
  programmeDisbursedCents: 0,
  ...o,
});
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
  it('award: within the maximum and the resources (budget + binding pledges)', () => {
    expect(awardRefusal(ledger(), 30_000_00)).toBeNull();
    expect(awardRefusal(ledger(), 30_000_01)).toMatchObject({ code: 'grant_above_max' });
    expect(awardRefusal(ledger({ maxGrantCents: 0 }), 1)).toMatchObject({ code: 'call_max_grant_missing' });
    expect(awardRefusal(ledger({ awardedCents: 90_000_00 }), 10_000_01)).toMatchObject({ code: 'award_exceeds_resources', details: { availableCents: 10_000_00 } });
    expect(awardRefusal(ledger({ awardedCents: 90_000_00, pledgedCents: 1 }), 10_000_01)).toBeNull();
    expect(awardRefusal(ledger(), 0)).toMatchObject({ code: 'amount_positive' });
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
    const l = ledger({ budgetCents: 10_000_00, pledgedCents: 5_000_00, awardedCents: 12_000_00 });
    expect(pledgeCancelRefusal(pledge({ status: 'pledged' }), l)).toBeNull();
    expect(pledgeCancelRefusal(pledge(), l)).toMatchObject({ code: 'cancel_breaks_resources', details: { shortfallCents: 2_000_00 } });
    expect(pledgeCancelRefusal(pledge(), ledger({ pledgedCents: 5_000_00 }))).toBeNull();
    expect(pledgeCancelRefusal(pledge({ drawnCents: 1 }), ledger())).toMatchObject({ code: 'pledge_has_disbursements' });
    expect(pledgeCancelRefusal(pledge({ status: 'cancelled' }), ledger())).toMatchObject({ code: 'pledge_already_cancelled' });
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
