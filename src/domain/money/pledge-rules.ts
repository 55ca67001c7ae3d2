/**
 * Rules of pledges (DESIGN.md: `pledged → committed → disbursed`, or `cancelled`): what a payment
 * may draw on, and when a pledge may be committed or cancelled. Pure; see money-rules.ts.
 */
import { pledgeReach, withMoney } from './funding-pool.ts';
import { addedShortfallCents, type CallLedger, type Refusal } from './money-rules.ts';
import type { PledgeStatus } from './money-workflow.ts';
import { canMovePledge } from './money-workflow.ts';

export type PledgeState = {
  status: PledgeStatus;
  callId: string;
  startupId: string | null;
  neighbourhoodId: string | null;
  theme: string | null;
  amountCents: number;
  /** Sum of the disbursements drawn on it. */
  drawnCents: number;
};

/**
 * Where a payment goes: the start-up's call, the start-up, its neighbourhood and the call's themes.
 * Start-ups have no theme of their own: they answer their call's themes, so a theme restriction
 * holds for the start-ups of a call that (still) lists the theme.
 */
export type DrawTarget = { callId: string; startupId: string; neighbourhoodId: string | null; callThemes: readonly string[] };

const refuse = (code: string, details: Refusal['details'] = {}): Refusal => ({ code, details: { field: 'source', ...details } });

/** A payment drawn on a pledge: legally binding, meant for this start-up, with enough left. */
export function pledgeDrawRefusal(p: PledgeState, target: DrawTarget, amountCents: number): Refusal | null {
  if (p.status !== 'committed') return refuse(p.status === 'disbursed' ? 'pledge_exhausted' : 'pledge_not_committed');
  if (p.callId !== target.callId) return refuse('pledge_other_call');
  if (p.startupId && p.startupId !== target.startupId) return refuse('pledge_other_startup');
  if (p.neighbourhoodId && p.neighbourhoodId !== target.neighbourhoodId) return refuse('pledge_neighbourhood_mismatch');
  if (p.theme && !target.callThemes.includes(p.theme)) return refuse('pledge_theme_mismatch');
  const left = p.amountCents - p.drawnCents;
  if (amountCents > left) return refuse('pledge_insufficient', { availableCents: Math.max(left, 0) });
  return null;
}

export function pledgeCommitRefusal(p: Pick<PledgeState, 'status'>): Refusal | null {
  if (canMovePledge(p.status, 'commit')) return null;
  return { code: p.status === 'cancelled' ? 'pledge_already_cancelled' : 'pledge_already_committed', details: {} };
}

/**
 * A pledge may be cancelled only while nothing is drawn on it, and — when it is binding and so
 * stands behind grants — only if every grant it may pay stays covered without it
 * (funding-pool.ts: a pledge to one start-up matters only for that start-up's grant).
 */
export function pledgeCancelRefusal(p: PledgeState, l: CallLedger): Refusal | null {
  if (p.status === 'cancelled') return { code: 'pledge_already_cancelled', details: {} };
  if (p.drawnCents > 0 || !canMovePledge(p.status, 'cancel')) return { code: 'pledge_has_disbursements', details: {} };
  if (p.status === 'committed') {
    const without = withMoney(l.pool, pledgeReach(p, l.callThemes, l.pool.startups), -(p.amountCents - p.drawnCents));
    const shortfall = addedShortfallCents(l.pool, without);
    if (shortfall > 0) return { code: 'cancel_breaks_resources', details: { shortfallCents: shortfall } };
  }
  return null;
}

/** Whether the cancel form is worth showing (the use case still checks the call's resources). */
export const mayOfferCancel = (p: Pick<PledgeState, 'status' | 'drawnCents'>) => canMovePledge(p.status, 'cancel') && p.drawnCents === 0;

/** After a payment: a pledge fully drawn becomes `disbursed`. */
export const isFullyDrawn = (p: Pick<PledgeState, 'amountCents' | 'drawnCents'>) => p.drawnCents >= p.amountCents;
