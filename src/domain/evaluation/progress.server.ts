import { and, asc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { proposals, reviewAssignments, users } from '../../../db/schema/index.ts';
import type { Db, Queryable } from '../../lib/server/db/index.ts';
import type { RequestContext } from '../context.ts';
import { authorize } from '../policy.ts';
import type { ProposalStatus } from '../proposals/workflow.ts';
import { assignmentState, type AssignmentState } from './assignment-state.ts';
import { listMembers, type CommissionRole } from './commission.server.ts';
import type { BoardFilter, BoardView } from './evaluation.schema.ts';
import { getEvaluationSettings } from './settings.server.ts';

/**
 * The staff progress board of a call. Three queries whatever the size: counts per evaluator and
 * state (one GROUP BY over the assignments), counts of proposals per view, and one page of
 * proposals with their evaluators aggregated in SQL (json_agg) — no query per row.
 */

export const BOARD_PAGE_SIZE = 50;

/** Proposals that entered evaluation: from admissible to the ranking's outcomes. */
export const evaluatedStatuses = ['admissible', 'in_review', 'scored', 'funded', 'eligible_not_funded', 'below_threshold', 'incubated'] as const satisfies readonly ProposalStatus[];

export type BoardEvaluator = { assignmentId: string; evaluatorId: string; name: string; state: AssignmentState; rescoring: boolean };
export type EvaluatorLoad = { evaluatorId: string; name: string; role: CommissionRole | null; load: number; done: number; pending: number; conflicts: number };
export type ViewCounts = Record<BoardView, number>;

const inEvaluation = (callId: string): SQL => and(eq(proposals.callId, callId), inArray(proposals.status, [...evaluatedStatuses]))!;
const n = (expr: SQL) => sql<number>`${expr}`.mapWith(Number);

export async function getProgressBoard(db: Db, ctx: RequestContext, callId: string, filter: BoardFilter) {
  authorize(ctx.actor, 'evaluation.manage');
  const { reviewersPerProposal: k } = await getEvaluationSettings(db, callId);
  const evaluators = await evaluatorLoads(db, callId);
  const totals = evaluators.reduce(
    (t, e) => ({ assigned: t.assigned + e.load, done: t.done + e.done, pending: t.pending + e.pending, conflicts: t.conflicts + e.conflicts }),
    { assigned: 0, done: 0, pending: 0, conflicts: 0 },
  );
  const stats = perProposal(db, callId);
  const views = await viewCounts(db, stats, k);
  const total = views[filter.view];
  const pages = Math.max(1, Math.ceil(total / BOARD_PAGE_SIZE));
  const page = Math.min(filter.page, pages);
  const rows = total === 0 ? [] : await boardRows(db, stats, viewCondition(stats, filter.view, k), page);
  return { k, totals, evaluators, views, rows, total, page, pageSize: BOARD_PAGE_SIZE };
}

/** Per evaluator: load (active assignments), done, pending and conflicts; members with nothing yet included. */
export async function evaluatorLoads(db: Queryable, callId: string): Promise<EvaluatorLoad[]> {
  const status = reviewAssignments.status;
  const rows = await db
    .select({
      evaluatorId: reviewAssignments.evaluatorId,
      name: users.name,
      load: n(sql`count(*) filter (where ${status} <> 'conflict_declared')`),
      done: n(sql`count(*) filter (where ${status} = 'submitted')`),
      conflicts: n(sql`count(*) filter (where ${status} = 'conflict_declared')`),
    })
    .from(reviewAssignments)
    .innerJoin(proposals, eq(proposals.id, reviewAssignments.proposalId))
    .innerJoin(users, eq(users.id, reviewAssignments.evaluatorId))
    .where(inEvaluation(callId))
    .groupBy(reviewAssignments.evaluatorId, users.name);
  const members = await listMembers(db, callId);
  const byId = new Map(rows.map((r) => [r.evaluatorId, r]));
  const out: EvaluatorLoad[] = members.map((m) => {
    const r = byId.get(m.userId);
    return { evaluatorId: m.userId, name: m.name, role: m.role, load: r?.load ?? 0, done: r?.done ?? 0, pending: (r?.load ?? 0) - (r?.done ?? 0), conflicts: r?.conflicts ?? 0 };
  });
  // Former members keep their history (declared conflicts) on the board.
  for (const r of rows) if (!members.some((m) => m.userId === r.evaluatorId)) out.push({ ...r, role: null, pending: r.load - r.done });
  return out;
}

/** One row per proposal in evaluation with its counts of active, submitted and conflicted assignments. */
function perProposal(db: Queryable, callId: string) {
  const status = reviewAssignments.status;
  return db
    .select({
      id: proposals.id,
      seq: sql<number>`${proposals.protocolSeq}`.as('seq'),
      active: n(sql`count(${reviewAssignments.id}) filter (where ${status} <> 'conflict_declared')`).as('active'),
      submitted: n(sql`count(${reviewAssignments.id}) filter (where ${status} = 'submitted')`).as('submitted'),
      conflicts: n(sql`count(${reviewAssignments.id}) filter (where ${status} = 'conflict_declared')`).as('conflicts'),
    })
    .from(proposals)
    .leftJoin(reviewAssignments, and(eq(reviewAssignments.proposalId, proposals.id), isNull(reviewAssignments.observationId)))
    .where(inEvaluation(callId))
    .groupBy(proposals.id)
    .as('s');
}
type Stats = ReturnType<typeof perProposal>;

function viewCondition(s: Stats, view: BoardView, k: number): SQL | undefined {
  switch (view) {
    case 'pending':
      return sql`${s.active} > ${s.submitted}`;
    case 'conflicts':
      return sql`${s.conflicts} > 0 and ${s.active} < ${k}`;
    case 'unassigned':
      return sql`${s.active} = 0`;
    case 'done':
      return sql`${s.active} > 0 and ${s.active} = ${s.submitted}`;
    default:
      return undefined;
  }
}

async function viewCounts(db: Queryable, s: Stats, k: number): Promise<ViewCounts> {
  const filtered = (view: BoardView) => n(sql`count(*) filter (where ${viewCondition(s, view, k)})`);
  const [row] = await db
    .select({ all: n(sql`count(*)`), pending: filtered('pending'), conflicts: filtered('conflicts'), unassigned: filtered('unassigned'), done: filtered('done') })
    .from(s);
  return row ?? { all: 0, pending: 0, conflicts: 0, unassigned: 0, done: 0 };
}

type RawEvaluator = { assignmentId: string; evaluatorId: string; name: string; status: 'assigned' | 'conflict_declared' | 'in_progress' | 'submitted'; cleared: boolean; rescoring: boolean };

/**
 * The evaluators of the proposal in the current row (`proposals.id` of the outer query), as one
 * JSON array built by the database: lists show them without a query per row.
 */
export function evaluatorsOfRow() {
  return sql<RawEvaluator[]>`(
    select coalesce(json_agg(json_build_object(
      'assignmentId', ra.id, 'evaluatorId', ra.evaluator_id, 'name', u.name, 'status', ra.status,
      'cleared', ra.no_conflict_declared_at is not null, 'rescoring', ra.observation_id is not null
    ) order by ra.observation_id nulls first, u.name, ra.id), '[]'::json)
    from ${reviewAssignments} ra join ${users} u on u.id = ra.evaluator_id
    where ra.proposal_id = ${proposals}.id)`.mapWith((v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v) as RawEvaluator[]);
}

export function toBoardEvaluators(raw: readonly RawEvaluator[]): BoardEvaluator[] {
  return raw.map((e) => ({ assignmentId: e.assignmentId, evaluatorId: e.evaluatorId, name: e.name, state: assignmentState(e.status, e.cleared), rescoring: e.rescoring }));
}

/**
 * One page: the page's proposals are chosen first (ids and counts, in protocol order), and only
 * those 50 get their evaluators aggregated. Computed in the same SELECT as the OFFSET, the JSON
 * would be built for every skipped row too (seconds on the last page of 10,000).
 */
async function boardRows(db: Queryable, s: Stats, where: SQL | undefined, page: number) {
  const slice = db
    .select({ id: s.id, seq: s.seq, active: s.active, submitted: s.submitted, conflicts: s.conflicts })
    .from(s)
    .where(where)
    .orderBy(asc(s.seq), asc(s.id))
    .limit(BOARD_PAGE_SIZE)
    .offset((page - 1) * BOARD_PAGE_SIZE)
    .as('page');
  const rows = await db
    .select({
      id: proposals.id,
      protocolNumber: proposals.protocolNumber,
      title: proposals.title,
      status: proposals.status,
      active: slice.active,
      submitted: slice.submitted,
      conflicts: slice.conflicts,
      evaluators: evaluatorsOfRow(),
    })
    .from(slice)
    .innerJoin(proposals, eq(proposals.id, slice.id))
    .orderBy(asc(slice.seq), asc(proposals.id));
  return rows.map((r) => ({ ...r, evaluators: toBoardEvaluators(r.evaluators) }));
}
