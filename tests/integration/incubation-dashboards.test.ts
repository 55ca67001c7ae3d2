import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { incubationSettings, milestones } from '../../db/schema/index.ts';
import { coachDashboard, DASHBOARD_PAGE_SIZE } from '../../src/domain/incubation/coach-dashboard.server.ts';
import { logCoachingSession } from '../../src/domain/incubation/coaching-session.server.ts';
import { incubationBoard, parseBoardQuery } from '../../src/domain/incubation/risk-board.server.ts';
import { createCall, createStartup, createUser, type TestUser } from '../factories/index.ts';
import { useTestDb } from '../support/db.ts';
import { as, coachedStartup } from './coaching-setup.ts';
import { domainError } from './helpers.ts';

const t = useTestDb();
const now = new Date('2026-03-10T10:00:00Z');

/** Sessions on consecutive Mondays, with `present` of the team's members ticked each time. */
async function sessions(coach: TestUser, startupId: string, memberIds: string[], count: number, present: number, minutes = 60) {
  for (let i = 0; i < count; i += 1) {
    const heldOn = `2026-02-${String(2 + i * 7).padStart(2, '0')}`;
    await logCoachingSession(t.db, as(coach, now), { startupId, heldOn, minutes, topics: ['Avanzamento'], notes: '', present: memberIds.slice(0, present) });
  }
}

/**
 * Four start-ups on the default plan (first milestone due 30 days after the start, the next 30 days later):
 * - "A Late" (coach Anna): started 15 Jan 2026, its first milestone (due 14 Feb) overdue;
 * - "B Absent" (Anna): started 1 Mar 2026, milestones on time, 3 sessions with 1 of 3 members present (33 %);
 * - "C Fine" (Anna): on time, 3 sessions all present;
 * - "D Report" (coach Bruno): its first monitoring report overdue, nothing else.
 */
async function fourStartups() {
  const anna = await createUser(t.db, 'coach', { name: 'Anna Coach' });
  const bruno = await createUser(t.db, 'coach', { name: 'Bruno Coach' });
  const call = await createCall(t.db, 'closed');
  const late = await coachedStartup(t.db, { callId: call.id, coachIds: [anna.id], planFrom: '2026-01-15', name: 'A Late' });
  const absent = await coachedStartup(t.db, { callId: call.id, coachIds: [anna.id], planFrom: '2026-03-01', name: 'B Absent' });
  const fine = await coachedStartup(t.db, { callId: call.id, coachIds: [anna.id], planFrom: '2026-03-01', name: 'C Fine' });
  const report = await coachedStartup(t.db, { callId: call.id, coachIds: [bruno.id], planFrom: '2026-03-01', name: 'D Report' });
  // D: every milestone but the first monitoring report approved, that report due yesterday.
  await t.db.update(milestones).set({ status: 'approved' }).where(eq(milestones.startupId, report.startup.id));
  const [first] = await t.db.select().from(milestones).where(and(eq(milestones.startupId, report.startup.id), eq(milestones.kind, 'monitoring'))).orderBy(milestones.position).limit(1);
  await t.db.update(milestones).set({ status: 'in_progress', dueOn: '2026-03-09' }).where(eq(milestones.id, first!.id));

  const ids = (s: typeof late) => s.members.map((m) => m.id);
  await sessions(anna, absent.startup.id, ids(absent), 3, 1, 90);
  await sessions(anna, fine.startup.id, ids(fine), 3, 3, 60);
  await sessions(bruno, report.startup.id, ids(report), 1, 3, 45);
  return { anna, bruno, call, late, absent, fine, report };
}

describe('the coach dashboard', () => {
  it('lists the coach’s start-ups at risk first, with next milestone, overdue work, attendance and reasons', async () => {
    const s = await fourStartups();
    const { list, totals, today } = await coachDashboard(t.db, as(s.anna, now));
    expect(today).toBe('2026-03-10');
    expect(list).toMatchObject({ total: 3, atRisk: 2, page: 1 });
    expect(list.rows.map((r) => r.name)).toEqual(['A Late', 'B Absent', 'C Fine']);
    const [late, absent, fine] = list.rows;

    expect(late!.next).toMatchObject({ kind: 'pre_feasibility', dueOn: '2026-02-14', status: 'in_progress', overdue: true });
    expect(late!.reasons).toEqual([{ code: 'overdue_milestones', count: 1 }]);
    expect(absent!.next).toMatchObject({ kind: 'pre_feasibility', dueOn: '2026-03-31', overdue: false });
    // 1 present of 3 listed, three times: 3 of 9, below 80 %.
    expect(absent!.attendance).toEqual({ sessions: 3, present: 3, expected: 9 });
    expect(absent!.reasons).toEqual([{ code: 'low_attendance', present: 3, expected: 9, minPercent: 80 }]);
    expect(absent!.minutes).toBe(270);
    expect(fine!.reasons).toEqual([]);
    expect(fine!.attendance).toEqual({ sessions: 3, present: 9, expected: 9 });
    expect(fine!.coaches).toEqual([{ id: s.anna.id, name: 'Anna Coach' }]);
    // Anna's own coaching: 3 × 90 + 3 × 60 minutes.
    expect(totals).toEqual({ sessions: 6, minutes: 450 });
  });

  it('follows the call’s own attendance minimum', async () => {
    const s = await fourStartups();
    await t.db.insert(incubationSettings).values({ callId: s.call.id, minAttendancePercent: 30 });
    const { list } = await coachDashboard(t.db, as(s.anna, now));
    expect(list.atRisk).toBe(1);
    expect(list.rows.find((r) => r.name === 'B Absent')!.reasons).toEqual([]);
  });

  it('shows only the start-ups assigned to this coach; others may not open it', async () => {
    const s = await fourStartups();
    const { list } = await coachDashboard(t.db, as(s.bruno, now));
    expect(list.rows.map((r) => [r.name, r.reasons])).toEqual([['D Report', [{ code: 'overdue_reports', count: 1 }]]]);
    const fresh = await createUser(t.db, 'coach');
    expect((await coachDashboard(t.db, as(fresh, now))).list).toMatchObject({ total: 0, rows: [] });
    const staff = await createUser(t.db, 'staff');
    expect(await domainError(coachDashboard(t.db, as(staff, now)))).toMatchObject({ kind: 'forbidden', code: 'missing_role' });
  });

  it('pages long lists', async () => {
    const coach = await createUser(t.db, 'coach');
    const call = await createCall(t.db, 'closed');
    for (let i = 0; i < DASHBOARD_PAGE_SIZE + 2; i += 1) await createStartup(t.db, { callId: call.id, coachIds: [coach.id], name: `Start-up ${String(i).padStart(2, '0')}` });
    const first = await coachDashboard(t.db, as(coach, now), 1);
    const second = await coachDashboard(t.db, as(coach, now), 2);
    expect(first.list.rows).toHaveLength(DASHBOARD_PAGE_SIZE);
    expect(second.list.rows.map((r) => r.name)).toEqual([`Start-up ${DASHBOARD_PAGE_SIZE}`, `Start-up ${DASHBOARD_PAGE_SIZE + 1}`]);
    // A page past the end shows the last one.
    expect((await coachDashboard(t.db, as(coach, now), 99)).list.page).toBe(2);
  });
});

describe('the office’s incubation board', () => {
  it('lists every start-up with its reasons, filters those at risk, and totals coaching per coach', async () => {
    const s = await fourStartups();
    const staff = await createUser(t.db, 'staff');
    const board = await incubationBoard(t.db, as(staff, now), parseBoardQuery(new URLSearchParams()));
    expect(board.all).toBe(4);
    expect(board.list.rows.map((r) => r.name)).toEqual(['A Late', 'B Absent', 'D Report', 'C Fine']);
    expect(board.list.rows.map((r) => r.reasons.map((x) => x.code))).toEqual([['overdue_milestones'], ['low_attendance'], ['overdue_reports'], []]);
    expect(board.list.rows.find((r) => r.name === 'D Report')).toMatchObject({ overdueMilestones: 0, overdueReports: 1, coaches: [{ name: 'Bruno Coach' }] });
    expect(board.coaches).toEqual([
      { coachId: s.anna.id, name: 'Anna Coach', startups: 3, sessions: 6, minutes: 450 },
      { coachId: s.bruno.id, name: 'Bruno Coach', startups: 1, sessions: 1, minutes: 45 },
    ]);

    // The SQL filter and the TypeScript reasons agree start-up by start-up.
    const risky = await incubationBoard(t.db, as(staff, now), parseBoardQuery(new URLSearchParams('risk=1')));
    expect(risky.list.total).toBe(3);
    expect(risky.list.rows.map((r) => r.name)).toEqual(board.list.rows.filter((r) => r.reasons.length > 0).map((r) => r.name));
  });

  it('is for the office only', async () => {
    const s = await fourStartups();
    expect(await domainError(incubationBoard(t.db, as(s.anna, now), { atRiskOnly: false, page: 1 }))).toMatchObject({ kind: 'forbidden', code: 'missing_role' });
    expect(await domainError(incubationBoard(t.db, as(s.late.lead, now), { atRiskOnly: false, page: 1 }))).toMatchObject({ kind: 'forbidden' });
  });

  it('an approved milestone past its day and a report awaiting the coach: only the second counts', async () => {
    const s = await fourStartups();
    const [first] = await t.db.select().from(milestones).where(eq(milestones.startupId, s.late.startup.id)).orderBy(milestones.position).limit(1);
    await t.db.update(milestones).set({ status: 'approved' }).where(eq(milestones.id, first!.id));
    await t.db.update(milestones).set({ status: 'submitted' }).where(and(eq(milestones.startupId, s.report.startup.id), eq(milestones.status, 'in_progress')));
    const staff = await createUser(t.db, 'staff');
    const board = await incubationBoard(t.db, as(staff, now), { atRiskOnly: true, page: 1 });
    expect(board.list.rows.map((r) => r.name)).toEqual(['B Absent', 'D Report']);
  });
});
