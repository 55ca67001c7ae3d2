import { and, eq, ne, sql } from 'drizzle-orm';
import { proposals } from '../../../db/schema/index.ts';
import type { Db } from '../../lib/server/db/index.ts';
import type { RequestContext } from '../context.ts';
import { recordAudit } from '../audit/record-audit.server.ts';
import { notFound } from '../errors.ts';
import { authorize } from '../policy.ts';
import { emptyContent } from './content.ts';
import { loadCall, recordProposalEvent, requireOpen } from './proposal-tx.server.ts';

export type StartResult = { proposalId: string; created: boolean };

/**
 * Starts a proposal on an open call, or returns the one this person already has there: one
 * active proposal per proposer per call, so a double click or a refresh never makes a second
 * draft (a known pain point of other grant portals). A withdrawn proposal does not count.
 */
export async function startProposal(db: Db, ctx: RequestContext, input: { callId: string }): Promise<StartResult> {
  authorize(ctx.actor, 'proposal.create', undefined);
  const proposerId = ctx.actor!.userId;
  return db.transaction(async (tx) => {
    const call = await loadCall(tx, input.callId);
    if (call.phase === 'draft') throw notFound('call_not_found');
    // Serialises starts by the same person on the same call (two tabs, a double click).
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`proposal-start:${call.id}:${proposerId}`}))`);
    const [existing] = await tx
      .select({ id: proposals.id })
      .from(proposals)
      .where(and(eq(proposals.callId, call.id), eq(proposals.proposerId, proposerId), ne(proposals.status, 'withdrawn')))
      .limit(1);
    if (existing) return { proposalId: existing.id, created: false };
    requireOpen(call, ctx.now(), 'call_closed');

    const [row] = await tx
      .insert(proposals)
      .values({ callId: call.id, proposerId, applicantType: emptyContent(call).applicantType })
      .returning({ id: proposals.id });
    const proposalId = row!.id;
    await recordProposalEvent(tx, ctx, proposalId, null, 'draft');
    await recordAudit(tx, ctx, { action: 'proposal.started', entityType: 'proposal', entityId: proposalId, summary: { callId: call.id } });
    return { proposalId, created: true };
  });
}
