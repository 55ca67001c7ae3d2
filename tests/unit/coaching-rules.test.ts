import { describe, expect, it } from 'vitest';
import { attendanceBelowMinimum, attendanceRate, MIN_SESSIONS_FOR_ATTENDANCE } from '../../src/domain/incubation/attendance-rules.ts';
import { logSessionSchema, parseWholeNumber, splitTopics } from '../../src/domain/incubation/coaching.schema.ts';
import { isOverdue, riskReasons, romeToday } from '../../src/domain/incubation/risk-rules.ts';
import { validate } from '../../src/lib/validation.ts';

describe('attendance rate', () => {
  it('is present marks over the members listed at each session', () => {
    // 3 sessions with 4, 4 and 5 members listed (13 marks), 10 present → 10/13 ≈ 76.9 %.
    const tally = { sessions: 3, present: 10, expected: 13 };
    expect(attendanceRate(tally)).toBeCloseTo(0.7692, 4);
    expect(attendanceRate({ sessions: 0, present: 0, expected: 0 })).toBeNull();
  });

  it('is below the minimum only after three sessions', () => {
    expect(MIN_SESSIONS_FOR_ATTENDANCE).toBe(3);
    // 1 of 3 present at each of two sessions: 33 %, but only two sessions so far.
    expect(attendanceBelowMinimum({ sessions: 2, present: 2, expected: 6 }, 80)).toBe(false);
    expect(attendanceBelowMinimum({ sessions: 3, present: 3, expected: 9 }, 80)).toBe(true);
  });

  it('compares in integers: exactly the minimum is enough, a hair below is not', () => {
    // 12 of 15 = 80 % exactly.
    expect(attendanceBelowMinimum({ sessions: 5, present: 12, expected: 15 }, 80)).toBe(false);
    // 3999 of 5000 = 79.98 %: would round to 80 % on screen, still below.
    expect(attendanceBelowMinimum({ sessions: 1000, present: 3999, expected: 5000 }, 80)).toBe(true);
    // A call with a minimum of 0 never flags; one of 100 % flags any absence.
    expect(attendanceBelowMinimum({ sessions: 3, present: 0, expected: 9 }, 0)).toBe(false);
    expect(attendanceBelowMinimum({ sessions: 3, present: 8, expected: 9 }, 100)).toBe(true);
  });

  it('sessions where nobody was listed do not flag', () => {
    expect(attendanceBelowMinimum({ sessions: 4, present: 0, expected: 0 }, 80)).toBe(false);
  });
});

describe('risk flag', () => {
  const fine = { sessions: 4, present: 16, expected: 16 };

  it('has no reason when nothing is late and attendance is enough', () => {
    expect(riskReasons({ overdueMilestones: 0, overdueReports: 0, attendance: fine, minAttendancePercent: 80 })).toEqual([]);
  });

  it('names each reason with its figures', () => {
    const reasons = riskReasons({ overdueMilestones: 2, overdueReports: 1, attendance: { sessions: 3, present: 5, expected: 9 }, minAttendancePercent: 80 });
    expect(reasons).toEqual([
      { code: 'overdue_milestones', count: 2 },
      { code: 'overdue_reports', count: 1 },
      { code: 'low_attendance', present: 5, expected: 9, minPercent: 80 },
    ]);
  });

  it('counts as overdue from the Rome day after the due day until approved', () => {
    expect(isOverdue({ dueOn: '2026-03-10', status: 'in_progress' }, '2026-03-10')).toBe(false);
    expect(isOverdue({ dueOn: '2026-03-10', status: 'in_progress' }, '2026-03-11')).toBe(true);
    // Handed in but not approved yet: still open work.
    expect(isOverdue({ dueOn: '2026-03-10', status: 'submitted' }, '2026-03-11')).toBe(true);
    expect(isOverdue({ dueOn: '2026-03-10', status: 'approved' }, '2026-04-11')).toBe(false);
  });

  it('takes today on the Rome calendar', () => {
    // 23:30 UTC on 10 March is already 11 March in Rome (UTC+1); in summer 22:30 UTC is the next day.
    expect(romeToday(new Date('2026-03-10T23:30:00Z'))).toBe('2026-03-11');
    expect(romeToday(new Date('2026-07-10T22:30:00Z'))).toBe('2026-07-11');
    expect(romeToday(new Date('2026-07-10T21:59:00Z'))).toBe('2026-07-10');
  });
});

describe('session input', () => {
  const base = { startupId: crypto.randomUUID(), heldOn: '2026-03-02', minutes: '90', topics: 'Piano finanziario\nPrezzi', notes: '' };

  it('reads topics one per line or comma separated, once each', () => {
    expect(splitTopics(' Piano finanziario \n\nprezzi, Prezzi; Bando comunale')).toEqual(['Piano finanziario', 'prezzi', 'Bando comunale']);
  });

  it('reads whole numbers as people type them', () => {
    expect(parseWholeNumber('1.250')).toBe(1250);
    expect(parseWholeNumber('1 250')).toBe(1250);
    expect(parseWholeNumber('1,250')).toBe(1250);
    expect(parseWholeNumber('90')).toBe(90);
    expect(parseWholeNumber('1,5')).toBeNaN();
    expect(parseWholeNumber('novanta')).toBeNaN();
  });

  it('accepts a complete session and ticks as an array', () => {
    const parsed = validate(logSessionSchema, { ...base, present: [] });
    expect(parsed).toMatchObject({ ok: true, data: { minutes: 90, topics: ['Piano finanziario', 'Prezzi'], present: [] } });
  });

  it('explains each wrong field', () => {
    const parsed = validate(logSessionSchema, { ...base, heldOn: '2026-02-30', minutes: '', topics: ' \n ', present: ['x'] });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors.heldOn?.key).toBe('validation.invalid');
    expect(parsed.errors.minutes?.key).toBe('validation.required');
    expect(parsed.errors.topics?.key).toBe('validation.required');
    expect(parsed.errors['present.0']?.key).toBe('validation.invalid');
  });

  it('bounds minutes and topics', () => {
    const long = validate(logSessionSchema, { ...base, minutes: '721', topics: Array.from({ length: 11 }, (_, i) => `Tema ${i}`).join('\n') });
    expect(long.ok || long.errors).toMatchObject({ minutes: { key: 'validation.tooBig', params: { max: 720 } }, topics: { key: 'errors.too_many_topics' } });
    const zero = validate(logSessionSchema, { ...base, minutes: '0', topics: 'x'.repeat(81) });
    expect(zero.ok || zero.errors).toMatchObject({ minutes: { key: 'validation.tooSmall' }, topics: { key: 'errors.topic_too_long' } });
    const words = validate(logSessionSchema, { ...base, minutes: 'un’ora' });
    expect(words.ok || words.errors).toMatchObject({ minutes: { key: 'validation.number' } });
  });
});
