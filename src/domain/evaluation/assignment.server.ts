import { eq } from 'drizzle-orm';
import { proposals, reviewAssignments } from '../../../db/schema/index.ts';
import type { Db, Queryable } from '../../lib/server/db/index.ts';
import { recordAudit } from '../audit/record-audit.server.ts';
import type { RequestContext } from '../context.ts';
import { conflict, notFound } from '../errors.ts';
import { authorize } from '../policy.ts';
import { autoAssign, planChosen } from './auto-assign.ts';
import { notifyAssignedEvaluators } from './assignment-mail.server.ts';
import { assignableProposals, assignmentPairs, insertAssignments, requireMembers, startReviewWhereAssigned } from './assignment-store.server.ts';
import { scoringMemberIds } from './commission.server.ts';
import { markScoredIfComplete } from './scoring.server.ts';
import type { AssignInput, BulkAssignInput } from './evaluation.schema.ts';
import { getEvaluationSettings, lockEvaluationCall } from './settings.server.ts';

/**
 * Who evaluates what. Every use case locks the call first (lockEvaluationCall), so assignments of
 * one call happen one at a time: "never the same evaluator twice" and "only commission members"
 * hold without relying on a unique index (observation_id is null on ordinary assignments, and
 * NULLs never collide). A first evaluator moves the proposal admissible → in_review, a new one on
 * a scored proposal takes it back to in_review; each evaluator given proposals is emailed once per
 * action, with how many (assignment-mail.server.ts).
 */

export type AssignCounts = { created: number; alreadyAssigned: number; conflicted: number; notAssignable: number; reviewStarted: number };

/** One proposal, evaluators picked by hand; one audit event per assignment. */
export async function assignEvaluators(db: Db, ctx: RequestContext, input: AssignInput): Promise<AssignCounts> {
  authorize(ctx.actor, 'evaluation.manage');
  return db.transaction(async (tx) => {
    const call = await lockEvaluationCall(tx, await callOfProposal(tx, input.proposalId));
    if ((await assignableProposals(tx, call.id, [input.proposalId])).length === 0) throw conflict('not_assignable');
    await requireMembers(tx, call.id, input.evaluatorIds);
    const plan = planChosen({ proposals: [input.proposalId], evaluators: input.evaluatorIds, ...(await assignmentPairs(tx, call.id, [input.proposalId])) });
    if (plan.conflicted) throw conflict('evaluator_conflicted', { field: 'evaluatorIds' });
    const now = ctx.now();
    const created = await insertAssignments(tx, ctx, plan.pairs, now);
    const moved = await startReviewWhereAssigned(tx, ctx, call.id, now);
    await notifyAssignedEvaluators(tx, ctx, call, created);
    for (const a of created) {
      await recordAudit(tx, ctx, {
        action: 'review.assigned',
        entityType: 'review_assignment',
        entityId: a.id,
        summary: { proposalId: a.proposalId, evaluatorId: a.evaluatorId, reviewStarted: moved.includes(a.proposalId) },
      });
    }
    return { created: created.length, alreadyAssigned: plan.alreadyAssigned, conflicted: 0, notAssignable: 0, reviewStarted: moved.length };
  });
}

/**
 * Many proposals (ticked in the filtered list) × the chosen evaluators. Proposals that stopped
 * being assignable, pairs already made and declared conflicts are skipped and counted; one audit
 * event records the action with its counts and ids.
 */
export async function bulkAssign(db: Db, ctx: RequestContext, input: BulkAssignInput): Promise<AssignCounts> {
  authorize(ctx.actor, 'evaluation.manage');
  return db.transaction(async (tx) => {
    const call = await lockEvaluationCall(tx, input.callId);
    await requireMembers(tx, call.id, input.evaluatorIds);
    const ids = await assignableProposals(tx, call.id, input.proposalIds);
    const plan = planChosen({ proposals: ids, evaluators: input.evaluatorIds, ...(await assignmentPairs(tx, call.id, ids)) });
    const now = ctx.now();
    const created = await insertAssignments(tx, ctx, plan.pairs, now);
    const moved = await startReviewWhereAssigned(tx, ctx, call.id, now);
    await notifyAssignedEvaluators(tx, ctx, call, created);
    const counts = { created: created.length, alreadyAssigned: plan.alreadyAssigned, conflicted: plan.conflicted, notAssignable: input.proposalIds.length - ids.length, reviewStarted: moved.length };
    await recordAudit(tx, ctx, {
      action: 'review.bulk_assigned',
      entityType: 'call',
      entityId: call.id,
      summary: { ...counts, proposalIds: ids, evaluatorIds: input.evaluatorIds, assignmentIds: created.map((a) => a.id) },
    });
    return counts;
  });
}

/**
 * Tops every assignable proposal of the call up to k evaluators (auto-assign.ts). The audit event
 * carries the counts per evaluator rather than every id (30,000 at scale); the rows it created
 * are those with its `assignedAt` and the actor as `assigned_by`.
 */
export async function runAutoAssign(db: Db, ctx: RequestContext, input: { callId: string }) {
  authorize(ctx.actor, 'evaluation.manage');
  return db.transaction(async (tx) => {
    const call = await lockEvaluationCall(tx, input.callId);
    const { reviewersPerProposal: k } = await getEvaluationSettings(tx, call.id);
    const members = await scoringMemberIds(tx, call.id);
    if (members.length === 0) throw conflict('no_members');
    const ids = await assignableProposals(tx, call.id);
    const state = await assignmentPairs(tx, call.id);
    const pairs = autoAssign({ proposals: ids, evaluators: members, existing: state.existing, conflicts: state.conflicts, k });
    const now = ctx.now();
    const created = await insertAssignments(tx, ctx, pairs, now);
    const moved = await startReviewWhereAssigned(tx, ctx, call.id, now);
    await notifyAssignedEvaluators(tx, ctx, call, created);
    const perEvaluator: Record<string, number> = {};
    for (const p of pairs) perEvaluator[p.evaluatorId] = (perEvaluator[p.evaluatorId] ?? 0) + 1;
    const short = countShort(ids, [...state.existing, ...pairs], k);
    const summary = { k, created: created.length, proposals: new Set(pairs.map((p) => p.proposalId)).size, short, reviewStarted: moved.length, perEvaluator, assignedAt: now.toISOString() };
    await recordAudit(tx, ctx, { action: 'review.auto_assigned', entityType: 'call', entityId: call.id, summary });
    return { created: created.length, proposals: summary.proposals, short };
  });
}

/**
 * Removes an assignment whose evaluator has not submitted; a declared conflict stays on record.
 * If everyone left on the proposal has submitted, it is now scored (markScoredIfComplete).
 */
export async function unassign(db: Db, ctx: RequestContext, input: { assignmentId: string }): Promise<{ proposalId: string; scored: boolean }> {
  authorize(ctx.actor, 'evaluation.manage');
  return db.transaction(async (tx) => {
    const found = await findAssignment(tx, input.assignmentId);
    await lockEvaluationCall(tx, found.callId);
    // Proposal before assignment, the order the evaluator's own use cases lock them in.
    const [proposal] = await tx.select().from(proposals).where(eq(proposals.id, found.proposalId)).for('update');
    const [a] = await tx.select().from(reviewAssignments).where(eq(reviewAssignments.id, found.id)).for('update');
    if (!proposal || !a) throw notFound('not_found');
    if (a.status === 'submitted') throw conflict('assignment_submitted');
    if (a.status === 'conflict_declared') throw conflict('conflict_kept');
    await tx.delete(reviewAssignments).where(eq(reviewAssignments.id, a.id));
    await recordAudit(tx, ctx, {
      action: 'review.unassigned',
      entityType: 'review_assignment',
      entityId: a.id,
      summary: { proposalId: a.proposalId, evaluatorId: a.evaluatorId, status: a.status },
    });
    return { proposalId: a.proposalId, scored: await markScoredIfComplete(tx, ctx, proposal) };
  });
}

/**
 * After an evaluator declared a conflict, another member takes the seat: a new assignment (the
 * conflicted one stays on record, so the proposal stays closed to its evaluator for good).
 */
export async function reassignAfterConflict(db: Db, ctx: RequestContext, assignmentId: string, newEvaluatorId: string) {
  authorize(ctx.actor, 'evaluation.manage');
  return db.transaction(async (tx) => {
    const found = await findAssignment(tx, assignmentId);
    const call = await lockEvaluationCall(tx, found.callId);
    await tx.select({ id: proposals.id }).from(proposals).where(eq(proposals.id, found.proposalId)).for('update');
    const [old] = await tx.select().from(reviewAssignments).where(eq(reviewAssignments.id, found.id)).for('update');
    if (!old || old.status !== 'conflict_declared') throw conflict('no_conflict_declared');
    if ((await assignableProposals(tx, found.callId, [old.proposalId])).length === 0) throw conflict('not_assignable');
    await requireMembers(tx, found.callId, [newEvaluatorId], 'evaluatorId');
    const plan = planChosen({ proposals: [old.proposalId], evaluators: [newEvaluatorId], ...(await assignmentPairs(tx, found.callId, [old.proposalId])) });
    if (plan.conflicted) throw conflict('evaluator_conflicted', { field: 'evaluatorId' });
    if (plan.alreadyAssigned) throw conflict('already_assigned', { field: 'evaluatorId' });
    const now = ctx.now();
    const [created] = await insertAssignments(tx, ctx, plan.pairs, now);
    const moved = await startReviewWhereAssigned(tx, ctx, found.callId, now);
    await notifyAssignedEvaluators(tx, ctx, call, [created!]);
    await recordAudit(tx, ctx, {
      action: 'review.reassigned',
      entityType: 'review_assignment',
      entityId: created!.id,
      summary: { proposalId: old.proposalId, conflictAssignmentId: old.id, from: old.evaluatorId, to: newEvaluatorId, reviewReopened: moved.includes(old.proposalId) },
    });
    return { assignmentId: created!.id, proposalId: old.proposalId };
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function callOfProposal(tx: Queryable, proposalId: string): Promise<string> {
  const [row] = UUID.test(proposalId) ? await tx.select({ callId: proposals.callId }).from(proposals).where(eq(proposals.id, proposalId)) : [];
  if (!row) throw notFound('not_found');
  return row.callId;
}

async function findAssignment(tx: Queryable, assignmentId: string): Promise<{ id: string; callId: string; proposalId: string }> {
  const [row] = UUID.test(assignmentId)
    ? await tx
        .select({ id: reviewAssignments.id, callId: proposals.callId, proposalId: proposals.id })
        .from(reviewAssignments)
        .innerJoin(proposals, eq(proposals.id, reviewAssignments.proposalId))
        .where(eq(reviewAssignments.id, assignmentId))
    : [];
  if (!row) throw notFound('not_found');
  return row;
}

/** Proposals left with fewer than k evaluators (not enough members free of conflicts). */
function countShort(ids: readonly string[], active: readonly { proposalId: string }[], k: number): number {
  const seats = new Map<string, number>();
  for (const a of active) seats.set(a.proposalId, (seats.get(a.proposalId) ?? 0) + 1);
  return ids.filter((id) => (seats.get(id) ?? 0) < k).length;
}
