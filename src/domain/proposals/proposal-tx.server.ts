import { eq, sql } from 'drizzle-orm';
import { callNeighbourhoods, calls, proposalEvents, proposals } from '../../../db/schema/index.ts';
import { isUuid } from '../../lib/ids.ts';
import type { Queryable } from '../../lib/server/db/index.ts';
import type { RequestContext } from '../context.ts';
import { invalid, notFound } from '../errors.ts';
import { can, type ProposalFacts } from '../policy.ts';
import { acceptsSubmissions, effectiveStatus } from '../calls/status.ts';
import type { CallRules } from './content.ts';
import { formatProtocolNumber } from './protocol.ts';
import { isEditable, type ProposalStatus } from './workflow.ts';

/** Building blocks shared by the proposer's use cases; each runs inside the caller's transaction. */

export type ProposalRow = typeof proposals.$inferSelect;
export type CallRow = typeof calls.$inferSelect;

export function factsOf(proposal: ProposalRow): ProposalFacts {
  return { type: 'proposal', ownerId: proposal.proposerId, assignedEvaluatorIds: [], clearedEvaluatorIds: [], conflictedEvaluatorIds: [], editable: isEditable(proposal.status) };
}

/**
 * Locks the proposal row for the rest of the transaction. Someone who may not even see it gets
 * "not found", the same answer as for an id that does not exist: existence never leaks.
 */
export async function lockProposal(tx: Queryable, ctx: RequestContext, proposalId: string): Promise<ProposalRow> {
  if (!isUuid(proposalId)) throw notFound('proposal_not_found');
  const [proposal] = await tx.select().from(proposals).where(eq(proposals.id, proposalId)).for('update');
  if (!proposal || !can(ctx.actor, 'proposal.view', factsOf(proposal)).ok) throw notFound('proposal_not_found');
  return proposal;
}

export async function loadCall(tx: Queryable, callId: string): Promise<CallRow & { neighbourhoodIds: string[] }> {
  if (!isUuid(callId)) throw notFound('call_not_found');
  const [call] = await tx.select().from(calls).where(eq(calls.id, callId));
  if (!call) throw notFound('call_not_found');
  const links = await tx.select({ id: callNeighbourhoods.neighbourhoodId }).from(callNeighbourhoods).where(eq(callNeighbourhoods.callId, callId));
  return { ...call, neighbourhoodIds: links.map((l) => l.id) };
}

export function rulesOf(call: CallRow & { neighbourhoodIds: string[] }): CallRules {
  return {
    applicantTypes: call.applicantTypes,
    minGroupMembers: call.minGroupMembers,
    maxGrantCents: call.maxGrantCents,
    questions: call.questions,
    neighbourhoodIds: call.neighbourhoodIds,
  };
}

/** A quick check on the application clock; the binding one is `requireOnTimeInDatabase`. */
export function requireOpen(call: CallRow, now: Date, closedCode: 'deadline_passed' | 'call_closed' = 'deadline_passed'): void {
  if (acceptsSubmissions(call, now)) return;
  const status = effectiveStatus(call, now);
  throw invalid(status === 'published' || status === 'draft' ? 'call_not_open_yet' : closedCode);
}

/**
 * The deadline is the server's: judged by the database clock inside the transaction, as its last
 * statement before COMMIT. If it fails the whole transaction rolls back (protocol number
 * included, so numbers stay gapless) and the proposal is left exactly as it was.
 */
export async function requireOnTimeInDatabase(tx: Queryable, callId: string): Promise<void> {
  const [row] = await tx.select({ onTime: sql<boolean>`clock_timestamp() < ${calls.closesAt}` }).from(calls).where(eq(calls.id, callId));
  if (!row?.onTime) throw invalid('deadline_passed');
}

/**
 * The next protocol number of a call. The UPDATE takes the call row's lock until COMMIT, so
 * concurrent submissions queue here and each gets the next number; a rollback gives it back.
 */
export async function takeProtocolNumber(tx: Queryable, callId: string): Promise<{ seq: number; number: string }> {
  const [row] = await tx
    .update(calls)
    .set({ lastProtocolSeq: sql`${calls.lastProtocolSeq} + 1` })
    .where(eq(calls.id, callId))
    .returning({ seq: calls.lastProtocolSeq, prefix: calls.protocolPrefix, opensAt: calls.opensAt });
  if (!row) throw notFound('call_not_found');
  return { seq: row.seq, number: formatProtocolNumber(row.prefix, row.opensAt, row.seq) };
}

/** One row of the status timeline the proposer and staff see. */
export async function recordProposalEvent(
  tx: Queryable,
  ctx: RequestContext,
  proposalId: string,
  from: ProposalStatus | null,
  to: ProposalStatus,
  note: string | null = null,
): Promise<void> {
  await tx.insert(proposalEvents).values({ proposalId, fromStatus: from, toStatus: to, actorId: ctx.actor?.userId ?? null, note, at: sql`clock_timestamp()` });
}
