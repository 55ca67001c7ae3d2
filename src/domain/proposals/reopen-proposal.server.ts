import { eq, sql } from 'drizzle-orm';
import { proposals } from '../../../db/schema/index.ts';
import type { Db } from '../../lib/server/db/index.ts';
import type { RequestContext } from '../context.ts';
import { recordAudit } from '../audit/record-audit.server.ts';
import { conflict } from '../errors.ts';
import { authorize } from '../policy.ts';
import { factsOf, loadCall, lockProposal, recordProposalEvent, requireOnTimeInDatabase, requireOpen } from './proposal-tx.server.ts';
import { canTransition } from './workflow.ts';

/**
 * Turns a submitted proposal back into a draft so the proposer can change it, before the
 * deadline only. The protocol number stays; every earlier submission stays in
 * proposal_submissions. Until it is sent again it is a draft: the page says so plainly.
 */
export async function reopenProposal(db: Db, ctx: RequestContext, input: { proposalId: string }): Promise<{ version: number }> {
  return db.transaction(async (tx) => {
    const proposal = await lockProposal(tx, ctx, input.proposalId);
    authorize(ctx.actor, 'proposal.withdraw', factsOf(proposal));
    if (!canTransition(proposal.status, 'reopen')) throw conflict('not_submitted');
    const call = await loadCall(tx, proposal.callId);
    requireOpen(call, ctx.now());
    const version = proposal.version + 1;
    await tx.update(proposals).set({ status: 'draft', version, updatedAt: sql`clock_timestamp()` }).where(eq(proposals.id, proposal.id));
    await recordProposalEvent(tx, ctx, proposal.id, proposal.status, 'draft', 'reopened');
    await recordAudit(tx, ctx, { action: 'proposal.reopened', entityType: 'proposal', entityId: proposal.id, summary: { protocolNumber: proposal.protocolNumber } });
    // A reopening after the deadline would leave a proposal unsent for good: judged like a submission.
    await requireOnTimeInDatabase(tx, call.id);
    return { version };
  });
}
