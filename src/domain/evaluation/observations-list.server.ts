import { and, asc, count, eq, inArray, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { calls, files, observations, proposals, reviewAssignments, users } from '../../../db/schema/index.ts';
import { isUuid } from '../../lib/ids.ts';
import type { Queryable } from '../../lib/server/db/index.ts';
import type { RequestContext } from '../context.ts';
import { notFound } from '../errors.ts';
import { authorize } from '../policy.ts';
import { rescoreCandidates } from './observations.repo.server.ts';
import { OBSERVATIONS_PAGE_SIZE, type ObservationFilter } from './observations.schema.ts';

const answerer = alias(users, 'answerer');
const rescorer = alias(users, 'rescorer');

/**
 * The back office's observations of a call, oldest first (answered in the order they came),
 * filtered open / answered, 25 a page; for each open one, who may re-score the proposal.
 */
export async function listObservations(db: Queryable, ctx: RequestContext, callId: string, filter: { status: ObservationFilter | null; page: number }) {
  authorize(ctx.actor, 'evaluation.manage');
  if (!isUuid(callId)) throw notFound('call_not_found');
  const [call] = await db.select({ id: calls.id, titleIt: calls.titleIt, titleEn: calls.titleEn }).from(calls).where(eq(calls.id, callId));
  if (!call) throw notFound('call_not_found');

  const ofCall = eq(proposals.callId, callId);
  const where: SQL | undefined = filter.status ? and(ofCall, eq(observations.status, filter.status === 'open' ? 'filed' : 'answered')) : ofCall;
  const counts = await countByStatus(db, callId);
  const total = filter.status === 'open' ? counts.open : filter.status === 'answered' ? counts.answered : counts.open + counts.answered;
  const pages = Math.max(1, Math.ceil(total / OBSERVATIONS_PAGE_SIZE));
  const page = Math.min(filter.page, pages);

  const rows = await db
    .select({
      observation: observations,
      protocol: proposals.protocolNumber,
      title: proposals.title,
      proposalId: proposals.id,
      file: { id: files.id, name: files.originalName, sizeBytes: files.sizeBytes },
      answeredByName: answerer.name,
    })
    .from(observations)
    .innerJoin(proposals, eq(proposals.id, observations.proposalId))
    .leftJoin(files, eq(files.id, observations.fileId))
    .leftJoin(answerer, eq(answerer.id, observations.answeredBy))
    .where(where)
    .orderBy(asc(observations.filedAt), asc(observations.id))
    .limit(OBSERVATIONS_PAGE_SIZE)
    .offset((page - 1) * OBSERVATIONS_PAGE_SIZE);

  const rescorings = await rescoringsOf(db, rows.map((r) => r.observation.id));
  // Who may re-score: for open observations, and for upheld ones with no re-scoring running.
  const needsEvaluator = (r: (typeof rows)[number]) => {
    const rescoring = rescorings.get(r.observation.id);
    return r.observation.status === 'filed' || (r.observation.upheld === true && (!rescoring || rescoring.status === 'conflict_declared'));
  };
  const candidates = await rescoreCandidates(db, callId, [...new Set(rows.filter(needsEvaluator).map((r) => r.proposalId))]);
  return {
    call,
    counts,
    page,
    total,
    pageSize: OBSERVATIONS_PAGE_SIZE,
    rows: rows.map((r) => ({
      ...r,
      file: r.file?.id ? r.file : null,
      candidates: candidates.get(r.proposalId) ?? [],
      rescoring: rescorings.get(r.observation.id) ?? null,
      /** An upheld observation whose re-scoring is still to be entrusted to someone. */
      needsRescorer: r.observation.status === 'answered' && needsEvaluator(r),
    })),
  };
}
export type ObservationList = Awaited<ReturnType<typeof listObservations>>;
export type ObservationListRow = ObservationList['rows'][number];

async function countByStatus(db: Queryable, callId: string) {
  const rows = await db
    .select({ status: observations.status, n: count() })
    .from(observations)
    .innerJoin(proposals, eq(proposals.id, observations.proposalId))
    .where(eq(proposals.callId, callId))
    .groupBy(observations.status);
  const of = (s: 'filed' | 'answered') => rows.find((r) => r.status === s)?.n ?? 0;
  return { open: of('filed'), answered: of('answered') };
}

/** The latest re-scoring of each observation (an earlier one may have ended in a declared conflict). */
async function rescoringsOf(db: Queryable, observationIds: string[]) {
  const out = new Map<string, { evaluatorName: string; status: (typeof reviewAssignments.$inferSelect)['status'] }>();
  if (observationIds.length === 0) return out;
  const rows = await db
    .select({ observationId: reviewAssignments.observationId, evaluatorName: rescorer.name, status: reviewAssignments.status })
    .from(reviewAssignments)
    .innerJoin(rescorer, eq(rescorer.id, reviewAssignments.evaluatorId))
    .where(inArray(reviewAssignments.observationId, observationIds))
    .orderBy(asc(reviewAssignments.assignedAt));
  for (const r of rows) if (r.observationId) out.set(r.observationId, { evaluatorName: r.evaluatorName, status: r.status });
  return out;
}

