/**
 * The money invariants as pure rules (issue 6 point 3: "money never exceeds what stands behind
 * it: disbursed ≤ committed ≤ awarded ≤ budget"). Each rule answers null (allowed) or a refusal
 * with a stable code; the use cases run them on figures read under row locks, in the transaction
 * that then writes (src/domain/money/*.server.ts), so no interleaving can break them.
 *
 * Amounts are integer cents; details ending in `Cents` are shown to people as money.
 */
import { awardableCents, shortfallCents, withMoney, withOutstanding, type FundingPool, type Reach } from './funding-pool.ts';
import type { TrancheStatus } from './money-workflow.ts';

export type Refusal = { code: string; details: Record<string, number | string> };

/** A call's money at one moment: what stands behind its grants and what was already used. */
export type CallLedger = {
  callId: string;
  /** Public money of the call (calls.budget_cents). */
  budgetCents: number;
  maxGrantCents: number;
  /** Legally binding pledges to the call or its start-ups (committed or disbursed). */
  pledgedCents: number;
  awardedCents: number;
  committedCents: number;
  disbursedCents: number;
  /** Paid out of the programme's own money (source `programme`): at most the budget. */
  programmeDisbursedCents: number;
  callThemes: readonly string[];
  /** Which money may still pay which start-up (funding-pool.ts). */
  pool: FundingPool;
};

/**
 * All the money behind a call: its budget plus the binding pledges to it and its start-ups. A
 * total for people to read; what a grant may use is the pool's business (restricted pledges pay
 * only the start-ups they name or match).
 */
export const resourcesCents = (l: CallLedger) => l.budgetCents + l.pledgedCents;

const refuse = (code: string, details: Refusal['details'] = {}): Refusal => ({ code, details });

/** The shortfall a change of the pool adds (funding-pool.ts): 0 when every grant stays covered. */
export const addedShortfallCents = (before: FundingPool, after: FundingPool) => Math.max(0, shortfallCents(after) - shortfallCents(before));

/**
 * A new grant: at most the start-up's grant in the final ranking and the call's maximum grant,
 * and payable from money that may pay it without taking any other grant's (funding-pool.ts).
 */
export function awardRefusal(l: CallLedger, award: { startupId: string; amountCents: number; rankedCents: number }): Refusal | null {
  const { amountCents } = award;
  if (amountCents <= 0) return refuse('amount_positive');
  // A call without a maximum (0) was never meant to fund: refusing beats awarding without a cap.
  if (l.maxGrantCents <= 0) return refuse('call_max_grant_missing');
  if (amountCents > l.maxGrantCents) return refuse('grant_above_max', { maxCents: l.maxGrantCents });
  // The ranking is the administrative act that decided the grant: the award may not exceed it.
  if (amountCents > award.rankedCents) return refuse('grant_above_ranking', { rankedCents: award.rankedCents });
  if (addedShortfallCents(l.pool, withOutstanding(l.pool, award.startupId, amountCents)) > 0) {
    return refuse('award_exceeds_resources', { availableCents: awardableCents(l.pool, award.startupId) });
  }
  return null;
}

/** A grant's money already bound: paid, or approved for payment. */
export type GrantUse = { awardedCents: number; committedCents: number; disbursedCents: number; approvedCents: number };

/** The signed agreement's amount: up to the award, never below what is paid or approved. */
export function commitmentRefusal(g: GrantUse, amountCents: number): Refusal | null {
  if (amountCents <= 0) return refuse('amount_positive', { field: 'amount' });
  if (amountCents > g.awardedCents) return refuse('commitment_above_award', { field: 'amount', awardedCents: g.awardedCents });
  const bound = g.disbursedCents + g.approvedCents;
  if (amountCents < bound) return refuse('commitment_below_paid', { field: 'amount', paidCents: bound });
  return null;
}

/**
 * Approving a tranche authorises its payment: it must be eligible (its milestone approved), the
 * grant agreement signed, and the approved and paid tranches within the commitment.
 */
export function approvalRefusal(t: { status: TrancheStatus; amountCents: number }, g: GrantUse): Refusal | null {
  if (t.status === 'approved' || t.status === 'disbursed') return refuse('tranche_already_approved');
  if (t.status !== 'eligible') return refuse('tranche_not_eligible');
  if (g.committedCents <= 0) return refuse('grant_not_committed');
  const available = g.committedCents - g.disbursedCents - g.approvedCents;
  if (t.amountCents > available) return refuse('approval_exceeds_commitment', { availableCents: Math.max(available, 0) });
  return null;
}

export type DisbursementInput = { amountCents: number; source: 'programme' | 'pledge' };

/**
 * A payment to a start-up, from programme money or a pledge reaching it, must not spend money that
 * another grant needs (e.g. the budget, when the start-up has a pledge of its own to draw on).
 */
export function paymentCoverRefusal(l: CallLedger, payment: { startupId: string; amountCents: number; from: Reach }): Refusal | null {
  const after = withMoney(withOutstanding(l.pool, payment.startupId, -payment.amountCents), payment.from, -payment.amountCents);
  const shortfall = addedShortfallCents(l.pool, after);
  return shortfall > 0 ? refuse('payment_breaks_resources', { field: 'source', shortfallCents: shortfall }) : null;
}

/**
 * One payment per approved tranche, of exactly its amount, within the grant's commitment; money
 * from the programme stays within the call's budget (pledged money is checked per pledge).
 */
export function disbursementRefusal(t: { status: TrancheStatus; amountCents: number }, g: GrantUse, l: CallLedger, input: DisbursementInput): Refusal | null {
  if (t.status === 'disbursed') return refuse('disbursement_already_recorded');
  if (t.status !== 'approved') return refuse('tranche_not_approved');
  if (input.amountCents !== t.amountCents) return refuse('amount_must_match_tranche', { field: 'amount', trancheCents: t.amountCents });
  const available = g.committedCents - g.disbursedCents;
  if (input.amountCents > available) return refuse('disbursement_exceeds_commitment', { availableCents: Math.max(available, 0) });
  if (input.source === 'programme') {
    const budgetLeft = l.budgetCents - l.programmeDisbursedCents;
    if (input.amountCents > budgetLeft) return refuse('programme_budget_exceeded', { field: 'source', availableCents: Math.max(budgetLeft, 0) });
  }
  return null;
}

/**
 * An agreement (or its amendment) dated after a payment would make that payment precede the
 * agreement that allowed it (the rule paymentDateRefusal keeps for new payments). Days compare as
 * strings; `firstPaidOn` is the grant's earliest payment.
 */
export function agreementDateRefusal(committedOn: string, firstPaidOn: string | null): Refusal | null {
  if (firstPaidOn && committedOn > firstPaidOn) return refuse('agreement_after_payment', { field: 'committedOn', paidOn: firstPaidOn });
  return null;
}

/** Calendar days as `YYYY-MM-DD` compare as strings. */
export function paymentDateRefusal(paidOn: string, committedOn: string | null, today: string): Refusal | null {
  if (paidOn > today) return refuse('date_in_future', { field: 'paidOn' });
  if (committedOn && paidOn < committedOn) return refuse('paid_before_agreement', { field: 'paidOn', committedOn });
  return null;
}
