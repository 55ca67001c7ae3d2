import { eq, sql } from 'drizzle-orm';
import { proposals, reviewAssignments, reviewScores } from '../../../db/schema/index.ts';
import type { Db, Queryable } from '../../lib/server/db/index.ts';
import type { FieldErrors } from '../../lib/validation.ts';
import { recordAudit } from '../audit/record-audit.server.ts';
import type { RequestContext } from '../context.ts';
import { conflict, invalid } from '../errors.ts';
import { authorize } from '../policy.ts';
import { recordProposalEvent } from '../proposals/proposal-tx.server.ts';
import { canTransition } from '../proposals/workflow.ts';
import { lockReview, scoringOpen, type ProposalRow } from './review-assignment.server.ts';
import { checkScores, readScoreFields, totalOf, type RunningTotal, type ScoreEntries } from './scoring-rules.ts';

export type ScoreInput = { assignmentId: string; version: number; intent: 'draft' | 'submit'; fields: Record<string, unknown> };
export type ScoreResult = { status: 'in_progress' | 'submitted'; version: number; total: RunningTotal; proposalScored: boolean };

/**
 * Saves the evaluator's sheet as a draft, or sends it. A draft may be partial; sending needs every
 * criterion scored and a comment on low scores, then locks the sheet for good. Saves name the
 * version they edited, so a stale tab cannot overwrite newer scores. Bad input changes nothing:
 * every problem comes back at once as field errors (`details.errors`).
 */
export async function scoreReview(db: Db, ctx: RequestContext, input: ScoreInput): Promise<ScoreResult> {
  authorize(ctx.actor, 'area.review');
  return db.transaction(async (tx) => {
    const { assignment, proposal, call } = await lockReview(tx, ctx, input.assignmentId, 'proposal.review');
    if (assignment.status === 'submitted') throw conflict('review_locked');
    if (!scoringOpen(proposal, assignment)) throw conflict('review_closed');
    if (assignment.version !== input.version) throw conflict('stale_review');
    if (call.rubric.criteria.length === 0) throw conflict('rubric_empty');

    const { entries, errors } = readScoreFields(input.fields, call.rubric);
    const all: FieldErrors = { ...checkScores(call.rubric, entries, input.intent), ...errors };
    if (Object.keys(all).length > 0) throw invalid(input.intent === 'submit' ? 'scores_incomplete' : 'scores_invalid', { errors: all });

    const now = ctx.now();
    await writeScores(tx, assignment.id, entries, now);
    const submitted = input.intent === 'submit';
    const status = submitted ? 'submitted' : 'in_progress';
    const [row] = await tx
      .update(reviewAssignments)
      .set({ status, submittedAt: submitted ? now : null, version: sql`${reviewAssignments.version} + 1` })
      .where(eq(reviewAssignments.id, assignment.id))
      .returning({ version: reviewAssignments.version });
    const total = totalOf(call.rubric, entries);
    await recordAudit(tx, ctx, {
      action: submitted ? 'review.submitted' : 'review.draft_saved',
      entityType: 'review_assignment',
      entityId: assignment.id,
      summary: { proposalId: proposal.id, total: total.points, scored: total.scored },
    });
    const proposalScored = submitted ? await markScoredIfComplete(tx, ctx, proposal) : false;
    return { status, version: row!.version, total, proposalScored };
  });
}

/** Replaces the sheet's rows with what was typed; an emptied criterion loses its row. */
async function writeScores(tx: Queryable, assignmentId: string, entries: ScoreEntries, now: Date): Promise<void> {
  await tx.delete(reviewScores).where(eq(reviewScores.assignmentId, assignmentId));
  const rows = Object.entries(entries)
    .filter(([, e]) => e.points !== null)
    .map(([criterion, e]) => ({ assignmentId, criterion, points: e.points!, comment: e.comment, updatedAt: now }));
  if (rows.length) await tx.insert(reviewScores).values(rows);
}

/**
 * in_review → scored once every active (not conflicted) assignment of the proposal is submitted.
 * Call it with the proposal row locked (as lockReview does) in the transaction that made the
 * change: a sheet sent, a conflict declared, an assignment removed by staff. Re-scorings after an
 * observation concern ranked proposals, which this transition never touches.
 */
export async function markScoredIfComplete(tx: Queryable, ctx: RequestContext, proposal: ProposalRow): Promise<boolean> {
  if (!canTransition(proposal.status, 'markScored')) return false;
  const rows = await tx.select({ status: reviewAssignments.status }).from(reviewAssignments).where(eq(reviewAssignments.proposalId, proposal.id));
  const active = rows.filter((r) => r.status !== 'conflict_declared');
  if (active.length === 0 || active.some((r) => r.status !== 'submitted')) return false;

  await tx.update(proposals).set({ status: 'scored', updatedAt: ctx.now() }).where(eq(proposals.id, proposal.id));
  // The timeline the proposer reads names no evaluator: the event is the system's.
  await recordProposalEvent(tx, { ...ctx, actor: null }, proposal.id, proposal.status, 'scored');
  await recordAudit(tx, ctx, { action: 'proposal.scored', entityType: 'proposal', entityId: proposal.id, summary: { from: proposal.status, reviews: active.length } });
  return true;
}
