import { asc, desc, eq, sql } from 'drizzle-orm';
import { coachingAttendance, coachingSessions, incubationSettings, startupMembers, users } from '../../../db/schema/index.ts';
import type { Db, Queryable } from '../../lib/server/db/index.ts';
import type { RequestContext } from '../context.ts';
import { authorize, can } from '../policy.ts';
import { DEFAULT_MIN_ATTENDANCE_PERCENT, type AttendanceTally } from './attendance-rules.ts';
import { pageWithin } from './coach-dashboard.server.ts';
import { findVisibleStartup } from './startup-tx.server.ts';

export const SESSIONS_PAGE_SIZE = 25;

export type Member = { id: string; name: string; role: string; lead: boolean };
export type SessionMark = { memberId: string; present: boolean };
export type SessionItem = {
  id: string;
  heldOn: string;
  minutes: number;
  topics: string[];
  notes: string;
  coachId: string;
  coachName: string;
  marks: SessionMark[];
};

const n = (expr: ReturnType<typeof sql>) => sql<number>`${expr}`.mapWith(Number);

/**
 * A start-up's coaching register for its coach and the office: the team (to mark attendance),
 * one page of sessions with their attendance (aggregated in SQL, newest first), the totals, the
 * attendance rate against the call's minimum, and whether this person may log sessions.
 * Someone who may not even see the start-up hears "not found", as for an id that does not exist.
 */
export async function getCoachingLog(db: Db, ctx: RequestContext, startupId: string, requestedPage = 1) {
  const { startup, facts } = await findVisibleStartup(db, ctx, startupId);
  authorize(ctx.actor, 'startup.coach', facts);
  const [members, summary, minPercent] = await Promise.all([teamOf(db, startupId), summaryOf(db, startupId), minAttendanceOf(db, startup.callId)]);
  const page = pageWithin(requestedPage, summary.sessions, SESSIONS_PAGE_SIZE);
  const sessions = summary.sessions === 0 ? [] : await sessionPage(db, startupId, page);
  return {
    startup,
    members,
    sessions,
    page,
    pageSize: SESSIONS_PAGE_SIZE,
    totals: { sessions: summary.sessions, minutes: summary.minutes },
    attendance: summary as AttendanceTally,
    minAttendancePercent: minPercent,
    canLog: can(ctx.actor, 'coaching.log', facts).ok,
  };
}

export async function teamOf(db: Queryable, startupId: string): Promise<Member[]> {
  return db
    .select({ id: startupMembers.id, name: startupMembers.name, role: startupMembers.role, lead: startupMembers.lead })
    .from(startupMembers)
    .where(eq(startupMembers.startupId, startupId))
    .orderBy(asc(startupMembers.position), asc(startupMembers.name));
}

/** Sessions, minutes and attendance marks of a start-up, in one query. */
export async function summaryOf(db: Queryable, startupId: string): Promise<AttendanceTally & { minutes: number }> {
  const [row] = await db
    .select({
      sessions: n(sql`count(distinct ${coachingSessions.id})`),
      minutes: n(sql`coalesce((select sum(c.minutes) from coaching_sessions c where c.startup_id = ${startupId}), 0)`),
      present: n(sql`count(${coachingAttendance.memberId}) filter (where ${coachingAttendance.present})`),
      expected: n(sql`count(${coachingAttendance.memberId})`),
    })
    .from(coachingSessions)
    .leftJoin(coachingAttendance, eq(coachingAttendance.sessionId, coachingSessions.id))
    .where(eq(coachingSessions.startupId, startupId));
  return row ?? { sessions: 0, minutes: 0, present: 0, expected: 0 };
}

/** The call's attendance minimum (incubation settings), or the default. */
export async function minAttendanceOf(db: Queryable, callId: string): Promise<number> {
  const [row] = await db.select({ min: incubationSettings.minAttendancePercent }).from(incubationSettings).where(eq(incubationSettings.callId, callId));
  return row?.min ?? DEFAULT_MIN_ATTENDANCE_PERCENT;
}

async function sessionPage(db: Queryable, startupId: string, page: number): Promise<SessionItem[]> {
  const marks = sql<SessionMark[]>`(
    select coalesce(json_agg(json_build_object('memberId', a.member_id, 'present', a.present)), '[]'::json)
    from coaching_attendance a where a.session_id = ${coachingSessions.id})`.mapWith((v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v) as SessionMark[]);
  return db
    .select({
      id: coachingSessions.id,
      heldOn: coachingSessions.heldOn,
      minutes: coachingSessions.minutes,
      topics: coachingSessions.topics,
      notes: coachingSessions.notes,
      coachId: coachingSessions.coachId,
      coachName: users.name,
      marks,
    })
    .from(coachingSessions)
    .innerJoin(users, eq(users.id, coachingSessions.coachId))
    .where(eq(coachingSessions.startupId, startupId))
    .orderBy(desc(coachingSessions.heldOn), desc(coachingSessions.createdAt))
    .limit(SESSIONS_PAGE_SIZE)
    .offset((page - 1) * SESSIONS_PAGE_SIZE);
}
