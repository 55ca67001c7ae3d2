import { eq } from 'drizzle-orm';
import { calls, evaluationSettings, proposals, reviewAssignments } from '../../../db/schema/index.ts';
import type { Queryable } from '../../lib/server/db/index.ts';
import type { RequestContext } from '../context.ts';
import { forbidden, notFound } from '../errors.ts';
import { authorize } from '../policy.ts';
import { loadProposalFacts } from '../proposals/facts.server.ts';

/** Building blocks of the evaluator's use cases; each runs inside the caller's transaction. */

export type AssignmentRow = typeof reviewAssignments.$inferSelect;
export type ProposalRow = typeof proposals.$inferSelect;
export type CallRow = typeof calls.$inferSelect;
export type LockedReview = { assignment: AssignmentRow; proposal: ProposalRow; call: CallRow };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The actor's own assignment: unknown ids are not found, someone else's is forbidden (`not_assigned`). */
export async function ownAssignment(db: Queryable, ctx: RequestContext, assignmentId: string): Promise<AssignmentRow> {
  if (!UUID.test(assignmentId)) throw notFound('assignment_not_found');
  const [row] = await db.select().from(reviewAssignments).where(eq(reviewAssignments.id, assignmentId)).limit(1);
  if (!row) throw notFound('assignment_not_found');
  if (row.evaluatorId !== ctx.actor?.userId) throw forbidden('not_assigned', { action: 'review' });
  return row;
}

/**
 * Locks the proposal, then the assignment, for the rest of the transaction, and asks the policy
 * (`action` on the proposal's facts, read under the lock). The proposal goes first in every
 * evaluator's transaction, so the last two evaluators of a proposal submitting at once queue
 * here and the second sees the first's submission (READ COMMITTED re-reads after the wait).
 */
export async function lockReview(tx: Queryable, ctx: RequestContext, assignmentId: string, action: 'proposal.review' | 'review.declare'): Promise<LockedReview> {
  const seen = await ownAssignment(tx, ctx, assignmentId);
  const [proposal] = await tx.select().from(proposals).where(eq(proposals.id, seen.proposalId)).for('update');
  const [assignment] = await tx.select().from(reviewAssignments).where(eq(reviewAssignments.id, assignmentId)).for('update');
  if (!proposal || !assignment) throw notFound('assignment_not_found');
  const loaded = await loadProposalFacts(tx, proposal.id);
  if (action === 'proposal.review') authorize(ctx.actor, 'proposal.review', loaded!.facts);
  else authorize(ctx.actor, 'review.declare', loaded!.facts);
  const [call] = await tx.select().from(calls).where(eq(calls.id, proposal.callId));
  return { assignment, proposal, call: call! };
}

/** Whether the call hides proposers' names from its evaluators (no settings row: not blind). */
export async function isBlindReview(db: Queryable, callId: string): Promise<boolean> {
  const [row] = await db.select({ blind: evaluationSettings.blindReview }).from(evaluationSettings).where(eq(evaluationSettings.callId, callId)).limit(1);
  return row?.blind ?? false;
}

/**
 * Scores can change while the proposal is under review, or on an assignment re-scoring it after
 * an upheld observation; never once submitted.
 */
export function scoringOpen(proposal: ProposalRow, assignment: AssignmentRow): boolean {
  if (assignment.status === 'submitted' || assignment.status === 'conflict_declared') return false;
  return proposal.status === 'in_review' || assignment.observationId !== null;
}
