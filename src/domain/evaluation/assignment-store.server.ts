import { and, asc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { proposalEvents, proposals, reviewAssignments } from '../../../db/schema/index.ts';
import type { Queryable } from '../../lib/server/db/index.ts';
import { staffVisible } from '../admissibility/admissibility.repo.server.ts';
import type { RequestContext } from '../context.ts';
import { invalid } from '../errors.ts';
import { transitions, transitionTarget } from '../proposals/workflow.ts';
import type { Pair } from './auto-assign.ts';
import { scoringMemberIds } from './commission.server.ts';
import { assignableStatuses } from './evaluation.schema.ts';

/** Queries shared by the assignment use cases; all run inside their transaction (call locked). */

const CHUNK = 10_000;

/** Proposals of the call that may receive evaluators, in protocol order; `ids` narrows them. */
export async function assignableProposals(tx: Queryable, callId: string, ids?: readonly string[]): Promise<string[]> {
  const where: SQL[] = [staffVisible(callId), inArray(proposals.status, [...assignableStatuses])];
  if (ids) where.push(inArray(proposals.id, [...ids]));
  const rows = await tx.select({ id: proposals.id }).from(proposals).where(and(...where)).orderBy(asc(proposals.protocolSeq));
  return rows.map((r) => r.id);
}

/**
 * Who is on which proposal (`existing`: active, not conflicted) and who declared a conflict, for the call's
 * assignable proposals or only some. Re-scoring after an observation is not counted: that is a
 * separate, later assignment.
 */
export async function assignmentPairs(tx: Queryable, callId: string, ids?: readonly string[]) {
  const where: SQL[] = [eq(proposals.callId, callId), inArray(proposals.status, [...assignableStatuses]), isNull(reviewAssignments.observationId)];
  if (ids) where.push(inArray(reviewAssignments.proposalId, [...ids]));
  const rows = await tx
    .select({ proposalId: reviewAssignments.proposalId, evaluatorId: reviewAssignments.evaluatorId, status: reviewAssignments.status })
    .from(reviewAssignments)
    .innerJoin(proposals, eq(proposals.id, reviewAssignments.proposalId))
    .where(and(...where));
  const pair = (r: (typeof rows)[number]): Pair => ({ proposalId: r.proposalId, evaluatorId: r.evaluatorId });
  return {
    existing: rows.filter((r) => r.status !== 'conflict_declared').map(pair),
    conflicts: rows.filter((r) => r.status === 'conflict_declared').map(pair),
  };
}

/** Only the commission's scoring members may be assigned. */
export async function requireMembers(tx: Queryable, callId: string, evaluatorIds: readonly string[], field = 'evaluatorIds'): Promise<string[]> {
  const members = await scoringMemberIds(tx, callId);
  if (evaluatorIds.some((id) => !members.includes(id))) throw invalid('not_a_member', { field });
  return members;
}

/**
 * Inserts the assignments with one timestamp; returns them with their ids. One statement per
 * 10,000 pairs, the pairs passed as two uuid arrays (unnest): an automatic assignment of 30,000
 * rows costs three round trips, not thirty, and no 120,000 bound parameters.
 */
export async function insertAssignments(tx: Queryable, ctx: RequestContext, pairs: readonly Pair[], now: Date) {
  const created: { id: string; proposalId: string; evaluatorId: string }[] = [];
  const uuids = (ids: string[]) => `{${ids.join(',')}}`;
  for (let i = 0; i < pairs.length; i += CHUNK) {
    const chunk = pairs.slice(i, i + CHUNK);
    const result = await tx.execute(sql`
      insert into ${reviewAssignments} (proposal_id, evaluator_id, assigned_at, assigned_by)
      select p, e, ${now.toISOString()}::timestamptz, ${ctx.actor?.userId ?? null}::uuid
      from unnest(${uuids(chunk.map((c) => c.proposalId))}::uuid[], ${uuids(chunk.map((c) => c.evaluatorId))}::uuid[]) with ordinality as t(p, e, n)
      order by n
      returning id, proposal_id, evaluator_id`);
    const rows = rowsOf<{ id: string; proposal_id: string; evaluator_id: string }>(result);
    created.push(...rows.map((r) => ({ id: r.id, proposalId: r.proposal_id, evaluatorId: r.evaluator_id })));
  }
  return created;
}

/**
 * Back to review every proposal of the call that now has an evaluator still to score, with its
 * timeline event, in one statement whatever the number; returns the proposals moved. Two
 * transitions of the workflow, both to `in_review`: `startReview` for an admissible proposal with
 * an active (not conflicted) evaluator, and `reopenReview` for a scored one that was given a new
 * evaluator (a replacement after a late conflict, or one more to reach k) who has not sent a
 * sheet yet. Re-scorings after an observation are not counted: they concern ranked proposals.
 */
export async function startReviewWhereAssigned(tx: Queryable, ctx: RequestContext, callId: string, now: Date): Promise<string[]> {
  const to = transitionTarget.startReview;
  const statuses = (list: readonly string[]) => sql.join(list.map((s) => sql`${s}::proposal_status`), sql`, `);
  const at = sql`${now.toISOString()}::timestamptz`;
  const result = await tx.execute(sql`
    with ready as (
      select id, status from ${proposals}
      where call_id = ${callId} and (
        (status in (${statuses(transitions.startReview)})
          and exists (select 1 from ${reviewAssignments} ra where ra.proposal_id = ${proposals}.id and ra.status <> 'conflict_declared'))
        or (status in (${statuses(transitions.reopenReview)})
          and exists (select 1 from ${reviewAssignments} ra where ra.proposal_id = ${proposals}.id and ra.observation_id is null
            and ra.status in ('assigned', 'in_progress')))
      )
      for update
    ), moved as (
      update ${proposals} p set status = ${to}::proposal_status, updated_at = ${at}
      from ready where p.id = ready.id
      returning p.id, ready.status as from_status
    )
    insert into ${proposalEvents} (proposal_id, from_status, to_status, at, actor_id)
    select id, from_status, ${to}::proposal_status, ${at}, ${ctx.actor?.userId ?? null}::uuid from moved
    returning proposal_id`);
  return rowsOf<{ proposal_id: string }>(result).map((r) => r.proposal_id);
}

/** postgres.js answers raw queries with an array of rows, PGlite with `{ rows }`. */
function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as T[];
}
