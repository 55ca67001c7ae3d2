import { describe, expect, it } from 'vitest';
import { daysBetween, isOverdue, romeToday } from '../../src/domain/incubation/milestone-dates.ts';
import { nextToStart, stageOf } from '../../src/domain/incubation/milestone-stage.ts';
import { parseTemplate } from '../../src/domain/incubation/milestone-template.ts';
import { changeDueDateSchema, isCalendarDay, type MilestoneTemplateForm } from '../../src/domain/incubation/milestone.schema.ts';
import type { MilestoneStatus } from '../../src/domain/incubation/milestone-workflow.ts';
import { reminderDue, reminderToSend } from '../../src/domain/incubation/reminders.ts';

describe('Rome days', () => {
  it('today is the calendar day in Rome, not in UTC', () => {
    expect(romeToday(new Date('2026-03-09T22:59:00Z'))).toBe('2026-03-09'); // 23:59 in Rome (winter)
    expect(romeToday(new Date('2026-03-09T23:00:00Z'))).toBe('2026-03-10'); // midnight in Rome
    expect(romeToday(new Date('2026-07-09T22:00:00Z'))).toBe('2026-07-10'); // midnight in summer time
  });

  it('counts calendar days', () => {
    expect(daysBetween('2026-03-10', '2026-03-17')).toBe(7);
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2026-03-10', '2026-03-09')).toBe(-1);
  });

  it('a milestone is overdue from the day after its due day until approved', () => {
    const m = (status: MilestoneStatus) => ({ dueOn: '2026-03-10', status });
    expect(isOverdue(m('in_progress'), '2026-03-10')).toBe(false);
    expect(isOverdue(m('in_progress'), '2026-03-11')).toBe(true);
    expect(isOverdue(m('submitted'), '2026-03-11')).toBe(true);
    expect(isOverdue(m('changes_requested'), '2026-04-01')).toBe(true);
    expect(isOverdue(m('approved'), '2026-04-01')).toBe(false);
  });
});

describe('reminder selection', () => {
  const due = '2026-03-20';
  const m = (status: MilestoneStatus) => ({ dueOn: due, status });

  it.each([
    ['2026-03-12', 7, null], // eight days before: not yet
    ['2026-03-13', 7, 'due_soon'], // seven days before
    ['2026-03-20', 7, 'due_soon'], // on the due day
    ['2026-03-21', 7, 'overdue'], // the next Rome day
    ['2026-05-01', 7, 'overdue'],
    ['2026-03-19', 0, null], // zero notice: only on the due day
    ['2026-03-20', 0, 'due_soon'],
  ])('on %s with %i days of notice → %s', (today, days, expected) => {
    expect(reminderDue(m('in_progress'), today, days)).toBe(expected);
  });

  it('chases only work the team still owes', () => {
    for (const s of ['planned', 'in_progress', 'changes_requested'] as const) {
      expect(reminderDue(m(s), '2026-03-19', 7)).toBe('due_soon');
      expect(reminderDue(m(s), '2026-03-21', 7)).toBe('overdue');
    }
    for (const s of ['submitted', 'approved'] as const) {
      expect(reminderDue(m(s), '2026-03-19', 7)).toBeNull();
      expect(reminderDue(m(s), '2026-03-21', 7)).toBeNull();
    }
  });

  it('sends each kind once; an overdue milestone gets its overdue reminder even if the early one went out', () => {
    expect(reminderToSend(m('in_progress'), '2026-03-15', 7, [])).toBe('due_soon');
    expect(reminderToSend(m('in_progress'), '2026-03-15', 7, ['due_soon'])).toBeNull();
    expect(reminderToSend(m('in_progress'), '2026-03-25', 7, ['due_soon'])).toBe('overdue');
    expect(reminderToSend(m('in_progress'), '2026-03-25', 7, ['due_soon', 'overdue'])).toBeNull();
    // Past due and never reminded: only the overdue one (a "due soon" would be wrong now).
    expect(reminderToSend(m('planned'), '2026-03-25', 7, [])).toBe('overdue');
  });
});

describe('stage and next milestone', () => {
  const plan = (...statuses: MilestoneStatus[]) =>
    statuses.map((status, i) => ({ position: i + 1, kind: (['pre_feasibility', 'business_model', 'launch', 'monitoring', 'monitoring'] as const)[i]!, status }));

  it('the stage is the kind of the first milestone not approved; closed when all are', () => {
    expect(stageOf(plan('approved', 'in_progress', 'planned'))).toBe('business_model');
    expect(stageOf(plan('approved', 'approved', 'approved', 'submitted', 'planned'))).toBe('monitoring');
    expect(stageOf(plan('approved', 'submitted', 'approved'))).toBe('business_model');
    expect(stageOf(plan('approved', 'approved', 'approved', 'approved', 'approved'))).toBe('closed');
    expect(stageOf([])).toBeNull();
  });

  it('after an approval the first planned milestone starts, unless one is already in progress', () => {
    expect(nextToStart(plan('approved', 'planned', 'planned'))?.position).toBe(2);
    expect(nextToStart(plan('approved', 'submitted', 'planned'))?.position).toBe(3);
    expect(nextToStart(plan('approved', 'in_progress', 'planned'))).toBeNull();
    expect(nextToStart(plan('approved', 'approved'))).toBeNull();
  });
});

describe('template editor rows', () => {
  const form = (rows: Partial<Record<'kind' | 'titleIt' | 'titleEn' | 'dueAfterDays' | 'everyMonths' | 'repeatCount', string>>[], remove: string[] = []): MilestoneTemplateForm => {
    const col = (k: 'kind' | 'titleIt' | 'titleEn' | 'dueAfterDays' | 'everyMonths' | 'repeatCount') => rows.map((r) => r[k] ?? '');
    return { callId: '00000000-0000-4000-8000-000000000000', kind: col('kind'), titleIt: col('titleIt'), titleEn: col('titleEn'), dueAfterDays: col('dueAfterDays'), everyMonths: col('everyMonths'), repeatCount: col('repeatCount'), remove };
  };
  const ok = { kind: 'launch', titleIt: 'Avvio', titleEn: 'Launch', dueAfterDays: '200' };

  it('keeps complete rows in due order (form order breaks ties), drops blank and removed rows', () => {
    const parsed = parseTemplate(
      form([ok, { kind: 'business_plan', titleIt: 'BP', titleEn: 'BP', dueAfterDays: '120' }, { kind: 'financial_plan', titleIt: 'PF', titleEn: 'FP', dueAfterDays: '120' }, { kind: 'monitoring' }, { ...ok, titleIt: 'Tolta' }], ['4']),
    );
    expect(parsed).toEqual({
      ok: true,
      rows: [
        { position: 1, kind: 'business_plan', titleIt: 'BP', titleEn: 'BP', dueAfterDays: 120, everyMonths: null, repeatCount: 1 },
        { position: 2, kind: 'financial_plan', titleIt: 'PF', titleEn: 'FP', dueAfterDays: 120, everyMonths: null, repeatCount: 1 },
        { position: 3, kind: 'launch', titleIt: 'Avvio', titleEn: 'Launch', dueAfterDays: 200, everyMonths: null, repeatCount: 1 },
      ],
    });
  });

  it('a recurring row keeps its cadence and count; a one-off row happens once', () => {
    const parsed = parseTemplate(form([{ ...ok, kind: 'monitoring', everyMonths: '6', repeatCount: '4' }, { ...ok, repeatCount: '3' }]));
    expect(parsed.ok && parsed.rows.map((r) => [r.kind, r.everyMonths, r.repeatCount])).toEqual([
      ['monitoring', 6, 4],
      ['launch', null, 1],
    ]);
  });

  it('names every wrong cell by row', () => {
    const parsed = parseTemplate(form([{ ...ok, titleEn: '' }, { kind: 'nonsense', titleIt: 'X', titleEn: 'X', dueAfterDays: '-3', everyMonths: '0', repeatCount: '2' }, { ...ok, everyMonths: '3', repeatCount: '99' }]));
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.errors.map((e) => [e.field, e.code])).toEqual([
      ['titleEn-0', 'template_title_required'],
      ['kind-1', 'template_kind'],
      ['dueAfterDays-1', 'template_days'],
      ['everyMonths-1', 'template_every'],
      ['repeatCount-2', 'template_repeat'],
    ]);
  });

  it('refuses an empty template and one too long', () => {
    expect(parseTemplate(form([{ kind: 'launch' }]))).toEqual({ ok: false, errors: [{ field: 'titleIt-0', code: 'template_empty' }] });
    const long = parseTemplate(form(Array.from({ length: 21 }, () => ok)));
    expect(!long.ok && long.errors[0]!.code).toBe('template_too_long');
    expect(parseTemplate(form([{ ...ok, dueAfterDays: '1.5' }])).ok).toBe(false);
  });
});

describe('due dates typed in a form', () => {
  it.each([
    ['2026-03-10', true],
    ['2028-02-29', true],
    ['2026-02-29', false],
    ['2026-13-40', false],
    ['2026-04-31', false],
    ['10/03/2026', false],
    ['', false],
  ])('%s is a calendar day: %s', (value, expected) => expect(isCalendarDay(value)).toBe(expected));

  it('the form schema refuses a malformed or impossible date with a message, never an exception', () => {
    const base = { milestoneId: '00000000-0000-4000-8000-000000000000', reason: 'Proroga.', version: '1' };
    for (const dueOn of ['2026-13-40', '2026-02-30', 'domani', '1999-12-31']) expect(changeDueDateSchema.safeParse({ ...base, dueOn }).success).toBe(false);
    expect(changeDueDateSchema.safeParse({ ...base, dueOn: '2026-12-20' })).toMatchObject({ success: true, data: { version: 1 } });
  });
});
