import { desc, eq } from 'drizzle-orm';
import { calls, integrationRequests, proposals } from '../../../db/schema/index.ts';
import type { Db, Queryable } from '../../lib/server/db/index.ts';
import type { Storage } from '../../lib/server/storage/index.ts';
import { recordAudit } from '../audit/record-audit.server.ts';
import type { RequestContext } from '../context.ts';
import { conflict, invalid, notFound } from '../errors.ts';
import { saveUpload } from '../files/save-upload.server.ts';
import { authorize, can } from '../policy.ts';
import { loadProposalFacts } from '../proposals/facts.server.ts';
import { transitionTarget } from '../proposals/workflow.ts';
import { changeStatus, liveFilesOf, openIntegrationRequest, type CallRow, type ProposalRow } from './admissibility.repo.server.ts';
import type { CompleteIntegrationInput } from './schema.ts';

type IntegrationRequestRow = typeof integrationRequests.$inferSelect;
export type IntegrationUpload = { requirement: string; file: File };

/**
 * The proposer's side of soccorso istruttorio. Documents are uploaded first (each one is stored
 * and recorded on its own, so nothing sent is lost if the answer is not complete yet), then the
 * answer is sent: the proposal goes back to `submitted` for the office to finish the check.
 * The deadline is the server's: on time means before `due_at` by the server's clock.
 */
export async function uploadIntegrationDocuments(db: Db, storage: Storage, ctx: RequestContext, proposalId: string, uploads: IntegrationUpload[]) {
  const { proposal, call } = await ownProposal(db, ctx, proposalId);
  const request = await pendingRequest(db, proposal, ctx.now());
  const saved = [];
  for (const { requirement, file } of uploads) {
    const spec = call.attachments.find((a) => a.key === requirement);
    if (!spec || !request.requirements.includes(requirement)) throw invalid('unknown_requirement', { field: `file.${requirement}` });
    // kinds and size come from the call's requirement, never from the form.
    saved.push(await saveUpload(db, storage, ctx, { ownerType: 'integration_request', ownerId: request.id, purpose: requirement, file, kinds: spec.kinds, maxBytes: spec.maxBytes }));
  }
  return saved;
}

export async function completeIntegration(db: Db, ctx: RequestContext, input: CompleteIntegrationInput) {
  await ownProposal(db, ctx, input.proposalId);
  const note = input.note?.trim() || null;
  return db.transaction(async (tx) => {
    const [proposal] = await tx.select().from(proposals).where(eq(proposals.id, input.proposalId)).for('update').limit(1);
    const now = ctx.now();
    const request = await pendingRequest(tx, proposal!, now);
    const have = new Set((await liveFilesOf(tx, 'integration_request', [request.id])).map((f) => f.purpose));
    const missing = request.requirements.filter((k) => !have.has(k));
    if (missing.length) throw invalid('integration_missing_documents', { field: `file.${missing[0]}`, missing });
    if (request.requirements.length === 0 && !note) throw invalid('integration_note_required', { field: 'note' });

    await tx.update(integrationRequests).set({ completedAt: now, responseNote: note }).where(eq(integrationRequests.id, request.id));
    await changeStatus(tx, { proposal: proposal!, to: transitionTarget.completeIntegration, at: now, actorId: ctx.actor!.userId, note });
    await recordAudit(tx, ctx, {
      action: 'proposal.integration_completed',
      entityType: 'proposal',
      entityId: proposal!.id,
      summary: { requestId: request.id, requirements: request.requirements, note },
    });
    return { requestId: request.id, completedAt: now };
  });
}

/** What the proposer's page shows: the latest request, its documents so far, and whether it is still open. */
export async function getIntegrationForProposer(db: Db, ctx: RequestContext, proposalId: string) {
  const { proposal, call } = await ownProposal(db, ctx, proposalId);
  const [request] = await db
    .select()
    .from(integrationRequests)
    .where(eq(integrationRequests.proposalId, proposal.id))
    .orderBy(desc(integrationRequests.createdAt))
    .limit(1);
  if (!request) return { proposal, call, request: null, items: [], answerable: false, overdue: false };
  const uploaded = await liveFilesOf(db, 'integration_request', [request.id]);
  const items = request.requirements.map((key) => ({
    key,
    spec: call.attachments.find((a) => a.key === key) ?? null,
    files: uploaded.filter((f) => f.purpose === key),
  }));
  const pending = proposal.status === 'integration_requested' && request.completedAt === null;
  const overdue = pending && ctx.now() > request.dueAt;
  return { proposal, call, request, items, answerable: pending && !overdue, overdue };
}

/**
 * The caller's own proposal (policy: proposal.respond), with its call. Whoever may not even see
 * the proposal is told it does not exist; staff, who may see it, are refused: only the proposer answers.
 */
async function ownProposal(db: Queryable, ctx: RequestContext, proposalId: string): Promise<{ proposal: ProposalRow; call: CallRow }> {
  const loaded = await loadProposalFacts(db, proposalId);
  if (!loaded || (ctx.actor && !can(ctx.actor, 'proposal.view', loaded.facts).ok)) throw notFound('not_found');
  authorize(ctx.actor, 'proposal.respond', loaded.facts);
  const [call] = await db.select().from(calls).where(eq(calls.id, loaded.proposal.callId)).limit(1);
  if (!call) throw notFound('not_found');
  return { proposal: loaded.proposal, call };
}

async function pendingRequest(db: Queryable, proposal: ProposalRow, now: Date): Promise<IntegrationRequestRow> {
  if (proposal.status !== 'integration_requested') throw conflict('no_open_integration');
  const request = await openIntegrationRequest(db, proposal.id);
  if (!request) throw conflict('no_open_integration');
  if (now > request.dueAt) throw conflict('integration_overdue', { dueAt: request.dueAt });
  return request;
}
