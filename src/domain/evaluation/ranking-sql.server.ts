import { sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../lib/server/db/index.ts';
import { transitions } from '../proposals/workflow.ts';
import { UNITS_PER_POINT, type Outcome, type RankedEntry, type RankingMethod } from './ranking-rules.ts';

/**
 * The ranking of ranking-rules.ts computed by the database in one query, so 10,000 proposals
 * never travel to the application to be ranked. Each CTE is one rule:
 *   crit          the rubric's criteria (a VALUES list: the planner knows there are a few)
 *   candidates    proposals that may be ranked (the `rank` transition's statuses), their grant
 *   counting      submitted assignments that count (a re-scoring after an observation supersedes)
 *   raw           their points, per evaluator and rubric criterion
 *   by_evaluator, by_criterion   integer sums n, Σx, Σx² in bigint (normalisation only)
 *   units         each score in ten-thousandths of a point, normalised or not (materialised:
 *                 computed once per score, not once per criterion column below)
 *   scores        one row per proposal: per criterion the sum of units and their count (or the
 *                 consensus points), one column pair per criterion, in a single aggregation
 *   scored        per criterion the mean in hundredths rounded half up; total, the points in rubric
 *                 order (the tie-break array, returned as the criteria), failed sub-thresholds
 *   ordered       position by window function; lined: running sum of grants for the funding line
 * The normalisation's float arithmetic uses the same operations in the same order as the
 * TypeScript (one sqrt of an exact integer, then + − × ÷), so both give bit-identical results.
 */

export type RankingRow = RankedEntry & { protocolNumber: string | null };

const list = (parts: SQL[], sep = sql`, `) => sql.join(parts, sep);
const rankable = list(transitions.rank.map((s) => sql`${s}`));
const PER = UNITS_PER_POINT / 100;

/** The ranking query as a fragment, ordered by nothing: callers sort by `position`. */
export function rankingQuery(callId: string, method: RankingMethod): SQL {
  const crit = list(method.criteria.map((c, i) => sql`(${c.key}::text, ${i}::int, ${c.maxPoints}::int)`));
  const maxGrant = sql`${method.maxGrantCents}::bigint`;
  const cp = method.criteria.map((_, i) => sql.raw(`cp${i}`));
  const perCriterion = method.consolidation === 'consensus' ? consensusCps(method) : meanCps(method);
  const zero = (i: number) => sql`coalesce(${cp[i]!}, 0)`;
  const failed = method.criteria.flatMap((c, i) => (c.threshold == null ? [] : [sql`case when ${zero(i)} < ${c.threshold * 100}::int then ${c.key}::text end`]));
  const eligible = sql`cardinality(failed) = 0 and total >= ${method.threshold * 100}::int`;
  return sql`
    with crit as (select * from (values ${crit}) as c(key, ord, max_points)),
    candidates as not materialized (
      select p.id, p.protocol_number, p.protocol_seq, p.first_submitted_at,
        greatest(0, case when ${maxGrant} > 0 then least(coalesce(p.requested_cents, ${maxGrant}), ${maxGrant})
                         else coalesce(p.requested_cents, 0) end)::bigint as grant_cents
      from proposals p
      where p.call_id = ${callId}::uuid and p.status in (${rankable})
    ),
    ${perCriterion},
    scored as (
      select c.*, ${list(cp)},
        (${list(cp.map((_, i) => zero(i)), sql` + `)})::int as total,
        array[${list(cp.map((_, i) => zero(i)))}]::int[] as tie,
        ${failed.length ? sql`array_remove(array[${list(failed)}]::text[], null)` : sql`'{}'::text[]`} as failed,
        (${list(cp.map((c) => sql`${c} is not null`), sql` and `)}) as complete
      from candidates c left join per_proposal s on s.proposal_id = c.id
    ),
    ordered as (
      select *, (${eligible}) as eligible,
        row_number() over (order by (${eligible}) desc, total desc, tie desc, first_submitted_at asc nulls last, protocol_seq asc nulls last, id asc) as position
      from scored
    ),
    lined as (
      select *, sum(case when eligible then grant_cents else 0 end) over (order by position rows between unbounded preceding and current row) as running
      from ordered
    )
    select id as proposal_id, protocol_number, position::int as position, total as score_centipoints, tie, failed as failed_thresholds, eligible, complete,
      (case when not eligible then 'below_threshold' when running <= ${method.budgetCents}::bigint then 'funded' else 'eligible_not_funded' end)::ranking_outcome as outcome,
      (case when eligible and running <= ${method.budgetCents}::bigint then grant_cents else 0 end)::bigint as grant_cents,
      grant_cents as requested_grant_cents
    from lined`;
}

/** `per_proposal` with `cp<i>`: the president's points per criterion, in hundredths (null when missing). */
function consensusCps(method: RankingMethod): SQL {
  const columns = method.criteria.map((c, i) => sql`sum(cs.points * 100) filter (where cs.criterion = ${c.key}::text)::int as ${sql.raw(`cp${i}`)}`);
  return sql`per_proposal as (
      select cs.proposal_id, ${list(columns)}
      from consensus_scores cs join candidates c on c.id = cs.proposal_id
      group by cs.proposal_id)`;
}

/** `per_proposal` with `cp<i>`: rules 1–3, the mean of the counting scores, optionally normalised. */
function meanCps(method: RankingMethod): SQL {
  const sums = method.criteria.map(
    (c, i) => sql`sum(u) filter (where key = ${c.key}::text) as ${sql.raw(`s${i}`)}, count(u) filter (where key = ${c.key}::text) as ${sql.raw(`n${i}`)}`,
  );
  const means = method.criteria.map((_, i) => {
    const [s, n] = [sql.raw(`s${i}`), sql.raw(`n${i}`)];
    return sql`case when ${n} > 0 then ((${s}::bigint + ${PER / 2} * ${n}) / (${PER} * ${n}))::int end as ${sql.raw(`cp${i}`)}`;
  });
  return sql`
    rescored as (
      select distinct a.proposal_id from review_assignments a join candidates c on c.id = a.proposal_id
      where a.status = 'submitted' and a.observation_id is not null
    ),
    counting as (
      select a.id, a.proposal_id, a.evaluator_id
      from review_assignments a join candidates c on c.id = a.proposal_id left join rescored x on x.proposal_id = a.proposal_id
      where a.status = 'submitted' and (a.observation_id is not null) = (x.proposal_id is not null)
    ),
    raw as (
      select s.proposal_id, s.evaluator_id, k.key, k.max_points, r.points::bigint as x
      from counting s join review_scores r on r.assignment_id = s.id join crit k on k.key = r.criterion
    ),
    ${method.normalise ? normalisedUnits() : sql`units as (select proposal_id, key, x * ${UNITS_PER_POINT} as u from raw)`},
    sums as (select proposal_id, ${list(sums)} from units group by proposal_id),
    per_proposal as (select proposal_id, ${list(means)} from sums)`;
}

/** Rule 3 in SQL; see ranking-rules.ts `normaliser` for the same steps in TypeScript. */
function normalisedUnits(): SQL {
  return sql`
    by_evaluator as (select evaluator_id, key, count(*) as n, sum(x)::bigint as s1, sum(x * x)::bigint as s2 from raw group by evaluator_id, key),
    by_criterion as (select key, count(*) as n, sum(x)::bigint as s1, sum(x * x)::bigint as s2 from raw group by key),
    units as materialized (
      select r.proposal_id, r.key, floor(least(greatest(
          (a.s1::float8 / a.n::float8)
          + (case when e.n * e.s2 - e.s1 * e.s1 > 0
               then (r.x::float8 - e.s1::float8 / e.n::float8) / (sqrt((e.n * e.s2 - e.s1 * e.s1)::float8) / e.n::float8)
               else 0::float8 end)
            * (sqrt((a.n * a.s2 - a.s1 * a.s1)::float8) / a.n::float8),
          0::float8), r.max_points::float8) * ${UNITS_PER_POINT}::float8 + 0.5::float8)::bigint as u
      from raw r
      join by_evaluator e on e.evaluator_id = r.evaluator_id and e.key = r.key
      join by_criterion a on a.key = r.key
    )`;
}

type Row = Record<string, unknown>;

/** Runs the ranking query and returns its rows in ranking order. */
export async function computeRankingSql(db: Queryable, callId: string, method: RankingMethod): Promise<RankingRow[]> {
  if (method.criteria.length === 0) return [];
  const result = await db.execute(sql`select * from (${rankingQuery(callId, method)}) r order by position`);
  const keys = method.criteria.map((c) => c.key);
  return rowsOf(result).map((r) => toEntry(r, keys));
}

export function rowsOf(result: unknown): Row[] {
  return (Array.isArray(result) ? result : (result as { rows: Row[] }).rows) as Row[];
}

/**
 * Drivers return bigint columns as strings or bigints: numbers here (all are safe integers). The
 * per-criterion points come back as the tie-break array, in rubric order.
 */
function toEntry(r: Row, keys: readonly string[]): RankingRow {
  const tie = parseIntArray(r.tie);
  return {
    proposalId: String(r.proposal_id),
    protocolNumber: (r.protocol_number as string | null) ?? null,
    position: Number(r.position),
    scoreCentipoints: Number(r.score_centipoints),
    criteria: Object.fromEntries(keys.map((k, i) => [k, tie[i] ?? 0])),
    failedThresholds: (r.failed_thresholds as string[] | null) ?? [],
    eligible: r.eligible === true || r.eligible === 't',
    complete: r.complete === true || r.complete === 't',
    outcome: r.outcome as Outcome,
    grantCents: Number(r.grant_cents),
    requestedGrantCents: Number(r.requested_grant_cents),
  };
}

/** int[] arrives as an array, or as the text `{1,2,3}` from a driver that does not parse it. */
function parseIntArray(value: unknown): number[] {
  if (Array.isArray(value)) return value.map(Number);
  return String(value ?? '').replace(/[{}]/g, '').split(',').filter(Boolean).map(Number);
}
