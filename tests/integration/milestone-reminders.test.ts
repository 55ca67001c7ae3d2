import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { incubationSettings, milestoneReminders, outboxMessages } from '../../db/schema/index.ts';
import { submitDeliverable } from '../../src/domain/incubation/deliverable-submit.server.ts';
import { changeDueDate } from '../../src/domain/incubation/milestone-due-date.server.ts';
import { sendMilestoneReminders } from '../../src/domain/incubation/reminders.server.ts';
import type { Db } from '../../src/lib/server/db/index.ts';
import { createStartup, createUser } from '../factories/index.ts';
import { useTestDb } from '../support/db.ts';
import { outbox, rowCount } from './helpers.ts';
import { incubation, milestoneRow } from './milestones-setup.ts';

/**
 * The reminder job. Plans start on 2026-01-05: the first milestone is due on 2026-02-04, the
 * second on 2026-03-06. Two instances running it at once must send each reminder once: on
 * PostgreSQL two independent pools race for real; PGlite has one connection, so there the second
 * run comes after the first and must find nothing left to send.
 */
const t = useTestDb();
const origin = 'https://vivaio.comune.example.it';
const rome = (day: string, hour = 9) => new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+01:00`);
const unreachable = { dueSoon: 0, overdue: 0, emails: 0 };

describe('milestone reminders', () => {
  it('a week before the due day, once, to every team account in its language with the date in words', async () => {
    const s = await incubation(t.db);
    expect(await sendMilestoneReminders(t.db, rome('2026-01-27'), { origin })).toEqual(unreachable); // eight days before
    const run = await sendMilestoneReminders(t.db, rome('2026-01-28'), { origin });
    expect(run).toEqual({ dueSoon: 2, overdue: 0, emails: 3 }); // both start-ups; lead + member, and the other lead
    const mail = await outbox(t.db);
    const it = mail.find((m) => m.toUserId === s.lead.id)!;
    const en = mail.find((m) => m.toUserId === s.member.id)!;
    expect(it).toMatchObject({ template: 'milestoneDueSoon', locale: 'it' });
    expect(it.subject).toContain('4 febbraio 2026');
    expect(it.textBody).toContain(`${origin}/it/me/startups/${s.startup.id}/milestones/${s.plan[0]!.id}`);
    expect(en).toMatchObject({ template: 'milestoneDueSoon', locale: 'en' });
    expect(en.subject).toContain('4 February 2026');
    expect(mail.some((m) => m.toUserId === s.coach.id)).toBe(false);
    // Later the same week, and on the due day itself: nothing more.
    expect(await sendMilestoneReminders(t.db, rome('2026-02-01'), { origin })).toEqual(unreachable);
    expect(await sendMilestoneReminders(t.db, rome('2026-02-04', 23), { origin })).toEqual(unreachable);
  });

  it('overdue from the next Rome day, once; a submission waiting for the coach is not chased', async () => {
    const s = await incubation(t.db);
    const { createLocalStorage } = await import('../../src/lib/server/storage/local.ts');
    await submitDeliverable(t.db, createLocalStorage('/tmp/vivaio-h5b-unused'), s.as(s.otherLead), { milestoneId: (await otherFirst(t.db, s.other.id)), body: 'Fatto.' });
    await t.db.delete(outboxMessages);
    // 23:30 in Rome on the due day is still on time: the job, down all week, sends the early reminder.
    expect(await sendMilestoneReminders(t.db, new Date('2026-02-04T22:30:00Z'), { origin })).toEqual({ dueSoon: 1, overdue: 0, emails: 2 });
    await t.db.delete(outboxMessages);
    const late = await sendMilestoneReminders(t.db, new Date('2026-02-04T23:05:00Z'), { origin });
    expect(late).toEqual({ dueSoon: 0, overdue: 1, emails: 2 });
    expect((await outbox(t.db)).map((m) => m.template)).toEqual(['milestoneOverdue', 'milestoneOverdue']);
    expect(await sendMilestoneReminders(t.db, rome('2026-02-20'), { origin })).toEqual(unreachable);
  });

  it('follows the call’s notice period, and a due-date change re-arms both reminders', async () => {
    const s = await incubation(t.db);
    await t.db.insert(incubationSettings).values({ callId: s.startup.callId, reminderDaysBefore: 30 });
    const run = await sendMilestoneReminders(t.db, rome('2026-02-05'), { origin });
    // The first milestones are overdue; the second ones (due 2026-03-06, 29 days away) due soon.
    expect(run).toMatchObject({ overdue: 2, dueSoon: 2 });
    const first = s.plan[0]!;
    await changeDueDate(t.db, s.as(s.staff), { milestoneId: first.id, dueOn: '2026-02-20', reason: 'Proroga concordata con il team.', version: (await milestoneRow(t.db, first.id)).version });
    expect(await rowCount(t.db, milestoneReminders, eq(milestoneReminders.milestoneId, first.id))).toBe(0);
    await t.db.delete(outboxMessages);
    expect(await sendMilestoneReminders(t.db, rome('2026-02-06'), { origin })).toEqual({ dueSoon: 1, overdue: 0, emails: 2 });
    const mail = (await outbox(t.db)).find((m) => m.toUserId === s.lead.id);
    expect(mail!.subject).toContain('20 febbraio 2026');
    expect(await sendMilestoneReminders(t.db, rome('2026-02-21'), { origin })).toMatchObject({ overdue: 1 });
  });

  it('two workers at once send each reminder exactly once', async () => {
    const coach = await createUser(t.db, 'coach');
    const first = await createStartup(t.db, { coachIds: [coach.id], planFrom: '2026-01-05' });
    for (let i = 0; i < 24; i++) await createStartup(t.db, { callId: first.callId, coachIds: [coach.id], planFrom: '2026-01-05' });
    const now = rome('2026-02-05');
    const pools: Db[] = t.kind === 'postgres' ? [(await t.connect()).db, (await t.connect()).db] : [t.db, t.db];
    if (t.kind === 'postgres') await Promise.all(pools.map((db) => db.execute(sql`select 1`)));
    const runs = t.kind === 'postgres'
      ? await Promise.all(pools.map((db) => sendMilestoneReminders(db, now, { origin })))
      : [await sendMilestoneReminders(pools[0]!, now, { origin }), await sendMilestoneReminders(pools[1]!, now, { origin })];
    // 25 start-ups, each with its first milestone overdue (one lead each): 25 emails in all.
    expect(runs.reduce((n, r) => n + r.overdue, 0)).toBe(25);
    expect(runs.reduce((n, r) => n + r.emails, 0)).toBe(25);
    const mail = await outbox(t.db);
    expect(mail).toHaveLength(25);
    expect(new Set(mail.map((m) => m.toUserId)).size).toBe(25);
    expect(await rowCount(t.db, milestoneReminders)).toBe(25);
  });
});

async function otherFirst(db: Db, startupId: string): Promise<string> {
  const { planOf } = await import('./milestones-setup.ts');
  return (await planOf(db, startupId))[0]!.id;
}
