import { and, asc, eq, inArray, isNotNull, isNull, ne, type SQL } from 'drizzle-orm';
import { calls, files, integrationRequests, proposalEvents, proposals, users } from '../../../db/schema/index.ts';
import type { Queryable } from '../../lib/server/db/index.ts';
import type { Locale } from '../../lib/i18n/locales.ts';
import { notFound } from '../errors.ts';
import type { ProposalStatus } from '../proposals/workflow.ts';

export type CallRow = typeof calls.$inferSelect;
export type ProposalRow = typeof proposals.$inferSelect;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string) => UUID.test(value);

/**
 * What staff may read: a proposal once it has been protocolled (submitted at least once), unless
 * it is a draft right now (reopened by its proposer before the deadline). Drafts are the
 * proposer's work in progress; the office sees only what was formally sent.
 */
export function staffVisible(callId: string): SQL {
  return and(eq(proposals.callId, callId), isNotNull(proposals.protocolSeq), ne(proposals.status, 'draft'))!;
}

export async function findCall(db: Queryable, callId: string): Promise<CallRow | null> {
  if (!isUuid(callId)) return null;
  const [row] = await db.select().from(calls).where(eq(calls.id, callId)).limit(1);
  return row ?? null;
}

export async function requireCall(db: Queryable, callId: string): Promise<CallRow> {
  const call = await findCall(db, callId);
  if (!call) throw notFound('not_found');
  return call;
}

/**
 * A proposal staff may act on, locked for the rest of the transaction so two colleagues (or the
 * proposer answering) cannot change it at the same time; its call is read under a share lock so
 * a deadline extension cannot slip in between the check and the change.
 */
export async function lockStaffProposal(tx: Queryable, proposalId: string): Promise<{ proposal: ProposalRow; call: CallRow }> {
  if (!isUuid(proposalId)) throw notFound('not_found');
  const [proposal] = await tx.select().from(proposals).where(eq(proposals.id, proposalId)).for('update').limit(1);
  if (!proposal || proposal.protocolSeq === null || proposal.status === 'draft') throw notFound('not_found');
  const [call] = await tx.select().from(calls).where(eq(calls.id, proposal.callId)).for('share').limit(1);
  if (!call) throw notFound('not_found');
  return { proposal, call };
}

export async function changeStatus(
  tx: Queryable,
  input: { proposal: ProposalRow; to: ProposalStatus; at: Date; actorId: string | null; note: string | null; motivation?: string | null },
): Promise<void> {
  const { proposal, to, at, actorId, note } = input;
  await tx
    .update(proposals)
    .set({ status: to, updatedAt: at, ...(input.motivation !== undefined ? { decisionMotivation: input.motivation } : {}) })
    .where(eq(proposals.id, proposal.id));
  await tx.insert(proposalEvents).values({ proposalId: proposal.id, fromStatus: proposal.status, toStatus: to, at, actorId, note });
}

export async function proposerContact(db: Queryable, userId: string): Promise<{ email: string; name: string; locale: Locale }> {
  const [row] = await db.select({ email: users.email, name: users.name, locale: users.locale }).from(users).where(eq(users.id, userId)).limit(1);
  if (!row) throw notFound('not_found');
  return row;
}

/** The request still waiting for an answer, if any (at most one: a new one needs `submitted`). */
export async function openIntegrationRequest(db: Queryable, proposalId: string) {
  const [row] = await db
    .select()
    .from(integrationRequests)
    .where(and(eq(integrationRequests.proposalId, proposalId), isNull(integrationRequests.completedAt)))
    .orderBy(integrationRequests.createdAt)
    .limit(1);
  return row ?? null;
}

/** Live files (not replaced or removed) attached to some owners, oldest first. */
export async function liveFilesOf(db: Queryable, ownerType: 'proposal' | 'integration_request', ownerIds: readonly string[]) {
  if (ownerIds.length === 0) return [];
  return db
    .select({
      id: files.id,
      ownerId: files.ownerId,
      purpose: files.purpose,
      originalName: files.originalName,
      mime: files.mime,
      sizeBytes: files.sizeBytes,
      sha256: files.sha256,
      createdAt: files.createdAt,
    })
    .from(files)
    .where(and(eq(files.ownerType, ownerType), inArray(files.ownerId, [...ownerIds]), isNull(files.deletedAt)))
    .orderBy(asc(files.createdAt));
}

/** Links in emails and on pages: the proposer's side lives under /{lang}/me/proposals. */
export const proposerLinks = {
  proposal: (origin: string, locale: Locale, id: string) => `${origin}/${locale}/me/proposals/${id}`,
  integration: (origin: string, locale: Locale, id: string) => `${origin}/${locale}/me/proposals/${id}/integration`,
};

/** Attachment keys with at least one live file: in the proposal, or sent later on request. */
export async function uploadedPurposes(db: Queryable, proposalId: string): Promise<Set<string>> {
  const requestIds = await db.select({ id: integrationRequests.id }).from(integrationRequests).where(eq(integrationRequests.proposalId, proposalId));
  const own = await liveFilesOf(db, 'proposal', [proposalId]);
  const later = await liveFilesOf(db, 'integration_request', requestIds.map((r) => r.id));
  return new Set([...own, ...later].map((f) => f.purpose));
}
