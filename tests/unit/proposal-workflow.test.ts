import { describe, expect, it } from 'vitest';
import { canTransition, transitions, transitionTarget, type ProposalStatus, type Transition } from '../../src/domain/proposals/workflow.ts';

const statuses: ProposalStatus[] = ['draft', 'submitted', 'integration_requested', 'admissible', 'inadmissible', 'in_review', 'scored', 'funded', 'eligible_not_funded', 'below_threshold', 'incubated', 'withdrawn'];
const allowedFrom = (t: Transition) => statuses.filter((s) => canTransition(s, t));

describe('proposal workflow', () => {
  it('reviews an admissible proposal, scores it, and takes a scored one back to review (a new evaluator before any ranking)', () => {
    expect(allowedFrom('startReview')).toEqual(['admissible']);
    expect(allowedFrom('markScored')).toEqual(['in_review']);
    expect(allowedFrom('reopenReview')).toEqual(['scored']);
    expect(transitionTarget.reopenReview).toBe('in_review');
  });

  it('never reopens the review of a ranked proposal (re-scorings after observations are separate assignments)', () => {
    for (const ranked of ['funded', 'eligible_not_funded', 'below_threshold', 'incubated'] as const) expect(canTransition(ranked, 'reopenReview')).toBe(false);
  });

  it('incubates only a funded proposal', () => {
    expect(allowedFrom('incubate')).toEqual(['funded']);
    expect(transitionTarget.incubate).toBe('incubated');
  });

  it('names a target for every transition', () => {
    expect(Object.keys(transitionTarget).sort()).toEqual(Object.keys(transitions).sort());
  });
});
