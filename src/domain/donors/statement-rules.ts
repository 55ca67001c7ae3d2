import type { PledgeStatus } from '../money/money-workflow.ts';
import { pledgeCode, romeDay } from './donor-rules.ts';

/** A pledge as the donor's own records see it; `target` is already in the reader's language. */
export type StatementPledge = {
  id: string;
  createdAt: Date;
  amountCents: number;
  status: PledgeStatus;
  target: string;
  agreementRef: string | null;
  /** Rome calendar day the agreement was signed (`YYYY-MM-DD`). */
  agreementOn: string | null;
  cancelledAt: Date | null;
};

/** Money paid to a start-up and drawn on one of the donor's pledges. */
export type StatementDisbursement = { id: string; pledgeId: string; amountCents: number; paidOn: string; reference: string; target: string };

export const entryKinds = ['pledge', 'commitment', 'disbursement', 'cancellation'] as const;
export type EntryKind = (typeof entryKinds)[number];
/** The status column: the pledge's state for its own lines, `paid` for a payment. */
export type EntryStatus = PledgeStatus | 'paid';

export type StatementEntry = {
  date: string;
  kind: EntryKind;
  pledge: string;
  target: string;
  amountCents: number;
  status: EntryStatus;
  reference: string | null;
};

/**
 * The four figures a donor follows (DESIGN.md: pledged → committed → disbursed): `pledged` is what
 * it has promised and not withdrawn, `committed` the part made legally binding by a signed
 * agreement (still committed or already disbursed), `disbursed` what has been paid out of it.
 * Cancelled pledges are counted apart and never in the other three.
 */
export type DonorTotals = { pledgedCents: number; committedCents: number; disbursedCents: number; cancelledCents: number };

export function donorTotals(pledges: readonly Pick<StatementPledge, 'amountCents' | 'status'>[], disbursements: readonly Pick<StatementDisbursement, 'amountCents'>[]): DonorTotals {
  const totals: DonorTotals = { pledgedCents: 0, committedCents: 0, disbursedCents: 0, cancelledCents: 0 };
  for (const p of pledges) {
    if (p.status === 'cancelled') totals.cancelledCents += p.amountCents;
    else totals.pledgedCents += p.amountCents;
    if (p.status === 'committed' || p.status === 'disbursed') totals.committedCents += p.amountCents;
  }
  for (const d of disbursements) totals.disbursedCents += d.amountCents;
  return totals;
}

const kindOrder: Record<EntryKind, number> = { pledge: 0, commitment: 1, disbursement: 2, cancellation: 3 };

/**
 * The statement's lines, oldest first: each pledge when offered, its agreement when signed, every
 * payment drawn on it and its cancellation. On the same day the lines follow that order, then the
 * pledge's reference, so the file reads the same every time it is downloaded.
 */
export function statementEntries(pledges: readonly StatementPledge[], disbursements: readonly StatementDisbursement[]): StatementEntry[] {
  const entries: StatementEntry[] = [];
  for (const p of pledges) {
    const pledge = pledgeCode(p.id);
    const base = { pledge, target: p.target, amountCents: p.amountCents };
    entries.push({ ...base, date: romeDay(p.createdAt), kind: 'pledge', status: p.status, reference: null });
    if (p.agreementOn && p.agreementRef) entries.push({ ...base, date: p.agreementOn, kind: 'commitment', status: 'committed', reference: p.agreementRef });
    if (p.status === 'cancelled' && p.cancelledAt) entries.push({ ...base, date: romeDay(p.cancelledAt), kind: 'cancellation', status: 'cancelled', reference: null });
  }
  for (const d of disbursements) {
    entries.push({ date: d.paidOn, kind: 'disbursement', pledge: pledgeCode(d.pledgeId), target: d.target, amountCents: d.amountCents, status: 'paid', reference: d.reference });
  }
  return entries.sort((a, b) => a.date.localeCompare(b.date) || kindOrder[a.kind] - kindOrder[b.kind] || a.pledge.localeCompare(b.pledge));
}
