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
 * Withdraws a draft or a submitted proposal before the deadline (DESIGN.md's lifecycle). The
 * record, its protocol number and its submissions are kept; the proposer may start a new one.
 */
export async function withdrawProposal(db: Db, ctx: RequestContext, input: { proposalId: string }): Promise<void> {
  await db.transaction(async (tx) => {
    const proposal = await lockProposal(tx, ctx, input.proposalId);
    authorize(ctx.actor, 'proposal.withdraw', factsOf(proposal));
    if (!canTransition(proposal.status, 'withdraw')) throw conflict(proposal.status === 'withdrawn' ? 'already_withdrawn' : 'not_withdrawable');
    const call = await loadCall(tx, proposal.callId);
    requireOpen(call, ctx.now());
    const at = sql`clock_timestamp()`;
    await tx
      .update(proposals)
      .set({ status: 'withdrawn', withdrawnAt: at, version: proposal.version + 1, updatedAt: at })
      .where(eq(proposals.id, proposal.id));
    await recordProposalEvent(tx, ctx, proposal.id, proposal.status, 'withdrawn');
    await recordAudit(tx, ctx, {
      action: 'proposal.withdrawn',
      entityType: 'proposal',
      entityId: proposal.id,
      summary: { from: proposal.status, protocolNumber: proposal.protocolNumber },
    });
    await requireOnTimeInDatabase(tx, call.id);
  });
}
