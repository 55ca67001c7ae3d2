import { asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { seedCoaching } from '../../db/seed/coaching.ts';
import { coachingSessions, milestones, monitoringReports } from '../../db/schema/index.ts';
import { coachDashboard } from '../../src/domain/incubation/coach-dashboard.server.ts';
import { getCoachingLog } from '../../src/domain/incubation/coaching-log.server.ts';
import { listReports } from '../../src/domain/incubation/monitoring-read.server.ts';
import { romeToday } from '../../src/domain/incubation/risk-rules.ts';
import { createCall, createStartup, createUser } from '../factories/index.ts';
import { useTestDb } from '../support/db.ts';
import { as } from './coaching-setup.ts';
import { rowCount } from './helpers.ts';

const t = useTestDb();
const now = new Date('2026-03-10T10:00:00Z');
const DAY = 86_400_000;

/** Start-ups begun `ages` days ago on the default plan, followed by one coach, oldest first. */
async function demo(ages: number[]) {
  const coach = await createUser(t.db, 'coach');
  const call = await createCall(t.db, 'closed');
  const list = [];
  for (const [i, age] of ages.entries()) {
    const createdAt = new Date(now.getTime() - age * DAY);
    const member = await createUser(t.db, 'resident');
    list.push(await createStartup(t.db, { callId: call.id, coachIds: [coach.id], memberUserIds: [member.id], createdAt, planFrom: romeToday(createdAt), name: `Start-up ${i + 1}` }));
  }
  return { coach, startups: list };
}

describe('coaching and monitoring demo data', () => {
  it('logs fortnightly sessions, one team under the minimum, approved reports and one overdue', async () => {
    const { coach, startups } = await demo([460, 200, 60]);
    const result = await t.db.transaction((tx) => seedCoaching(tx, { startups, coachUserId: coach.id, now }));
    // 460 days: sessions from day 7 every 14 days until yesterday = 33; 200 days: 14; 60 days: 4.
    expect(result).toEqual({ sessions: 33 + 14 + 4, marks: (33 + 14 + 4) * 3, reports: 1, approved: 1, overdue: 1 });

    const log = await getCoachingLog(t.db, as(coach, now), startups[0]!.id);
    expect(log.sessions[0]!.heldOn < romeToday(now)).toBe(true);
    expect(log.totals.sessions).toBe(33);
    const [first] = await t.db.select().from(coachingSessions).orderBy(asc(coachingSessions.heldOn)).limit(1);
    expect(first!.topics.length).toBeGreaterThan(0);

    const { list } = await coachDashboard(t.db, as(coach, now));
    const byName = new Map(list.rows.map((r) => [r.name, r]));
    expect(byName.get('Start-up 2')!.reasons).toContainEqual({ code: 'low_attendance', present: 28, expected: 42, minPercent: 80 });
    expect(byName.get('Start-up 1')!.reasons.find((r) => r.code === 'low_attendance')).toBeUndefined();
    expect(byName.get('Start-up 1')!.reasons).toContainEqual({ code: 'overdue_reports', count: 1 });

    // The oldest: its first report approved with feedback, its second (due 39 days ago) not handed in.
    const { items } = await listReports(t.db, as(coach, now), startups[0]!.id, 'coach');
    expect(items.map((i) => [i.phase, i.overdue, i.report?.feedback != null])).toEqual([
      ['approved', false, true],
      ['open', true, false],
      ['upcoming', false, false],
      ['upcoming', false, false],
    ]);
    expect(items[0]!.report).toMatchObject({ submittedBy: startups[0]!.leadUserId, feedbackBy: coach.id });
    expect(items[0]!.report!.submittedAt.getTime()).toBeLessThan(items[0]!.report!.feedbackAt!.getTime());
  });

  it('with a single report due, the oldest team was sent back with changes and has not revised yet', async () => {
    const { coach, startups } = await demo([400]);
    const result = await t.db.transaction((tx) => seedCoaching(tx, { startups, coachUserId: coach.id, now }));
    expect(result).toMatchObject({ reports: 1, approved: 0, overdue: 1 });
    const [report] = await t.db.select().from(monitoringReports);
    const [milestone] = await t.db.select().from(milestones).where(eq(milestones.id, report!.milestoneId));
    expect(milestone).toMatchObject({ status: 'changes_requested', approvedAt: null });
    expect(report!.feedback).toContain('ricavi');
  });

  it('runs again without adding anything', async () => {
    const { coach, startups } = await demo([460, 200]);
    await t.db.transaction((tx) => seedCoaching(tx, { startups, coachUserId: coach.id, now }));
    const counts = [await rowCount(t.db, coachingSessions), await rowCount(t.db, monitoringReports)];
    const again = await t.db.transaction((tx) => seedCoaching(tx, { startups, coachUserId: coach.id, now }));
    expect(again).toEqual({ sessions: 0, marks: 0, reports: 0, approved: 0, overdue: 0 });
    expect([await rowCount(t.db, coachingSessions), await rowCount(t.db, monitoringReports)]).toEqual(counts);
  });
});
