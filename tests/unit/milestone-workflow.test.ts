import { describe, expect, it } from 'vitest';
import { canMoveMilestone, isOpenMilestone, milestoneTarget, milestoneTransitions, type MilestoneStatus, type MilestoneTransition } from '../../src/domain/incubation/milestone-workflow.ts';

/** DESIGN.md: planned → in_progress → submitted → approved | changes_requested; a revision goes back to submitted. */
const statuses: MilestoneStatus[] = ['planned', 'in_progress', 'submitted', 'approved', 'changes_requested'];
const allowed: Record<MilestoneTransition, MilestoneStatus[]> = {
  start: ['planned'],
  submit: ['planned', 'in_progress', 'changes_requested'],
  approve: ['submitted'],
  requestChanges: ['submitted'],
};

describe('milestone workflow table', () => {
  for (const transition of Object.keys(allowed) as MilestoneTransition[]) {
    it.each(statuses)(`${transition} from %s`, (from) => {
      expect(canMoveMilestone(from, transition)).toBe(allowed[transition].includes(from));
    });
  }

  it('declares exactly the transitions of the design, with their targets', () => {
    expect(Object.keys(milestoneTransitions).sort()).toEqual(Object.keys(allowed).sort());
    expect(milestoneTarget).toEqual({ start: 'in_progress', submit: 'submitted', approve: 'approved', requestChanges: 'changes_requested' });
  });

  it('approved is final: nothing leaves it', () => {
    for (const transition of Object.keys(allowed) as MilestoneTransition[]) expect(canMoveMilestone('approved', transition)).toBe(false);
    expect(isOpenMilestone('approved')).toBe(false);
    for (const s of statuses.filter((x) => x !== 'approved')) expect(isOpenMilestone(s)).toBe(true);
  });

  it('a submission waits for the coach: no second submission until changes are requested', () => {
    expect(canMoveMilestone('submitted', 'submit')).toBe(false);
    expect(canMoveMilestone(milestoneTarget.requestChanges, 'submit')).toBe(true);
  });
});
