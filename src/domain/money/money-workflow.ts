import type { calls, pledges, tranches } from '../../../db/schema/index.ts';

export type PledgeStatus = (typeof pledges.$inferSelect)['status'];
export type TrancheStatus = (typeof tranches.$inferSelect)['status'];

/**
 * Phases in which a call's fund takes pledges: published onwards, until archived. createPledge
 * refuses the others; the pledge forms offer only these (pledgeTargets).
 */
export const FUNDABLE_PHASES = ['published', 'in_review', 'ranking_provisional', 'ranking_final'] as const satisfies readonly (typeof calls.$inferSelect)['phase'][];

/**
 * DESIGN.md's pledge lifecycle as data: `pledged → committed` (legally binding, with the
 * agreement's reference and date) `→ disbursed` (when payments drawn on it reach its amount), or
 * `cancelled` before any money was drawn on it.
 */
export const pledgeTransitions = {
  commit: ['pledged'],
  markDisbursed: ['committed'],
  cancel: ['pledged', 'committed'],
} as const satisfies Record<string, readonly PledgeStatus[]>;

/** DESIGN.md's tranche lifecycle: `planned → eligible` (its milestone approved) `→ approved → disbursed`. */
export const trancheTransitions = {
  becomeEligible: ['planned'],
  approve: ['eligible'],
  disburse: ['approved'],
} as const satisfies Record<string, readonly TrancheStatus[]>;

export function canMovePledge(from: PledgeStatus, t: keyof typeof pledgeTransitions): boolean {
  return (pledgeTransitions[t] as readonly PledgeStatus[]).includes(from);
}

export function canMoveTranche(from: TrancheStatus, t: keyof typeof trancheTransitions): boolean {
  return (trancheTransitions[t] as readonly TrancheStatus[]).includes(from);
}
