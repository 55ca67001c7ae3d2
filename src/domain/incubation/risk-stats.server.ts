import { sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../lib/server/db/index.ts';
import { DEFAULT_MIN_ATTENDANCE_PERCENT, MIN_SESSIONS_FOR_ATTENDANCE, type AttendanceTally } from './attendance-rules.ts';
import type { MilestoneKind } from './milestone-plan.ts';
import type { MilestoneStatus } from './milestone-workflow.ts';
import { riskReasons, type RiskReason } from './risk-rules.ts';

/**
 * The figures both dashboards show per start-up, computed by the database in one statement per
 * list: overdue milestones and reports, coaching sessions and minutes, attendance marks, the call's
 * minimum, the next open milestone and the coaches. Aggregates are grouped per start-up over the
 * list's scope first (no query per row); the next milestone and the coaches are looked up only for
 * the page's rows.
 */

export type NextMilestone = { id: string; kind: MilestoneKind; titleIt: string; titleEn: string; dueOn: string; status: MilestoneStatus; overdue: boolean };

export type StartupStats = {
  id: string;
  name: string;
  callTitleIt: string;
  callTitleEn: string;
  next: NextMilestone | null;
  overdueMilestones: number;
  overdueReports: number;
  attendance: AttendanceTally;
  minutes: number;
  minAttendancePercent: number;
  coaches: { id: string; name: string }[];
  reasons: RiskReason[];
};

export type StatsScope = { coachId?: string; atRiskOnly?: boolean };

type Row = Record<string, unknown>;
const rowsOf = (result: unknown): Row[] => (Array.isArray(result) ? result : (result as { rows: Row[] }).rows) as Row[];

/** The start-ups a list covers: a coach's, or all of them. */
function scopeIds(scope: StatsScope): SQL {
  return scope.coachId ? sql`select sc.startup_id from startup_coaches sc where sc.coach_id = ${scope.coachId}` : sql`select s0.id from startups s0`;
}

/**
 * One row per start-up in scope with its counts and `at_risk`. `at_risk` mirrors `riskReasons`
 * (src/domain/incubation/risk-rules.ts): overdue work, or attendance under the minimum after
 * enough sessions, compared in integers.
 */
function statsQuery(today: string, scope: StatsScope): SQL {
  const ids = scopeIds(scope);
  return sql`
    with sess as (
      select c.startup_id, count(*)::int as sessions, sum(c.minutes)::int as minutes
      from coaching_sessions c where c.startup_id in (${ids}) group by c.startup_id
    ), att as (
      select c.startup_id, (count(*) filter (where a.present))::int as present, count(*)::int as expected
      from coaching_attendance a join coaching_sessions c on c.id = a.session_id
      where c.startup_id in (${ids}) group by c.startup_id
    ), late as (
      select m.startup_id, (count(*) filter (where m.kind <> 'monitoring'))::int as milestones, (count(*) filter (where m.kind = 'monitoring'))::int as reports
      from milestones m where m.startup_id in (${ids}) and m.status <> 'approved' and m.due_on < ${today}::date group by m.startup_id
    ), base as (
      select s.id, s.name, s.call_id, coalesce(st.min_attendance_percent, ${DEFAULT_MIN_ATTENDANCE_PERCENT})::int as min_percent,
        coalesce(late.milestones, 0) as overdue_milestones, coalesce(late.reports, 0) as overdue_reports,
        coalesce(sess.sessions, 0) as sessions, coalesce(sess.minutes, 0) as minutes,
        coalesce(att.present, 0) as present, coalesce(att.expected, 0) as expected
      from startups s
      left join incubation_settings st on st.call_id = s.call_id
      left join sess on sess.startup_id = s.id
      left join att on att.startup_id = s.id
      left join late on late.startup_id = s.id
      where s.id in (${ids})
    )
    select base.*, (
      base.overdue_milestones + base.overdue_reports > 0
      or (base.sessions >= ${MIN_SESSIONS_FOR_ATTENDANCE} and base.expected > 0 and base.present * 100 < base.min_percent * base.expected)
    ) as at_risk
    from base`;
}

/** How many start-ups the list covers and how many of them are at risk. */
async function countStartupStats(db: Queryable, today: string, scope: StatsScope): Promise<{ total: number; atRisk: number }> {
  const [row] = rowsOf(await db.execute(sql`select count(*)::int as total, (count(*) filter (where x.at_risk))::int as at_risk from (${statsQuery(today, scope)}) x`));
  return { total: Number(row?.total ?? 0), atRisk: Number(row?.at_risk ?? 0) };
}

export type StatsPage = { rows: StartupStats[]; all: number; atRisk: number; total: number; page: number };

/**
 * One page of start-ups, those at risk first, then by name, with the counts of the whole scope
 * (all, at risk) computed in the same statement by window functions over the unfiltered rows. Only
 * a page past the end (no rows) costs a second look: the counts, then the last page.
 */
export async function pageStartupStats(db: Queryable, today: string, scope: StatsScope, requested: number, pageSize: number): Promise<StatsPage> {
  const page = Math.max(1, Math.trunc(requested) || 1);
  const first = await listStartupStats(db, today, scope, pageSize, page);
  if (first.rows.length > 0) return { ...first, total: scope.atRiskOnly ? first.atRisk : first.all, page };
  const counts = await countStartupStats(db, today, scope);
  const total = scope.atRiskOnly ? counts.atRisk : counts.total;
  const last = Math.max(1, Math.ceil(total / pageSize));
  const rows = total > 0 && last !== page ? (await listStartupStats(db, today, scope, pageSize, last)).rows : [];
  return { rows, all: counts.total, atRisk: counts.atRisk, total, page: last };
}

async function listStartupStats(db: Queryable, today: string, scope: StatsScope, pageSize: number, page: number) {
  const filter = scope.atRiskOnly ? sql`where y.at_risk` : sql``;
  const result = await db.execute(sql`
    select p.*, c.title_it as call_title_it, c.title_en as call_title_en,
      nm.id as next_id, nm.kind::text as next_kind, nm.title_it as next_title_it, nm.title_en as next_title_en,
      nm.due_on::text as next_due_on, nm.status::text as next_status,
      (select coalesce(json_agg(json_build_object('id', u.id, 'name', u.name) order by u.name), '[]'::json)
         from startup_coaches sc join users u on u.id = sc.coach_id where sc.startup_id = p.id)::text as coaches
    from (
      select y.* from (
        select x.*, (count(*) over ())::int as n_all, (count(*) filter (where x.at_risk) over ())::int as n_risk from (${statsQuery(today, scope)}) x
      ) y ${filter}
      order by y.at_risk desc, y.name, y.id limit ${pageSize} offset ${(page - 1) * pageSize}
    ) p
    join calls c on c.id = p.call_id
    left join lateral (
      select m.id, m.kind, m.title_it, m.title_en, m.due_on, m.status from milestones m
      where m.startup_id = p.id and m.status <> 'approved' order by m.due_on, m.position limit 1
    ) nm on true
    order by p.at_risk desc, p.name, p.id`);
  const raw = rowsOf(result);
  return { rows: raw.map((r) => toStats(r, today)), all: Number(raw[0]?.n_all ?? 0), atRisk: Number(raw[0]?.n_risk ?? 0) };
}

function toStats(r: Row, today: string): StartupStats {
  const attendance = { sessions: Number(r.sessions), present: Number(r.present), expected: Number(r.expected) };
  const overdueMilestones = Number(r.overdue_milestones);
  const overdueReports = Number(r.overdue_reports);
  const minAttendancePercent = Number(r.min_percent);
  return {
    id: String(r.id),
    name: String(r.name),
    callTitleIt: String(r.call_title_it),
    callTitleEn: String(r.call_title_en),
    next: r.next_id ? toNext(r, today) : null,
    overdueMilestones,
    overdueReports,
    attendance,
    minutes: Number(r.minutes),
    minAttendancePercent,
    coaches: JSON.parse(String(r.coaches)) as { id: string; name: string }[],
    reasons: riskReasons({ overdueMilestones, overdueReports, attendance, minAttendancePercent }),
  };
}

function toNext(r: Row, today: string): NextMilestone {
  const dueOn = String(r.next_due_on);
  return {
    id: String(r.next_id),
    kind: r.next_kind as MilestoneKind,
    titleIt: String(r.next_title_it),
    titleEn: String(r.next_title_en),
    dueOn,
    status: r.next_status as MilestoneStatus,
    // The next open milestone is the earliest due: overdue exactly when its day has passed.
    overdue: dueOn < today,
  };
}
