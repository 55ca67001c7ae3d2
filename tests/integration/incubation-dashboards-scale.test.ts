import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { coachDashboard } from '../../src/domain/incubation/coach-dashboard.server.ts';
import { incubationBoard } from '../../src/domain/incubation/risk-board.server.ts';
import { createCall, createUser, type TestUser } from '../factories/index.ts';
import { useTestDb } from '../support/db.ts';
import { median } from '../support/timing.ts';
import { as } from './coaching-setup.ts';

const t = useTestDb();
const N = 1000;
const COACHES = 40;
const SESSIONS = 20;
const now = new Date('2026-03-10T10:00:00Z');

/**
 * The dashboards at the scale of a large programme: 1,000 start-ups with 7 milestones, 3 members
 * and 20 sessions each (20,000 sessions, 60,000 attendance marks), 40 coaches with 25 start-ups
 * each. Checks the figures are right at that size; timings are printed for the record (they depend
 * on the machine, so no assertion).
 */
it('computes both dashboards over 1,000 start-ups', { timeout: 300_000 }, async () => {
  const call = await createCall(t.db, 'closed');
  const staff = await createUser(t.db, 'staff');
  const coaches: TestUser[] = [];
  for (let c = 0; c < COACHES; c += 1) coaches.push(await createUser(t.db, 'coach', { name: `Coach ${String(c).padStart(2, '0')}` }));
  const proposer = await createUser(t.db, 'resident');
  await t.db.execute(sql`
    insert into proposals (call_id, proposer_id, status, applicant_type, title)
    select ${call.id}, ${proposer.id}, 'incubated', 'individual', 'Idea ' || g from generate_series(1, ${N}) g`);
  await t.db.execute(sql`
    insert into startups (proposal_id, call_id, slug, name)
    select p.id, p.call_id, 'scala-' || substring(p.title from 6), 'Start-up ' || lpad(substring(p.title from 6), 4, '0') from proposals p where p.call_id = ${call.id}`);
  await t.db.execute(sql`
    insert into startup_members (startup_id, name, position) select s.id, 'Membro ' || m, m from startups s, generate_series(0, 2) m`);
  const coachIds = sql.join(coaches.map((c) => sql`${c.id}::uuid`), sql`, `);
  await t.db.execute(sql`
    insert into startup_coaches (startup_id, coach_id)
    select s.id, (array[${coachIds}])[(row_number() over (order by s.name) - 1) % ${COACHES} + 1] from startups s`);
  // Milestones due every 30 days from 1 Jan 2026: those due before 10 March are approved, except in
  // every 10th start-up, whose second milestone (due 31 Jan) is still in progress: 100 overdue.
  await t.db.execute(sql`
    insert into milestones (startup_id, position, kind, title_it, title_en, due_on, status)
    select s.id, k, (array['pre_feasibility','business_model','business_plan','financial_plan','legal_constitution','launch','monitoring'])[k]::milestone_kind,
      'Tappa ' || k, 'Milestone ' || k, date '2026-01-01' + (k - 1) * 30,
      (case when date '2026-01-01' + (k - 1) * 30 >= date '2026-03-10' then 'planned'
            when k = 2 and substring(s.slug from 7)::int % 10 = 0 then 'in_progress' else 'approved' end)::milestone_status
    from startups s, generate_series(1, 7) k`);
  await t.db.execute(sql`
    insert into coaching_sessions (startup_id, coach_id, held_on, minutes, topics)
    select sc.startup_id, sc.coach_id, date '2025-06-01' + n * 7, 60, array['Avanzamento'] from startup_coaches sc, generate_series(1, ${SESSIONS}) n`);
  // Everyone present, except the third member of every 7th start-up, never there: 2/3 < 80 %.
  await t.db.execute(sql`
    insert into coaching_attendance (session_id, member_id, present)
    select c.id, m.id, not (m.position = 2 and substring(s.slug from 7)::int % 7 = 0)
    from coaching_sessions c join startups s on s.id = c.startup_id join startup_members m on m.startup_id = s.id`);
  for (const table of ['proposals', 'startups', 'startup_members', 'startup_coaches', 'milestones', 'coaching_sessions', 'coaching_attendance']) {
    await t.db.execute(sql.raw(`analyze ${table}`));
  }

  // 100 with an overdue milestone, 142 with low attendance, 14 both (multiples of 70).
  const atRisk = 100 + 142 - 14;
  const board = await incubationBoard(t.db, as(staff, now), { atRiskOnly: false, page: 1 });
  expect(board).toMatchObject({ all: N, list: { total: N, atRisk } });
  expect(board.list.rows).toHaveLength(25);
  expect(board.list.rows.every((r) => r.reasons.length > 0)).toBe(true);
  expect(board.coaches).toHaveLength(COACHES);
  expect(board.coaches[0]).toMatchObject({ startups: 25, sessions: 25 * SESSIONS, minutes: 25 * SESSIONS * 60 });
  const lastRisky = await incubationBoard(t.db, as(staff, now), { atRiskOnly: true, page: 10 });
  expect(lastRisky.list.rows).toHaveLength(atRisk - 9 * 25);
  const late = board.list.rows.find((r) => r.overdueMilestones > 0)!;
  expect(late.next).toMatchObject({ kind: 'business_model', dueOn: '2026-01-31', overdue: true });

  const mine = await coachDashboard(t.db, as(coaches[0]!, now));
  expect(mine.list.total).toBe(25);
  expect(mine.totals).toEqual({ sessions: 25 * SESSIONS, minutes: 25 * SESSIONS * 60 });

  const timings = {
    staffBoardFirstPage: await median(5, () => incubationBoard(t.db, as(staff, now), { atRiskOnly: false, page: 1 })),
    staffBoardRiskLastPage: await median(5, () => incubationBoard(t.db, as(staff, now), { atRiskOnly: true, page: 10 })),
    coachDashboard: await median(5, () => coachDashboard(t.db, as(coaches[0]!, now))),
  };
  console.info(`[incubation dashboards, ${t.kind}, ${N} start-ups, ${N * SESSIONS} sessions] median ms:`, timings);
});
