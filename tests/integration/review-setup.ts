import { eq } from 'drizzle-orm';
import { reviewAssignments } from '../../db/schema/index.ts';
import { scoreReview } from '../../src/domain/evaluation/scoring.server.ts';
import type { Db } from '../../src/lib/server/db/index.ts';
import { createCall, createProposal, createUser, type TestUser } from '../factories/index.ts';
import { assignReviewer, type AssignmentRow } from '../factories/review-assignments.ts';
import { testContext } from '../support/context.ts';

/** Shared set-up of the evaluator's tests (not a test file). */

export const ctxOf = (user: TestUser | null) => testContext({ actor: user?.actor ?? null });

/** A sheet for the factories' sample rubric (need 30 ≥15, feasibility 30, impact 25, team 15): 76 points, no comment needed. */
export const goodSheet = { 'score.need': '24', 'score.feasibility': '20', 'score.impact': '20', 'score.team': '12' };

/** A call in review, one protocolled proposal in review, and `evaluators` assigned to it (not yet cleared). */
export async function reviewSetup(db: Db, evaluators = 2, options: { cleared?: boolean } = {}) {
  const owner = await createUser(db, 'resident', { name: 'Agata Russo' });
  const call = await createCall(db, 'inReview');
  const at = new Date('2026-01-10T09:00:00Z');
  const proposal = await createProposal(db, {
    callId: call.id,
    proposerId: owner.id,
    status: 'in_review',
    protocolSeq: 1,
    protocolNumber: 'IDEA-2026-000001',
    submittedAt: at,
    firstSubmittedAt: at,
    declarationsAcceptedAt: at,
    organisationName: 'Cortile Aperto APS',
  });
  const people: TestUser[] = [];
  const assignments: AssignmentRow[] = [];
  for (let i = 0; i < evaluators; i++) {
    const e = await createUser(db, 'evaluator');
    people.push(e);
    assignments.push(await assignReviewer(db, { proposalId: proposal.id, evaluatorId: e.id, cleared: options.cleared ?? false }));
  }
  return { owner, call, proposal, evaluators: people, assignments };
}

export async function assignmentRow(db: Db, id: string): Promise<AssignmentRow> {
  const [row] = await db.select().from(reviewAssignments).where(eq(reviewAssignments.id, id));
  return row!;
}

/** Scores as the evaluator, naming the assignment's current version unless told otherwise. */
export async function score(db: Db, user: TestUser, assignmentId: string, intent: 'draft' | 'submit', fields: Record<string, string>, version?: number) {
  const v = version ?? (await assignmentRow(db, assignmentId)).version;
  return scoreReview(db, ctxOf(user), { assignmentId, version: v, intent, fields });
}
