import type { proposals } from '../../../db/schema/index.ts';

export type ProposalStatus = (typeof proposals.$inferSelect)['status'];

/**
 * The proposal state machine as data: for each transition, the statuses it may start from.
 * Use cases check `canTransition` before every status change and record a proposal event.
 * Deadline-bound transitions (submit, reopen, withdraw) also need the call to be open.
 */
export const transitions = {
  submit: ['draft'],
  reopen: ['submitted'],
  withdraw: ['draft', 'submitted'],
  requestIntegration: ['submitted'],
  completeIntegration: ['integration_requested'],
  declareAdmissible: ['submitted', 'integration_requested'],
  declareInadmissible: ['submitted', 'integration_requested'],
  startReview: ['admissible'],
  /** Every active (not conflicted) assignment has submitted its scores. */
  markScored: ['in_review'],
  /**
   * A scored proposal gets an evaluator again before any ranking: a replacement after a conflict
   * declared by the last one still to score, or one more to reach the call's k. It waits for them.
   */
  reopenReview: ['scored'],
  /** A published ranking (provisional or final) places the proposal; scorrimento moves it up. */
  rank: ['scored', 'funded', 'eligible_not_funded', 'below_threshold'],
  /** A funded proposal of a final ranking becomes a start-up (issue 5). */
  incubate: ['funded'],
} as const satisfies Record<string, readonly ProposalStatus[]>;

export type Transition = keyof typeof transitions;

export const transitionTarget: Record<Transition, ProposalStatus> = {
  submit: 'submitted',
  reopen: 'draft',
  withdraw: 'withdrawn',
  requestIntegration: 'integration_requested',
  completeIntegration: 'submitted',
  declareAdmissible: 'admissible',
  declareInadmissible: 'inadmissible',
  startReview: 'in_review',
  markScored: 'scored',
  reopenReview: 'in_review',
  // The actual outcome (funded | eligible_not_funded | below_threshold) comes from the ranking.
  rank: 'funded',
  incubate: 'incubated',
};

export function canTransition(from: ProposalStatus, transition: Transition): boolean {
  return (transitions[transition] as readonly ProposalStatus[]).includes(from);
}

/** Statuses in which the proposer may still edit the content (before the deadline). */
export function isEditable(status: ProposalStatus): boolean {
  return status === 'draft';
}
