import { describe, expect, it } from 'vitest';
import { auditEvents, coachingAttendance, coachingSessions, incubationSettings } from '../../db/schema/index.ts';
import { coachStartupOverview } from '../../src/domain/incubation/coach-overview.server.ts';
import { getCoachingLog } from '../../src/domain/incubation/coaching-log.server.ts';
import { logCoachingSession, removeCoachingSession } from '../../src/domain/incubation/coaching-session.server.ts';
import { logSessionSchema } from '../../src/domain/incubation/coaching.schema.ts';
import { translateDynamic, translator } from '../../src/lib/i18n/index.ts';
import { createUser } from '../factories/index.ts';
import { useTestDb } from '../support/db.ts';
import { as, coachedStartup, postForm } from './coaching-setup.ts';
import { auditTrail, domainError, rowCount } from './helpers.ts';

const t = useTestDb();
const now = new Date('2026-03-10T10:00:00Z');
const it_ = translator('it');

const session = (startupId: string, present: string[], extra: Partial<{ heldOn: string; minutes: number; topics: string[]; notes: string }> = {}) => ({
  startupId,
  heldOn: '2026-03-09',
  minutes: 90,
  topics: ['Piano finanziario', 'Prezzi'],
  notes: 'Rivedere i costi del personale.',
  present,
  ...extra,
});

const nothingWritten = async () => {
  for (const table of [coachingSessions, coachingAttendance, auditEvents]) expect(await rowCount(t.db, table)).toBe(0);
};

describe('logging a coaching session', () => {
  it('records the session and marks every team member present or absent', async () => {
    const { coach, startup, members } = await coachedStartup(t.db);
    const [lead, member, named] = members;
    const row = await logCoachingSession(t.db, as(coach, now), session(startup.id, [lead!.id, named!.id]));

    expect(row).toMatchObject({ startupId: startup.id, coachId: coach.id, heldOn: '2026-03-09', minutes: 90, topics: ['Piano finanziario', 'Prezzi'] });
    const marks = await t.db.select().from(coachingAttendance);
    expect(new Map(marks.map((m) => [m.memberId, m.present]))).toEqual(new Map([[lead!.id, true], [member!.id, false], [named!.id, true]]));
    expect(await auditTrail(t.db)).toEqual([
      expect.objectContaining({ action: 'coaching.session_logged', entityId: row.id, actorId: coach.id, summary: { startupId: startup.id, heldOn: '2026-03-09', minutes: 90, present: 2, expected: 3 } }),
    ]);
  });

  it('takes today on the Rome calendar, not the UTC one', async () => {
    const { coach, startup } = await coachedStartup(t.db);
    // 23:30 UTC on 10 March is 00:30 on 11 March in Rome: a session that day is not in the future.
    const midnight = as(coach, new Date('2026-03-10T23:30:00Z'));
    await logCoachingSession(t.db, midnight, session(startup.id, [], { heldOn: '2026-03-11' }));
    const error = await domainError(logCoachingSession(t.db, midnight, session(startup.id, [], { heldOn: '2026-03-12' })));
    expect(error).toMatchObject({ kind: 'invalid', code: 'session_in_future', details: { field: 'heldOn' } });
  });

  it('only the assigned coach logs: not another coach, the office or the team', async () => {
    const { lead, startup } = await coachedStartup(t.db);
    const otherCoach = await createUser(t.db, 'coach');
    const staff = await createUser(t.db, 'staff');
    const cases = [
      // Another coach may not even see the start-up: for them it does not exist.
      [otherCoach, 'not_found', 'startup_not_found'],
      [staff, 'forbidden', 'missing_role'],
      [lead, 'forbidden', 'missing_role'],
    ] as const;
    for (const [user, kind, code] of cases) {
      const error = await domainError(logCoachingSession(t.db, as(user, now), session(startup.id, [])));
      expect(error).toMatchObject({ kind, code });
    }
    await nothingWritten();
  });

  it('refuses a member of another team and an unknown start-up', async () => {
    const { coach, startup } = await coachedStartup(t.db);
    const other = await coachedStartup(t.db, { coachIds: [coach.id] });
    const error = await domainError(logCoachingSession(t.db, as(coach, now), session(startup.id, [other.members[0]!.id])));
    expect(error).toMatchObject({ kind: 'invalid', code: 'unknown_member', details: { field: 'present' } });
    expect(await domainError(logCoachingSession(t.db, as(coach, now), session(crypto.randomUUID(), [])))).toMatchObject({ kind: 'not_found', code: 'startup_not_found' });
    await nothingWritten();
  });

  it('bad input gets a translated message on its field and writes nothing', async () => {
    const { coach, startup } = await coachedStartup(t.db);
    const run = (input: Parameters<typeof logCoachingSession>[2]) => logCoachingSession(t.db, as(coach, now), input);
    const fields = { startupId: startup.id, heldOn: '2026-03-09', minutes: '90', topics: 'Prezzi', notes: '' };

    const typed = await postForm(logSessionSchema, run, { ...fields, minutes: 'un’ora e mezza', topics: '' }, { area: 'coaching', multi: ['present'] });
    expect(typed.ok).toBe(false);
    if (typed.ok) return;
    expect(translateDynamic(it_, typed.errors.minutes!.key)).toBe('Inserisci un numero.');
    expect(translateDynamic(it_, typed.errors.topics!.key)).toBe('Questo campo è obbligatorio.');
    expect(typed.values.minutes).toBe('un’ora e mezza');

    const future = await postForm(logSessionSchema, run, { ...fields, heldOn: '2026-03-11' }, { area: 'coaching', multi: ['present'] });
    expect(future.ok || translateDynamic(it_, future.errors.heldOn!.key)).toBe('La data è nel futuro: registra l’incontro dopo che si è svolto.');

    const topics = await postForm(logSessionSchema, run, { ...fields, topics: Array.from({ length: 11 }, (_, i) => `Tema ${i}`).join('\n') }, { area: 'coaching', multi: ['present'] });
    expect(topics.ok || translateDynamic(it_, topics.errors.topics!.key)).toBe('Indica al massimo 10 argomenti.');
    await nothingWritten();
  });
});

describe('removing a session logged by mistake', () => {
  it('the coach removes it with its marks; the audit keeps what it was', async () => {
    const { coach, startup, members } = await coachedStartup(t.db);
    const row = await logCoachingSession(t.db, as(coach, now), session(startup.id, [members[0]!.id]));
    const otherCoach = await createUser(t.db, 'coach');
    // Another coach may not even see the start-up: it does not exist for them.
    expect(await domainError(removeCoachingSession(t.db, as(otherCoach, now), { startupId: startup.id, sessionId: row.id }))).toMatchObject({ kind: 'not_found', code: 'startup_not_found' });

    await removeCoachingSession(t.db, as(coach, now), { startupId: startup.id, sessionId: row.id });
    expect(await rowCount(t.db, coachingSessions)).toBe(0);
    expect(await rowCount(t.db, coachingAttendance)).toBe(0);
    const removed = (await auditTrail(t.db)).at(-1)!;
    expect(removed).toMatchObject({ action: 'coaching.session_removed', entityId: row.id, summary: { minutes: 90, heldOn: '2026-03-09', present: [members[0]!.id] } });
    expect(await domainError(removeCoachingSession(t.db, as(coach, now), { startupId: startup.id, sessionId: row.id }))).toMatchObject({ code: 'session_not_found' });
  });

  it('a session of another start-up cannot be removed through this one', async () => {
    const { coach, startup } = await coachedStartup(t.db);
    const other = await coachedStartup(t.db);
    const row = await logCoachingSession(t.db, as(other.coach, now), session(other.startup.id, []));
    expect(await domainError(removeCoachingSession(t.db, as(coach, now), { startupId: startup.id, sessionId: row.id }))).toMatchObject({ code: 'session_not_found' });
    expect(await rowCount(t.db, coachingSessions)).toBe(1);
  });
});

describe('the coaching register', () => {
  it('gives totals, attendance against the call minimum and the sessions newest first', async () => {
    const { coach, startup, members } = await coachedStartup(t.db);
    const ids = members.map((m) => m.id);
    await logCoachingSession(t.db, as(coach, now), session(startup.id, ids, { heldOn: '2026-01-12', minutes: 60 }));
    await logCoachingSession(t.db, as(coach, now), session(startup.id, ids.slice(0, 1), { heldOn: '2026-02-09', minutes: 120 }));
    await logCoachingSession(t.db, as(coach, now), session(startup.id, ids.slice(0, 2), { heldOn: '2026-03-09', minutes: 45 }));
    await t.db.insert(incubationSettings).values({ callId: startup.callId, minAttendancePercent: 70 });

    const log = await getCoachingLog(t.db, as(coach, now), startup.id);
    expect(log.totals).toEqual({ sessions: 3, minutes: 225 });
    // 3 + 1 + 2 present of 3 × 3 listed = 6 / 9 ≈ 66.7 %, below the call's 70 %.
    expect(log.attendance).toMatchObject({ sessions: 3, present: 6, expected: 9 });
    expect(log.minAttendancePercent).toBe(70);
    expect(log.sessions.map((s) => s.heldOn)).toEqual(['2026-03-09', '2026-02-09', '2026-01-12']);
    expect(log.sessions[0]!.marks.filter((m) => m.present)).toHaveLength(2);
    expect(log.sessions[0]!.coachName).toBe(coach.name);
    expect(log.members.map((m) => m.id)).toEqual(ids);
    expect(log.canLog).toBe(true);
  });

  it('the office reads it (without logging); the team and other coaches do not', async () => {
    const { lead, startup } = await coachedStartup(t.db);
    const staff = await createUser(t.db, 'staff');
    expect((await getCoachingLog(t.db, as(staff, now), startup.id)).canLog).toBe(false);
    expect(await domainError(getCoachingLog(t.db, as(lead, now), startup.id))).toMatchObject({ kind: 'forbidden', code: 'missing_role' });
    const otherCoach = await createUser(t.db, 'coach');
    // Another coach may not even see the start-up: the same answer as for an id that does not exist.
    expect(await domainError(getCoachingLog(t.db, as(otherCoach, now), startup.id))).toMatchObject({ kind: 'not_found', code: 'startup_not_found' });
    expect(await domainError(getCoachingLog(t.db, as(otherCoach, now), crypto.randomUUID()))).toMatchObject({ kind: 'not_found', code: 'startup_not_found' });
    expect(await domainError(getCoachingLog(t.db, as(staff, now), 'not-a-uuid'))).toMatchObject({ kind: 'not_found' });
  });

  it('the coach’s overview of a start-up: its coach and the office; the team is refused; to another coach it does not exist', async () => {
    const { coach, lead, startup } = await coachedStartup(t.db);
    const staff = await createUser(t.db, 'staff');
    expect(await coachStartupOverview(t.db, as(coach, now), startup.id)).toMatchObject({ startup: { id: startup.id }, isCoach: true });
    expect(await coachStartupOverview(t.db, as(staff, now), startup.id)).toMatchObject({ isCoach: false });
    expect(await domainError(coachStartupOverview(t.db, as(lead, now), startup.id))).toMatchObject({ kind: 'forbidden', code: 'missing_role' });
    const otherCoach = await createUser(t.db, 'coach');
    const missing = { kind: 'not_found', code: 'startup_not_found' };
    expect(await domainError(coachStartupOverview(t.db, as(otherCoach, now), startup.id))).toMatchObject(missing);
    expect(await domainError(coachStartupOverview(t.db, as(otherCoach, now), crypto.randomUUID()))).toMatchObject(missing);
  });
});
