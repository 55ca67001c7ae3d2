import { asc, eq } from 'drizzle-orm';
import { coachingAttendance, coachingSessions, milestones, monitoringReports, startupMembers, startups } from '../schema/index.ts';
import type { Queryable } from '../../src/lib/server/db/index.ts';
import { romeDayStart } from '../../src/lib/format.ts';
import { addDays } from '../../src/domain/incubation/milestone-plan.ts';
import { stageOf } from '../../src/domain/incubation/milestone-stage.ts';
import { romeToday } from '../../src/domain/incubation/risk-rules.ts';
import { demoReports, demoSessionMinutes, demoSessions } from './coaching-texts.ts';

/**
 * Coaching and monitoring demo (issue 5, points 4 and 6), written to the same tables the use cases
 * write, for start-ups whose plans exist (oldest first):
 * - a session every two weeks from the first week of incubation until yesterday, by the demo
 *   coach, with the team's attendance: nearly everyone every time, except the second start-up
 *   (the first if alone), where only the lead comes regularly — below the call's minimum;
 * - for each monitoring report already due: handed in by the lead a few days before the due day
 *   and approved with the coach's feedback, except the latest one due of the oldest start-up,
 *   which is overdue: not handed in, or (when it is its only one) sent back with changes requested
 *   that the team has not made yet. Both raise the risk flag on the dashboards.
 * Idempotent: a start-up with sessions gets no more; a report already written is left alone.
 */
export type SeedCoachingOptions = { startups: readonly { id: string; createdAt: Date }[]; coachUserId: string; now?: Date };
export type SeedCoachingResult = { sessions: number; marks: number; reports: number; approved: number; overdue: number };

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Sessions every two weeks, the first one week in; at most a year and a half of them. */
const FIRST_AFTER_DAYS = 7;
const EVERY_DAYS = 14;
const MAX_SESSIONS = 40;

export async function seedCoaching(tx: Queryable, o: SeedCoachingOptions): Promise<SeedCoachingResult> {
  const now = o.now ?? new Date();
  const result: SeedCoachingResult = { sessions: 0, marks: 0, reports: 0, approved: 0, overdue: 0 };
  const lowAttendance = o.startups.length > 1 ? 1 : 0;
  for (const [i, startup] of o.startups.entries()) {
    const members = await tx.select().from(startupMembers).where(eq(startupMembers.startupId, startup.id)).orderBy(asc(startupMembers.position));
    await seedSessions(tx, { startup, members, coachUserId: o.coachUserId, now, low: i === lowAttendance }, result);
    const lead = members.find((m) => m.userId !== null)?.userId ?? null;
    await seedReports(tx, { startupId: startup.id, leadUserId: lead, coachUserId: o.coachUserId, now, late: i === 0 }, result);
  }
  return result;
}

type Member = typeof startupMembers.$inferSelect;
type SessionsInput = { startup: { id: string; createdAt: Date }; members: Member[]; coachUserId: string; now: Date; low: boolean };

async function seedSessions(tx: Queryable, s: SessionsInput, result: SeedCoachingResult): Promise<void> {
  const existing = await tx.select({ id: coachingSessions.id }).from(coachingSessions).where(eq(coachingSessions.startupId, s.startup.id)).limit(1);
  if (existing.length > 0) return;
  const today = romeToday(s.now);
  let day = addDays(romeToday(s.startup.createdAt), FIRST_AFTER_DAYS);
  for (let n = 0; n < MAX_SESSIONS && day < today; n += 1, day = addDays(day, EVERY_DAYS)) {
    const text = demoSessions[sessionText(n)]!;
    const [session] = await tx
      .insert(coachingSessions)
      .values({
        startupId: s.startup.id,
        coachId: s.coachUserId,
        heldOn: day,
        minutes: demoSessionMinutes[n % demoSessionMinutes.length]!,
        topics: text.topics,
        notes: text.notes,
        createdAt: new Date(romeDayStart(day).getTime() + 19 * HOUR),
      })
      .returning({ id: coachingSessions.id });
    if (s.members.length === 0) continue;
    await tx.insert(coachingAttendance).values(s.members.map((m, j) => ({ sessionId: session!.id, memberId: m.id, present: present(n, j, s.low) })));
    result.sessions += 1;
    result.marks += s.members.length;
  }
}

/** The path's topics in order, then the last four (the ongoing work) in turn. */
function sessionText(n: number): number {
  const ongoing = Math.min(4, demoSessions.length);
  return n < demoSessions.length ? n : demoSessions.length - ongoing + ((n - demoSessions.length) % ongoing);
}

/**
 * Who came: with low attendance the lead (first member) always, the others every other time
 * (with three members, 2 of 3 marks: under 80 %); otherwise everyone, but for one member missing
 * every fifth session.
 */
function present(session: number, member: number, low: boolean): boolean {
  if (low) return member === 0 || (session + member) % 2 === 0;
  return !(member === 1 && session % 5 === 4);
}

type ReportsInput = { startupId: string; leadUserId: string | null; coachUserId: string; now: Date; late: boolean };

async function seedReports(tx: Queryable, r: ReportsInput, result: SeedCoachingResult): Promise<void> {
  const today = romeToday(r.now);
  const plan = await tx.select().from(milestones).where(eq(milestones.startupId, r.startupId)).orderBy(asc(milestones.position));
  const due = plan.filter((m) => m.kind === 'monitoring' && m.dueOn < today);
  const written = await tx.select({ id: monitoringReports.milestoneId }).from(monitoringReports).where(eq(monitoringReports.startupId, r.startupId));
  if (written.length > 0) return;
  for (const [k, m] of due.entries()) {
    const last = k === due.length - 1;
    if (r.late && last && due.length > 1) {
      result.overdue += 1;
      continue;
    }
    const sentBack = r.late && last;
    const text = demoReports[k % demoReports.length]!;
    const base = romeDayStart(m.dueOn).getTime() + 10 * HOUR;
    const at = (days: number) => new Date(Math.min(base + days * DAY, r.now.getTime() - HOUR));
    await tx.insert(monitoringReports).values({
      milestoneId: m.id,
      startupId: r.startupId,
      peopleServed: 48 + 15 * k,
      jobsCreated: 2 + k,
      revenueCents: 362_500 + 118_000 * k,
      volunteers: 6 + 2 * k,
      narrative: text.narrative,
      submittedBy: r.leadUserId,
      submittedAt: at(-3),
      feedback: sentBack ? text.changes : text.approval,
      feedbackBy: r.coachUserId,
      feedbackAt: at(4),
    });
    await tx
      .update(milestones)
      .set({
        status: sentBack ? 'changes_requested' : 'approved',
        approvedAt: sentBack ? null : at(4),
        approvedBy: sentBack ? null : r.coachUserId,
        version: m.version + 2,
        updatedAt: at(4),
      })
      .where(eq(milestones.id, m.id));
    m.status = sentBack ? 'changes_requested' : 'approved';
    result.reports += 1;
    if (sentBack) result.overdue += 1;
    else result.approved += 1;
  }
  const stage = stageOf(plan);
  if (stage && due.length > 0) await tx.update(startups).set({ stage }).where(eq(startups.id, r.startupId));
}
