import type { milestones } from '../../../db/schema/index.ts';

export type MilestoneStatus = (typeof milestones.$inferSelect)['status'];

/**
 * DESIGN.md's milestone lifecycle as data: `planned → in_progress → submitted → approved |
 * changes_requested`, and back to `submitted` when the team hands in a revision. `start` happens
 * when the team first saves work on it (or is implied by a submission).
 */
export const milestoneTransitions = {
  start: ['planned'],
  submit: ['planned', 'in_progress', 'changes_requested'],
  approve: ['submitted'],
  requestChanges: ['submitted'],
} as const satisfies Record<string, readonly MilestoneStatus[]>;

export type MilestoneTransition = keyof typeof milestoneTransitions;

export const milestoneTarget: Record<MilestoneTransition, MilestoneStatus> = {
  start: 'in_progress',
  submit: 'submitted',
  approve: 'approved',
  requestChanges: 'changes_requested',
};

export function canMoveMilestone(from: MilestoneStatus, transition: MilestoneTransition): boolean {
  return (milestoneTransitions[transition] as readonly MilestoneStatus[]).includes(from);
}

/** Open milestones count towards overdue and reminders; approved ones are done. */
export const isOpenMilestone = (status: MilestoneStatus) => status !== 'approved';
