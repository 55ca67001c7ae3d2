import { reviewAssignments } from '../../db/schema/index.ts';
import type { Db } from '../../src/lib/server/db/index.ts';
import { appointMember } from '../../src/domain/evaluation/commission.server.ts';
import { createUser, type TestUser } from '../factories/index.ts';
import { closedAtT0, office, submitted } from './admissibility-setup.ts';

/** Shared set-up of the commission and assignment tests (not a test file). */

/** A call past its deadline with `n` admissible proposals (protocol 1…n) and `evaluators` evaluators, not yet appointed. */
export async function evaluationOffice(db: Db, options: { proposals?: number; evaluators?: number } = {}) {
  const base = await office(db, { ...closedAtT0, phase: 'in_review' });
  const proposals = [];
  for (let i = 1; i <= (options.proposals ?? 0); i++) proposals.push(await submitted(db, base.call.id, base.proposer, i, { status: 'admissible', title: `Idea ${i}` }));
  const evaluators: TestUser[] = [];
  for (let i = 0; i < (options.evaluators ?? 0); i++) evaluators.push(await createUser(db, 'evaluator'));
  return { ...base, proposals, evaluators };
}

/** Appoints the evaluators in order (the first presides). */
export async function appointAll(db: Db, ctx: Parameters<typeof appointMember>[1], callId: string, evaluators: readonly TestUser[]) {
  for (const e of evaluators) await appointMember(db, ctx, { callId, userId: e.id });
}

/** An assignment row as the evaluator's own use cases would leave it. */
export async function assignmentRow(db: Db, proposalId: string, evaluatorId: string, status: 'assigned' | 'conflict_declared' | 'in_progress' | 'submitted', cleared = status !== 'assigned') {
  const now = new Date();
  const [row] = await db
    .insert(reviewAssignments)
    .values({
      proposalId,
      evaluatorId,
      status,
      noConflictDeclaredAt: cleared && status !== 'conflict_declared' ? now : null,
      conflictDeclaredAt: status === 'conflict_declared' ? now : null,
      conflictKind: status === 'conflict_declared' ? 'family' : null,
      conflictReason: status === 'conflict_declared' ? 'Mio cugino fa parte del gruppo.' : null,
      submittedAt: status === 'submitted' ? now : null,
    })
    .returning();
  return row!;
}
