import { eq } from 'drizzle-orm';
import { proposals, reviewAssignments } from '../../../db/schema/index.ts';
import type { Queryable } from '../../lib/server/db/index.ts';
import type { ProposalFacts } from '../policy.ts';
import { isEditable } from './workflow.ts';

export type ProposalWithFacts = { proposal: typeof proposals.$inferSelect; facts: ProposalFacts };

/**
 * Loads a proposal and the facts the policy needs about it: its proposer, and the evaluators
 * assigned to it, cleared (declared no conflict) or conflicted. `editable` covers the status
 * only: use cases also check that the call is still open.
 */
export async function loadProposalFacts(db: Queryable, proposalId: string): Promise<ProposalWithFacts | null> {
  if (!/^[0-9a-f-]{36}$/i.test(proposalId)) return null;
  const [proposal] = await db.select().from(proposals).where(eq(proposals.id, proposalId)).limit(1);
  if (!proposal) return null;
  const assignments = await db
    .select({ evaluatorId: reviewAssignments.evaluatorId, status: reviewAssignments.status, cleared: reviewAssignments.noConflictDeclaredAt })
    .from(reviewAssignments)
    .where(eq(reviewAssignments.proposalId, proposalId));
  const conflicted = assignments.filter((a) => a.status === 'conflict_declared').map((a) => a.evaluatorId);
  const active = assignments.filter((a) => a.status !== 'conflict_declared');
  return {
    proposal,
    facts: {
      type: 'proposal',
      ownerId: proposal.proposerId,
      assignedEvaluatorIds: active.map((a) => a.evaluatorId),
      clearedEvaluatorIds: active.filter((a) => a.cleared !== null).map((a) => a.evaluatorId),
      conflictedEvaluatorIds: conflicted,
      editable: isEditable(proposal.status),
    },
  };
}
