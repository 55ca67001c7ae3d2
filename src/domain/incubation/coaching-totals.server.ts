import { sql } from 'drizzle-orm';
import type { Queryable } from '../../lib/server/db/index.ts';

/** Coaching hours per coach (issue 5, point 4: totals per start-up and per coach). */
export type CoachTotals = { coachId: string; name: string; startups: number; sessions: number; minutes: number };

type Row = Record<string, unknown>;
const rowsOf = (result: unknown): Row[] => (Array.isArray(result) ? result : (result as { rows: Row[] }).rows) as Row[];

/**
 * Every coach who follows a start-up or has logged a session, with the start-ups assigned to
 * them and the sessions and minutes they led (also for start-ups no longer theirs): one query.
 */
export async function coachTotals(db: Queryable, coachId?: string): Promise<CoachTotals[]> {
  const only = coachId ? sql`and u.id = ${coachId}` : sql``;
  const result = await db.execute(sql`
    with assigned as (select sc.coach_id, count(*)::int as startups from startup_coaches sc group by sc.coach_id),
    led as (select c.coach_id, count(*)::int as sessions, sum(c.minutes)::int as minutes from coaching_sessions c group by c.coach_id)
    select u.id, u.name, coalesce(a.startups, 0) as startups, coalesce(l.sessions, 0) as sessions, coalesce(l.minutes, 0) as minutes
    from users u
    left join assigned a on a.coach_id = u.id
    left join led l on l.coach_id = u.id
    where (a.coach_id is not null or l.coach_id is not null) ${only}
    order by u.name, u.id`);
  return rowsOf(result).map((r) => ({
    coachId: String(r.id),
    name: String(r.name),
    startups: Number(r.startups),
    sessions: Number(r.sessions),
    minutes: Number(r.minutes),
  }));
}
