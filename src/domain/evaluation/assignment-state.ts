/**
 * How an assignment reads on the staff screens: the stored status, with `assigned` split by
 * whether the evaluator has already declared no conflict (cleared, may open the proposal).
 */
export const assignmentStates = ['assigned', 'cleared', 'in_progress', 'submitted', 'conflict'] as const;
export type AssignmentState = (typeof assignmentStates)[number];

export function assignmentState(status: 'assigned' | 'conflict_declared' | 'in_progress' | 'submitted', cleared: boolean): AssignmentState {
  if (status === 'conflict_declared') return 'conflict';
  if (status === 'assigned') return cleared ? 'cleared' : 'assigned';
  return status;
}

/** A proposal needs a new evaluator when someone declared a conflict and fewer than k remain. */
export function needsReassignment(p: { active: number; conflicts: number }, k: number): boolean {
  return p.conflicts > 0 && p.active < k;
}
