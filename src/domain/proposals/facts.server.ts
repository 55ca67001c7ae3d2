import { eq } from 'drizzle-orm';
import { proposals } from '../../../db/schema/index.ts';
import type { Queryable } from '../../lib/server/db/index.ts';
import type { ProposalFacts } from '../policy.ts';
import { isEditable } from './workflow.ts';

export type ProposalWithFacts = { proposal: typeof proposals.$inferSelect; facts: ProposalFacts };

/**
 * Loads a proposal and the facts the policy needs about it. Evaluator assignments and declared
 * conflicts join here when the evaluation tables exist (issue 4); until then nobody is assigned.
 * `editable` covers the status only: use cases also check that the call is still open.
 */
export async function loadProposalFacts(db: Queryable, proposalId: string): Promise<ProposalWithFacts | null> {
  if (!/^[0-9a-f-]{36}$/i.test(proposalId)) return null;
  const [proposal] = await db.select().from(proposals).where(eq(proposals.id, proposalId)).limit(1);
  if (!proposal) return null;
  return {
    proposal,
    facts: {
      type: 'proposal',
      ownerId: proposal.proposerId,
      assignedEvaluatorIds: [],
      conflictedEvaluatorIds: [],
      editable: isEditable(proposal.status),
    },
  };
}
