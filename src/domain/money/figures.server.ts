/**
 * Financial progress: the four figures the programme's public records track for every start-up,
 * call and programme (issue 6 point 4; the POLIS 2.0 / PON Metro reports use the same words):
 *
 * - **planned** (programmato)
 *   - start-up: its grant in the latest FINAL ranking of its call (`ranking_entries.grant_cents`;
 *     0 when the call has no final ranking or the start-up is not in it);
 *   - call: the call's budget (`calls.budget_cents`) plus the pledges to the call or to its
 *     start-ups that are legally binding (status `committed` or `disbursed`) — a mere promise
 *     (`pledged`) or a cancelled pledge adds nothing;
 *   - programme: `programmes.programmed_cents`.
 * - **awarded** (ammesso): the grant's `awarded_cents`; for a call or programme the sum over its grants.
 * - **committed** (giuridicamente vincolante): the grant's `committed_cents` (signed grant agreement);
 *   summed the same way.
 * - **disbursed** (erogato): the sum of the disbursements recorded on the grant(s).
 *
 * Every function runs ONE SQL query (aggregates in CTEs or correlated sub-queries, no N+1) and
 * answers integer cents (never floats: bigint sums come back from the drivers as strings and are
 * converted here; they stay far below 2^53).
 */

import { sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../lib/server/db/index.ts';
import type { CallFigures, FourFigures, PledgeTotals, ProgrammeFigures, StartupFigures } from './figures.ts';

export type { CallFigures, FourFigures, PledgeTotals, ProgrammeFigures, StartupFigures } from './figures.ts';
export { sumFigures } from './figures.ts';

type Row = Record<string, unknown>;

/** postgres.js answers raw queries with an array of rows, PGlite with `{ rows }`. */
function rowsOf(result: unknown): Row[] {
  return (Array.isArray(result) ? result : (result as { rows: Row[] }).rows) as Row[];
}

const cents = (v: unknown): number => (v == null ? 0 : Number(v));
const bool = (v: unknown): boolean => v === true || v === 't';

/** `column in (…)` for a given id list; `true` when no filter was asked for. */
function idFilter(column: SQL, ids: readonly string[] | undefined): SQL {
  if (ids === undefined) return sql`true`;
  return sql`${column} in (${sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  )})`;
}

const fourFigures = (r: Row): FourFigures => ({
  plannedCents: cents(r.planned_cents),
  awardedCents: cents(r.awarded_cents),
  committedCents: cents(r.committed_cents),
  disbursedCents: cents(r.disbursed_cents),
});

/** The four figures of each start-up (optionally only the given ones or those of one call), by name. */
export async function startupFigures(db: Queryable, filter: { startupIds?: readonly string[]; callId?: string } = {}): Promise<StartupFigures[]> {
  if (filter.startupIds?.length === 0) return [];
  const byCall = filter.callId ? sql`s.call_id = ${filter.callId}::uuid` : sql`true`;
  const rankingByCall = filter.callId ? sql`r.call_id = ${filter.callId}::uuid` : sql`true`;
  const result = await db.execute(sql`
    with latest_final as (
      select distinct on (r.call_id) r.id, r.call_id
      from rankings r
      where r.kind = 'final' and ${rankingByCall}
      order by r.call_id, r.published_at desc, r.id
    )
    select s.id, s.name, s.slug, s.call_id, s.public_consent, g.id as grant_id,
      coalesce(e.grant_cents, 0) as planned_cents,
      coalesce(g.awarded_cents, 0) as awarded_cents,
      coalesce(g.committed_cents, 0) as committed_cents,
      coalesce((select sum(d.amount_cents) from disbursements d where d.grant_id = g.id), 0) as disbursed_cents
    from startups s
    left join latest_final lf on lf.call_id = s.call_id
    left join ranking_entries e on e.ranking_id = lf.id and e.proposal_id = s.proposal_id
    left join grants g on g.startup_id = s.id
    where ${byCall} and ${idFilter(sql`s.id`, filter.startupIds)}
    order by s.name, s.id`);
  return rowsOf(result).map((r) => ({
    id: String(r.id),
    name: String(r.name),
    slug: String(r.slug),
    callId: String(r.call_id),
    publicConsent: bool(r.public_consent),
    grantId: r.grant_id == null ? null : String(r.grant_id),
    ...fourFigures(r),
  }));
}

/**
 * The four figures of each call (optionally only the given ones, those of one programme, or only
 * published ones — never drafts on public pages), the latest opening first.
 */
export async function callFigures(
  db: Queryable,
  filter: { callIds?: readonly string[]; programmeId?: string; publishedOnly?: boolean } = {},
): Promise<CallFigures[]> {
  if (filter.callIds?.length === 0) return [];
  const byProgramme = filter.programmeId ? sql`c.programme_id = ${filter.programmeId}::uuid` : sql`true`;
  const published = filter.publishedOnly ? sql`c.phase <> 'draft'` : sql`true`;
  const result = await db.execute(sql`
    with scope as (
      select c.id, c.slug, c.title_it, c.title_en, c.programme_id, c.budget_cents, c.opens_at
      from calls c
      where ${byProgramme} and ${published} and ${idFilter(sql`c.id`, filter.callIds)}
    ),
    granted as (
      select g.call_id, count(*) as grant_count, sum(g.awarded_cents) as awarded_cents, sum(g.committed_cents) as committed_cents
      from grants g join scope on scope.id = g.call_id
      group by g.call_id
    ),
    paid as (
      select g.call_id, sum(d.amount_cents) as disbursed_cents
      from disbursements d join grants g on g.id = d.grant_id join scope on scope.id = g.call_id
      group by g.call_id
    ),
    backed as (
      select p.call_id, sum(p.amount_cents) as pledged_cents
      from pledges p join scope on scope.id = p.call_id
      where p.status in ('committed', 'disbursed')
      group by p.call_id
    )
    select scope.*, coalesce(backed.pledged_cents, 0) as pledged_cents,
      scope.budget_cents + coalesce(backed.pledged_cents, 0) as planned_cents,
      coalesce(granted.grant_count, 0) as grant_count,
      coalesce(granted.awarded_cents, 0) as awarded_cents,
      coalesce(granted.committed_cents, 0) as committed_cents,
      coalesce(paid.disbursed_cents, 0) as disbursed_cents
    from scope
    left join granted on granted.call_id = scope.id
    left join paid on paid.call_id = scope.id
    left join backed on backed.call_id = scope.id
    order by scope.opens_at desc, scope.slug`);
  return rowsOf(result).map((r) => ({
    id: String(r.id),
    slug: String(r.slug),
    titleIt: String(r.title_it),
    titleEn: String(r.title_en),
    programmeId: String(r.programme_id),
    budgetCents: cents(r.budget_cents),
    pledgedCents: cents(r.pledged_cents),
    grantCount: Number(r.grant_count),
    ...fourFigures(r),
  }));
}

/**
 * The four figures of each programme (optionally only the given ones), by code. `publishedOnly`:
 * only programmes with a published call, and `callCount` counts published calls only.
 */
export async function programmeFigures(db: Queryable, filter: { programmeIds?: readonly string[]; publishedOnly?: boolean } = {}): Promise<ProgrammeFigures[]> {
  if (filter.programmeIds?.length === 0) return [];
  const published = filter.publishedOnly ? sql`c.phase <> 'draft'` : sql`true`;
  const hasPublished = filter.publishedOnly ? sql`exists (select 1 from calls c where c.programme_id = p.id and ${published})` : sql`true`;
  const result = await db.execute(sql`
    with scope as (
      select p.id, p.code, p.cup, p.title_it, p.title_en, p.office, p.rup_name, p.programmed_cents
      from programmes p
      where ${hasPublished} and ${idFilter(sql`p.id`, filter.programmeIds)}
    ),
    call_count as (
      select c.programme_id, count(*) as call_count from calls c join scope on scope.id = c.programme_id where ${published} group by c.programme_id
    ),
    granted as (
      select c.programme_id, sum(g.awarded_cents) as awarded_cents, sum(g.committed_cents) as committed_cents
      from grants g join calls c on c.id = g.call_id join scope on scope.id = c.programme_id
      group by c.programme_id
    ),
    paid as (
      select c.programme_id, sum(d.amount_cents) as disbursed_cents
      from disbursements d join grants g on g.id = d.grant_id join calls c on c.id = g.call_id join scope on scope.id = c.programme_id
      group by c.programme_id
    )
    select scope.id, scope.code, scope.cup, scope.title_it, scope.title_en, scope.office, scope.rup_name,
      scope.programmed_cents as planned_cents,
      coalesce(call_count.call_count, 0) as call_count,
      coalesce(granted.awarded_cents, 0) as awarded_cents,
      coalesce(granted.committed_cents, 0) as committed_cents,
      coalesce(paid.disbursed_cents, 0) as disbursed_cents
    from scope
    left join call_count on call_count.programme_id = scope.id
    left join granted on granted.programme_id = scope.id
    left join paid on paid.programme_id = scope.id
    order by scope.code`);
  return rowsOf(result).map((r) => ({
    id: String(r.id),
    code: String(r.code),
    cup: r.cup == null ? null : String(r.cup),
    titleIt: String(r.title_it),
    titleEn: String(r.title_en),
    office: r.office == null ? null : String(r.office),
    rupName: r.rup_name == null ? null : String(r.rup_name),
    callCount: Number(r.call_count),
    ...fourFigures(r),
  }));
}

/** Pledge sums by current status, over every pledge or those to one call (its fund and its start-ups). */
export async function pledgeTotals(db: Queryable, filter: { callId?: string } = {}): Promise<PledgeTotals> {
  const byCall = filter.callId ? sql`p.call_id = ${filter.callId}::uuid` : sql`true`;
  const result = await db.execute(sql`
    select
      coalesce(sum(p.amount_cents) filter (where p.status = 'pledged'), 0) as pledged_cents,
      coalesce(sum(p.amount_cents) filter (where p.status = 'committed'), 0) as committed_cents,
      coalesce(sum(p.amount_cents) filter (where p.status = 'disbursed'), 0) as disbursed_cents,
      coalesce(sum(p.amount_cents) filter (where p.status = 'cancelled'), 0) as cancelled_cents,
      count(*) as count
    from pledges p
    where ${byCall}`);
  const r = rowsOf(result)[0] ?? {};
  return {
    pledgedCents: cents(r.pledged_cents),
    committedCents: cents(r.committed_cents),
    disbursedCents: cents(r.disbursed_cents),
    cancelledCents: cents(r.cancelled_cents),
    count: Number(r.count ?? 0),
  };
}
