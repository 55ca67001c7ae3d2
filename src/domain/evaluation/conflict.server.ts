import { eq, sql } from 'drizzle-orm';
import { reviewAssignments } from '../../../db/schema/index.ts';
import type { Db } from '../../lib/server/db/index.ts';
import { recordAudit } from '../audit/record-audit.server.ts';
import type { RequestContext } from '../context.ts';
import { conflict } from '../errors.ts';
import { authorize } from '../policy.ts';
import { lockReview } from './review-assignment.server.ts';
import { markScoredIfComplete } from './scoring.server.ts';
import type { DeclareInput } from './review-schema.ts';

export type DeclareResult = { declaration: 'none' | 'conflict'; proposalId: string; proposalScored?: boolean };

/**
 * The evaluator's declaration on conflicts of interest (art. 6-bis L. 241/1990, art. 7 D.P.R.
 * 62/2013), made knowing only the protocol number and the call. "No conflict" opens the proposal;
 * a conflict closes it for good: the assignment leaves the evaluator's work, the policy refuses
 * the proposal and its files from then on, and staff see it on the progress board to reassign.
 * A conflict noticed while reading (a name in the text) may still be declared before sending the
 * scores; the draft scores then count for nothing (rankings read submitted sheets only).
 * Declared by the last evaluator still to score, it leaves a proposal whose other sheets are all
 * in: the proposal is scored on those (as it would be had the others sent theirs after the
 * conflict), and a replacement staff assign takes it back to review (workflow `reopenReview`).
 */
export async function declareInterest(db: Db, ctx: RequestContext, input: DeclareInput): Promise<DeclareResult> {
  authorize(ctx.actor, 'area.review');
  return db.transaction(async (tx) => {
    const { assignment, proposal } = await lockReview(tx, ctx, input.assignmentId, 'review.declare');
    if (assignment.status === 'submitted') throw conflict('review_locked');
    const now = ctx.now();

    if (input.declaration === 'none') {
      // Declared already (a second tab, a double click): nothing changes.
      if (assignment.noConflictDeclaredAt !== null) return { declaration: 'none', proposalId: proposal.id };
      await tx.update(reviewAssignments).set({ noConflictDeclaredAt: now }).where(eq(reviewAssignments.id, assignment.id));
      await recordAudit(tx, ctx, { action: 'review.no_conflict_declared', entityType: 'review_assignment', entityId: assignment.id, summary: { proposalId: proposal.id } });
      return { declaration: 'none', proposalId: proposal.id };
    }

    await tx
      .update(reviewAssignments)
      .set({ status: 'conflict_declared', conflictKind: input.kind!, conflictReason: input.reason!, conflictDeclaredAt: now, version: sql`${reviewAssignments.version} + 1` })
      .where(eq(reviewAssignments.id, assignment.id));
    // The reason stays on the assignment (staff read it there); the append-only trail gets the
    // kind only, since a reason may name relatives and could never be erased from it.
    await recordAudit(tx, ctx, {
      action: 'review.conflict_declared',
      entityType: 'review_assignment',
      entityId: assignment.id,
      summary: { proposalId: proposal.id, callId: proposal.callId, kind: input.kind, after: assignment.status },
    });
    return { declaration: 'conflict', proposalId: proposal.id, proposalScored: await markScoredIfComplete(tx, ctx, proposal) };
  });
}
