import { and, asc, desc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import { callNeighbourhoods, calls, files, neighbourhoods, proposalEvents, proposalSubmissions, proposals, users } from '../../../db/schema/index.ts';
import { isUuid } from '../../lib/ids.ts';
import type { Queryable } from '../../lib/server/db/index.ts';
import type { RequestContext } from '../context.ts';
import { notFound } from '../errors.ts';
import { can } from '../policy.ts';
import { factsOf, type CallRow, type ProposalRow } from './proposal-tx.server.ts';

/** The proposer's read side. Every query here starts from the actor or from the policy. */

export type ProposalFile = Pick<typeof files.$inferSelect, 'id' | 'purpose' | 'originalName' | 'mime' | 'sizeBytes' | 'sha256' | 'createdAt'>;
export type ProposalEvent = Pick<typeof proposalEvents.$inferSelect, 'id' | 'fromStatus' | 'toStatus' | 'at' | 'note'>;
export type SubmissionSummary = Pick<typeof proposalSubmissions.$inferSelect, 'id' | 'seq' | 'submittedAt' | 'contentSha256'>;
export type NeighbourhoodOption = { id: string; name: string };

/** Files currently attached to a proposal (replaced and removed ones are kept for history, not listed). */
export async function listProposalFiles(db: Queryable, proposalId: string): Promise<ProposalFile[]> {
  return db
    .select({ id: files.id, purpose: files.purpose, originalName: files.originalName, mime: files.mime, sizeBytes: files.sizeBytes, sha256: files.sha256, createdAt: files.createdAt })
    .from(files)
    .where(and(eq(files.ownerType, 'proposal'), eq(files.ownerId, proposalId), isNull(files.deletedAt)))
    .orderBy(asc(files.createdAt));
}

export async function callNeighbourhoodOptions(db: Queryable, callId: string): Promise<NeighbourhoodOption[]> {
  return db
    .select({ id: neighbourhoods.id, name: neighbourhoods.name })
    .from(callNeighbourhoods)
    .innerJoin(neighbourhoods, eq(neighbourhoods.id, callNeighbourhoods.neighbourhoodId))
    .where(eq(callNeighbourhoods.callId, callId))
    .orderBy(asc(neighbourhoods.name));
}

export type MyProposal = Pick<ProposalRow, 'id' | 'status' | 'title' | 'protocolNumber' | 'submittedAt' | 'firstSubmittedAt' | 'updatedAt'> & {
  call: Pick<CallRow, 'id' | 'slug' | 'titleIt' | 'titleEn' | 'phase' | 'opensAt' | 'closesAt'>;
};

/** The signed-in person's proposals, newest first; withdrawn ones last. */
export async function listMyProposals(db: Queryable, ctx: RequestContext): Promise<MyProposal[]> {
  const userId = ctx.actor?.userId;
  if (!userId) return [];
  const rows = await db
    .select({
      id: proposals.id, status: proposals.status, title: proposals.title, protocolNumber: proposals.protocolNumber,
      submittedAt: proposals.submittedAt, firstSubmittedAt: proposals.firstSubmittedAt, updatedAt: proposals.updatedAt,
      callId: calls.id, slug: calls.slug, titleIt: calls.titleIt, titleEn: calls.titleEn, phase: calls.phase, opensAt: calls.opensAt, closesAt: calls.closesAt,
    })
    .from(proposals)
    .innerJoin(calls, eq(calls.id, proposals.callId))
    .where(eq(proposals.proposerId, userId))
    .orderBy(sql`${proposals.status} = 'withdrawn'`, desc(proposals.updatedAt));
  return rows.map(({ callId, slug, titleIt, titleEn, phase, opensAt, closesAt, ...p }) => ({ ...p, call: { id: callId, slug, titleIt, titleEn, phase, opensAt, closesAt } }));
}

export type ProposalDetail = {
  proposal: ProposalRow;
  call: CallRow;
  proposer: { name: string; email: string; locale: 'it' | 'en' };
  neighbourhoods: NeighbourhoodOption[];
  files: ProposalFile[];
  events: ProposalEvent[];
  submissions: SubmissionSummary[];
};

/**
 * One proposal with everything its page shows, if the policy lets the actor see it; otherwise
 * `notFound`, exactly as for an id that does not exist.
 */
export async function getProposalDetail(db: Queryable, ctx: RequestContext, proposalId: string): Promise<ProposalDetail> {
  if (!isUuid(proposalId)) throw notFound('proposal_not_found');
  const [row] = await db
    .select({ proposal: proposals, call: calls, proposer: { name: users.name, email: users.email, locale: users.locale } })
    .from(proposals)
    .innerJoin(calls, eq(calls.id, proposals.callId))
    .innerJoin(users, eq(users.id, proposals.proposerId))
    .where(eq(proposals.id, proposalId));
  if (!row || !can(ctx.actor, 'proposal.view', factsOf(row.proposal)).ok) throw notFound('proposal_not_found');
  const [options, attached, events, submissions] = await Promise.all([
    callNeighbourhoodOptions(db, row.call.id),
    listProposalFiles(db, proposalId),
    db
      .select({ id: proposalEvents.id, fromStatus: proposalEvents.fromStatus, toStatus: proposalEvents.toStatus, at: proposalEvents.at, note: proposalEvents.note })
      .from(proposalEvents)
      .where(eq(proposalEvents.proposalId, proposalId))
      .orderBy(asc(proposalEvents.at), asc(proposalEvents.id)),
    db
      .select({ id: proposalSubmissions.id, seq: proposalSubmissions.seq, submittedAt: proposalSubmissions.submittedAt, contentSha256: proposalSubmissions.contentSha256 })
      .from(proposalSubmissions)
      .where(eq(proposalSubmissions.proposalId, proposalId))
      .orderBy(asc(proposalSubmissions.seq)),
  ]);
  return { ...row, neighbourhoods: options, files: attached, events, submissions };
}

/** The latest submission with its snapshot (for the receipt), after the same policy check. */
export async function getLatestSubmission(db: Queryable, ctx: RequestContext, proposalId: string) {
  const detail = await getProposalDetail(db, ctx, proposalId);
  const [submission] = await db
    .select()
    .from(proposalSubmissions)
    .where(eq(proposalSubmissions.proposalId, proposalId))
    .orderBy(desc(proposalSubmissions.seq))
    .limit(1);
  return submission ? { detail, submission } : null;
}

/** A published call by slug, for the "apply" page, with this person's active proposal on it. */
export async function findCallToApply(db: Queryable, ctx: RequestContext, slug: string) {
  const [call] = await db.select().from(calls).where(and(eq(calls.slug, slug), ne(calls.phase, 'draft')));
  if (!call) return null;
  const userId = ctx.actor?.userId;
  const [mine] = userId
    ? await db
        .select({ id: proposals.id, status: proposals.status })
        .from(proposals)
        .where(and(eq(proposals.callId, call.id), eq(proposals.proposerId, userId), ne(proposals.status, 'withdrawn')))
        .limit(1)
    : [];
  return { call, mine: mine ?? null };
}

export async function countSubmissions(db: Queryable, proposalIds: string[]): Promise<Map<string, number>> {
  if (proposalIds.length === 0) return new Map();
  const rows = await db
    .select({ id: proposalSubmissions.proposalId, n: sql<number>`count(*)::int` })
    .from(proposalSubmissions)
    .where(inArray(proposalSubmissions.proposalId, proposalIds))
    .groupBy(proposalSubmissions.proposalId);
  return new Map(rows.map((r) => [r.id, r.n]));
}
