import { sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../src/lib/server/db/index.ts';

/**
 * The money invariants as independent SQL (not the domain's code): every query lists the rows that
 * break one rule, so an empty answer everywhere means the money holds. Used after every step of the
 * property-based run, by the race tests and by the seed test. Not a test file.
 *
 * `scope(column)` limits a rule to one call (its `call_id` column), or to everything.
 */
type Scope = (callColumn: SQL) => SQL;

const rules: Record<string, (scope: Scope) => SQL> = {
  // awarded ≤ resources = budget + binding pledges to the call and its start-ups
  awarded_within_resources: (scope) => sql`
    select c.id from calls c
    where ${scope(sql`c.id`)} and (select coalesce(sum(g.awarded_cents), 0) from grants g where g.call_id = c.id)
      > c.budget_cents + (select coalesce(sum(p.amount_cents), 0) from pledges p where p.call_id = c.id and p.status in ('committed', 'disbursed'))`,
  // Every grant can be paid from money that may pay it (src/domain/money/funding-pool.ts, written
  // again here as SQL): what each start-up is still owed, less what is left of the pledges only it
  // may use; per neighbourhood, the sum of that less what is left of the pledges reserved to the
  // neighbourhood; the total must fit in the budget not yet paid plus what is left of the
  // unrestricted pledges (a theme the call lists restricts nothing; one it does not list pays nobody).
  grants_covered_by_usable_money: (scope) => sql`
    with pledge_left as (
      select p.call_id, p.startup_id, p.neighbourhood_id,
        case
          when p.theme is not null and not (p.theme = any(c.themes)) then 'nobody'
          when p.startup_id is not null then (case when p.neighbourhood_id is null or p.neighbourhood_id = ps.neighbourhood_id then 'startup' else 'nobody' end)
          when p.neighbourhood_id is not null then 'neighbourhood'
          else 'shared'
        end as reach,
        p.amount_cents - (select coalesce(sum(d.amount_cents), 0) from disbursements d where d.pledge_id = p.id) as left_cents
      from pledges p join calls c on c.id = p.call_id left join startups ps on ps.id = p.startup_id
      where ${scope(sql`p.call_id`)} and p.status in ('committed', 'disbursed')
    ),
    startup_need as (
      select s.call_id, s.neighbourhood_id, greatest(0,
        (select coalesce(sum(g.awarded_cents), 0) from grants g where g.startup_id = s.id)
        - (select coalesce(sum(d.amount_cents), 0) from disbursements d join grants g on g.id = d.grant_id where g.startup_id = s.id)
        - (select coalesce(sum(l.left_cents), 0) from pledge_left l where l.reach = 'startup' and l.startup_id = s.id)) as need
      from startups s where ${scope(sql`s.call_id`)}
    ),
    area_need as (
      select n.call_id, case when n.neighbourhood_id is null then sum(n.need) else greatest(0, sum(n.need)
        - (select coalesce(sum(l.left_cents), 0) from pledge_left l where l.reach = 'neighbourhood' and l.call_id = n.call_id and l.neighbourhood_id = n.neighbourhood_id)) end as need
      from startup_need n group by n.call_id, n.neighbourhood_id
    )
    select c.id from calls c
    where ${scope(sql`c.id`)} and (select coalesce(sum(a.need), 0) from area_need a where a.call_id = c.id) > c.budget_cents
      - (select coalesce(sum(d.amount_cents), 0) from disbursements d join grants g on g.id = d.grant_id where g.call_id = c.id and d.source = 'programme')
      + (select coalesce(sum(l.left_cents), 0) from pledge_left l where l.reach = 'shared' and l.call_id = c.id)`,
  // programme money paid ≤ the call's budget
  programme_within_budget: (scope) => sql`
    select c.id from calls c
    where ${scope(sql`c.id`)} and (select coalesce(sum(d.amount_cents), 0) from disbursements d join grants g on g.id = d.grant_id where g.call_id = c.id and d.source = 'programme') > c.budget_cents`,
  grant_within_max: (scope) => sql`select g.id from grants g join calls c on c.id = g.call_id where ${scope(sql`g.call_id`)} and g.awarded_cents > c.max_grant_cents`,
  committed_within_awarded: (scope) => sql`select g.id from grants g where ${scope(sql`g.call_id`)} and (g.committed_cents > g.awarded_cents or g.committed_cents < 0)`,
  disbursed_within_committed: (scope) => sql`
    select g.id from grants g where ${scope(sql`g.call_id`)} and (select coalesce(sum(d.amount_cents), 0) from disbursements d where d.grant_id = g.id) > g.committed_cents`,
  tranches_total_award: (scope) => sql`
    select g.id from grants g where ${scope(sql`g.call_id`)} and (select coalesce(sum(t.amount_cents), 0) from tranches t where t.grant_id = g.id) <> g.awarded_cents`,
  disbursed_tranche_has_payment: (scope) => sql`
    select t.id from tranches t join grants g on g.id = t.grant_id left join disbursements d on d.tranche_id = t.id
    where ${scope(sql`g.call_id`)} and ((t.status = 'disbursed') <> (d.id is not null) or (d.id is not null and (d.amount_cents <> t.amount_cents or d.grant_id <> t.grant_id)))`,
  pledge_drawn_within_amount: (scope) => sql`
    select p.id from pledges p where ${scope(sql`p.call_id`)} and (select coalesce(sum(d.amount_cents), 0) from disbursements d where d.pledge_id = p.id) > p.amount_cents`,
  pledge_status_matches_draws: (scope) => sql`
    select p.id from pledges p cross join lateral (select coalesce(sum(d.amount_cents), 0) as drawn from disbursements d where d.pledge_id = p.id) x
    where ${scope(sql`p.call_id`)} and ((p.status = 'disbursed') <> (x.drawn = p.amount_cents) or (p.status in ('pledged', 'cancelled') and x.drawn > 0))`,
  pledge_draw_matches_target: (scope) => sql`
    select d.id from disbursements d join pledges p on p.id = d.pledge_id join grants g on g.id = d.grant_id join startups s on s.id = g.startup_id join calls c on c.id = g.call_id
    where ${scope(sql`g.call_id`)} and (p.call_id <> g.call_id or (p.startup_id is not null and p.startup_id <> g.startup_id)
       or (p.neighbourhood_id is not null and p.neighbourhood_id is distinct from s.neighbourhood_id)
       or (p.theme is not null and not (p.theme = any(c.themes))))`,
  tranche_approved_has_approver: (scope) => sql`
    select t.id from tranches t join grants g on g.id = t.grant_id where ${scope(sql`g.call_id`)} and t.status in ('approved', 'disbursed') and t.approved_at is null`,
};

function rowsOf(result: unknown): Record<string, unknown>[] {
  return (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Record<string, unknown>[];
}

/** Broken rules with the ids of the offending rows (all calls, or one); `{}` when every invariant holds. */
export async function moneyViolations(db: Queryable, callId?: string): Promise<Record<string, string[]>> {
  const scope: Scope = (column) => (callId ? sql`${column} = ${callId}::uuid` : sql`true`);
  // All rules in one round trip: `(rule, id)` for every offending row.
  const query = sql.join(
    Object.entries(rules).map(([name, rule]) => sql`select ${name}::text as rule, id::text as id from (${rule(scope)}) as ${sql.identifier(name)}`),
    sql` union all `,
  );
  const broken: Record<string, string[]> = {};
  for (const row of rowsOf(await db.execute(query))) (broken[String(row.rule)] ??= []).push(String(row.id));
  return broken;
}

/** The type of every money column (`…_cents`): all must be 64-bit integers, never float or numeric. */
export async function moneyColumnTypes(db: Queryable): Promise<Record<string, string>> {
  const rows = rowsOf(
    await db.execute(sql`
      select table_name || '.' || column_name as name, data_type from information_schema.columns
      where table_schema = 'public' and column_name like '%\\_cents'`),
  );
  return Object.fromEntries(rows.map((r) => [String(r.name), String(r.data_type)]));
}
