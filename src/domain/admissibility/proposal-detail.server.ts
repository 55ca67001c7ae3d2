import { and, asc, desc, eq } from 'drizzle-orm';
import { admissibilityChecks, integrationRequests, neighbourhoods, proposalEvents, proposalSubmissions, proposals, users } from '../../../db/schema/index.ts';
import type { Db, Queryable } from '../../lib/server/db/index.ts';
import type { RequestContext } from '../context.ts';
import { notFound } from '../errors.ts';
import { authorize } from '../policy.ts';
import { canTransition } from '../proposals/workflow.ts';
import { isUuid, liveFilesOf, requireCall, staffVisible } from './admissibility.repo.server.ts';
import { answersView } from './answers-view.ts';
import { requirementsFor } from './requirements.ts';
import { admissibilityOpen } from './window.ts';

/**
 * Everything the office needs to judge one proposal: answers against the call's questions, files,
 * team, every submission with its hash, the timeline, the formal check and soccorso istruttorio.
 */
export async function getProposalForStaff(db: Db, ctx: RequestContext, callId: string, proposalId: string) {
  authorize(ctx.actor, 'proposal.list');
  if (!isUuid(proposalId)) throw notFound('not_found');
  const call = await requireCall(db, callId);
  const [row] = await db
    .select({ proposal: proposals, proposerName: users.name, proposerEmail: users.email, neighbourhoodName: neighbourhoods.name })
    .from(proposals)
    .innerJoin(users, eq(users.id, proposals.proposerId))
    .leftJoin(neighbourhoods, eq(neighbourhoods.id, proposals.neighbourhoodId))
    .where(and(eq(proposals.id, proposalId), staffVisible(callId)))
    .limit(1);
  if (!row) throw notFound('not_found');
  const { proposal } = row;

  const requests = await integrationRequestsOf(db, proposal.id);
  const attachments = await liveFilesOf(db, 'proposal', [proposal.id]);
  const requestFiles = await liveFilesOf(db, 'integration_request', requests.map((r) => r.id));
  const uploaded = new Set([...attachments, ...requestFiles].map((f) => f.purpose));
  const fileNames = new Map(attachments.map((f) => [f.id, f.originalName]));
  const open = admissibilityOpen(call, ctx.now());

  return {
    call,
    proposal,
    proposer: { name: row.proposerName, email: row.proposerEmail },
    neighbourhoodName: row.neighbourhoodName,
    answers: answersView(call.questions, proposal.answers, fileNames),
    attachments,
    submissions: await submissionsOf(db, proposal.id),
    timeline: await timelineOf(db, proposal.id),
    requirements: requirementsFor(call, proposal, uploaded),
    checks: await checksOf(db, proposal.id),
    integrationRequests: requests.map((r) => ({ ...r, files: requestFiles.filter((f) => f.ownerId === r.id) })),
    /** What the office may do now: the state machine and the call's phase both agree. */
    can: {
      check: open && (proposal.status === 'submitted' || proposal.status === 'integration_requested'),
      requestIntegration: open && canTransition(proposal.status, 'requestIntegration'),
      declare: open && canTransition(proposal.status, 'declareAdmissible'),
    },
    admissibilityOpen: open,
  };
}

function submissionsOf(db: Queryable, proposalId: string) {
  return db
    .select({ seq: proposalSubmissions.seq, submittedAt: proposalSubmissions.submittedAt, contentSha256: proposalSubmissions.contentSha256 })
    .from(proposalSubmissions)
    .where(eq(proposalSubmissions.proposalId, proposalId))
    .orderBy(asc(proposalSubmissions.seq));
}

function timelineOf(db: Queryable, proposalId: string) {
  return db
    .select({ id: proposalEvents.id, fromStatus: proposalEvents.fromStatus, toStatus: proposalEvents.toStatus, at: proposalEvents.at, note: proposalEvents.note, actorName: users.name })
    .from(proposalEvents)
    .leftJoin(users, eq(users.id, proposalEvents.actorId))
    .where(eq(proposalEvents.proposalId, proposalId))
    .orderBy(asc(proposalEvents.at), asc(proposalEvents.id));
}

function checksOf(db: Queryable, proposalId: string) {
  return db
    .select({
      requirement: admissibilityChecks.requirement,
      met: admissibilityChecks.met,
      motivation: admissibilityChecks.motivation,
      checkedAt: admissibilityChecks.checkedAt,
      checkedByName: users.name,
    })
    .from(admissibilityChecks)
    .leftJoin(users, eq(users.id, admissibilityChecks.checkedBy))
    .where(eq(admissibilityChecks.proposalId, proposalId));
}

function integrationRequestsOf(db: Queryable, proposalId: string) {
  return db
    .select({
      id: integrationRequests.id,
      message: integrationRequests.message,
      requirements: integrationRequests.requirements,
      dueAt: integrationRequests.dueAt,
      createdAt: integrationRequests.createdAt,
      completedAt: integrationRequests.completedAt,
      responseNote: integrationRequests.responseNote,
      requestedByName: users.name,
    })
    .from(integrationRequests)
    .leftJoin(users, eq(users.id, integrationRequests.requestedBy))
    .where(eq(integrationRequests.proposalId, proposalId))
    .orderBy(desc(integrationRequests.createdAt));
}

export type StaffProposalDetail = Awaited<ReturnType<typeof getProposalForStaff>>;
