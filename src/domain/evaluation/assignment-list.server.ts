import { and, asc, count, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { callNeighbourhoods, neighbourhoods, proposals, reviewAssignments, users } from '../../../db/schema/index.ts';
import type { Db, Queryable } from '../../lib/server/db/index.ts';
import { listCondition } from '../admissibility/list-proposals.server.ts';
import type { RequestContext } from '../context.ts';
import { notFound } from '../errors.ts';
import { authorize } from '../policy.ts';
import { needsReassignment } from './assignment-state.ts';
import { assignableStatuses, type AssignmentFilter } from './evaluation.schema.ts';
import { evaluatorLoads, evaluatorsOfRow, toBoardEvaluators } from './progress.server.ts';
import { getEvaluationSettings } from './settings.server.ts';

/** The assignment screen: assignable proposals with filters, and one proposal's assignments. */

export const ASSIGN_PAGE_SIZE = 25;

/** Active (not conflicted, not re-scoring) assignments of the row's proposal, counted by the database. */
const activeCount = sql<number>`(select count(*) from ${reviewAssignments} ra
  where ra.proposal_id = ${proposals}.id and ra.status <> 'conflict_declared' and ra.observation_id is null)`.mapWith(Number);
const conflictCount = sql<number>`(select count(*) from ${reviewAssignments} ra
  where ra.proposal_id = ${proposals}.id and ra.status = 'conflict_declared')`.mapWith(Number);

export async function listAssignable(db: Db, ctx: RequestContext, callId: string, filter: AssignmentFilter) {
  authorize(ctx.actor, 'evaluation.manage');
  const { reviewersPerProposal: k } = await getEvaluationSettings(db, callId);
  const where: SQL[] = [listCondition(callId, { status: filter.status, neighbourhoodId: filter.neighbourhoodId, q: filter.q }), inArray(proposals.status, [...assignableStatuses])];
  if (filter.unassigned) where.push(sql`${activeCount} = 0`);
  if (filter.fewerThanK) where.push(sql`${activeCount} < ${k}`);
  const condition = and(...where)!;
  // listCondition searches the proposer's name and email, hence the join.
  const [totalRow] = await db.select({ n: count() }).from(proposals).innerJoin(users, eq(users.id, proposals.proposerId)).where(condition);
  const total = totalRow?.n ?? 0;
  const page = Math.min(filter.page, Math.max(1, Math.ceil(total / ASSIGN_PAGE_SIZE)));
  const rows = total === 0 ? [] : await assignableRows(db, condition, page);
  return {
    k,
    total,
    page,
    pageSize: ASSIGN_PAGE_SIZE,
    rows: rows.map((r) => ({ ...r, evaluators: toBoardEvaluators(r.evaluators), reassign: needsReassignment(r, k) })),
    evaluators: await evaluatorLoads(db, callId),
    neighbourhoods: await neighbourhoodOptions(db, callId),
  };
}

function assignableRows(db: Queryable, where: SQL, page: number) {
  return db
    .select({
      id: proposals.id,
      protocolNumber: proposals.protocolNumber,
      title: proposals.title,
      status: proposals.status,
      neighbourhoodName: neighbourhoods.name,
      active: activeCount,
      conflicts: conflictCount,
      evaluators: evaluatorsOfRow(),
    })
    .from(proposals)
    .innerJoin(users, eq(users.id, proposals.proposerId))
    .leftJoin(neighbourhoods, eq(neighbourhoods.id, proposals.neighbourhoodId))
    .where(where)
    .orderBy(asc(proposals.protocolSeq), asc(proposals.id))
    .limit(ASSIGN_PAGE_SIZE)
    .offset((page - 1) * ASSIGN_PAGE_SIZE);
}

/**
 * One proposal of the call for the manual panel: its assignments, and the members who could
 * still take it (not on it, never conflicted on it), least loaded first.
 */
export async function getProposalAssignments(db: Db, ctx: RequestContext, callId: string, proposalId: string) {
  authorize(ctx.actor, 'evaluation.manage');
  const { reviewersPerProposal: k } = await getEvaluationSettings(db, callId);
  const where = and(listCondition(callId, {}), eq(proposals.id, proposalId));
  const [row] = /^[0-9a-f-]{36}$/i.test(proposalId)
    ? await db
        .select({ id: proposals.id, protocolNumber: proposals.protocolNumber, title: proposals.title, status: proposals.status, active: activeCount, conflicts: conflictCount, evaluators: evaluatorsOfRow() })
        .from(proposals)
        .where(where)
    : [];
  if (!row) throw notFound('not_found');
  const evaluators = toBoardEvaluators(row.evaluators);
  const taken = new Set(evaluators.map((e) => e.evaluatorId));
  const loads = await evaluatorLoads(db, callId);
  const candidates = loads.filter((m) => m.role !== null && m.role !== 'secretary' && !taken.has(m.evaluatorId)).sort((a, b) => a.load - b.load || a.name.localeCompare(b.name));
  const assignable = (assignableStatuses as readonly string[]).includes(row.status);
  return { k, proposal: { ...row, evaluators, reassign: needsReassignment(row, k) }, candidates, assignable };
}

/** The call's target neighbourhoods, or every neighbourhood when the call names none. */
async function neighbourhoodOptions(db: Queryable, callId: string) {
  const linked = await db
    .select({ id: neighbourhoods.id, name: neighbourhoods.name })
    .from(neighbourhoods)
    .innerJoin(callNeighbourhoods, eq(callNeighbourhoods.neighbourhoodId, neighbourhoods.id))
    .where(eq(callNeighbourhoods.callId, callId))
    .orderBy(asc(neighbourhoods.name));
  if (linked.length) return linked;
  return db.select({ id: neighbourhoods.id, name: neighbourhoods.name }).from(neighbourhoods).orderBy(asc(neighbourhoods.name));
}
