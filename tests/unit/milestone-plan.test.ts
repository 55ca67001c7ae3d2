import { describe, expect, it } from 'vitest';
import { addDays, addMonths, defaultTemplate, planMilestones, type TemplateRow } from '../../src/domain/incubation/milestone-plan.ts';

const row = (over: Partial<TemplateRow>): TemplateRow => ({ position: 1, kind: 'business_model', titleIt: 'Modello', titleEn: 'Model', dueAfterDays: 30, everyMonths: null, repeatCount: 1, ...over });

describe('calendar arithmetic on Rome days', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-01'],
    ['2026-02-28', 1, '2026-03-01'],
    ['2028-02-28', 1, '2028-02-29'], // leap year
    ['2026-03-28', 2, '2026-03-30'], // across the switch to summer time: still whole days
    ['2026-10-24', 2, '2026-10-26'], // and back
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-03-10', 0, '2026-03-10'],
  ])('%s + %i days = %s', (day, n, expected) => expect(addDays(day, n)).toBe(expected));

  it.each([
    ['2026-01-31', 1, '2026-02-28'], // clamped to the month's last day
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-03-31', 1, '2026-04-30'],
    ['2026-08-31', 6, '2027-02-28'],
    ['2026-11-15', 3, '2027-02-15'],
    ['2026-05-31', 12, '2027-05-31'],
  ])('%s + %i months = %s', (day, n, expected) => expect(addMonths(day, n)).toBe(expected));
});

describe('planMilestones', () => {
  it('instantiates the default path from the start day, numbering monitoring rounds', () => {
    const plan = planMilestones(defaultTemplate, '2026-03-02');
    expect(plan.map((m) => [m.position, m.kind, m.dueOn])).toEqual([
      [1, 'pre_feasibility', '2026-04-01'],
      [2, 'business_model', '2026-05-01'],
      [3, 'business_plan', '2026-06-30'],
      [4, 'financial_plan', '2026-06-30'],
      [5, 'legal_constitution', '2026-08-29'],
      [6, 'launch', '2026-10-28'],
      [7, 'monitoring', '2026-10-28'],
      [8, 'monitoring', '2027-04-28'],
      [9, 'monitoring', '2027-10-28'],
      [10, 'monitoring', '2028-04-28'],
    ]);
    expect(plan.slice(6).map((m) => m.titleIt)).toEqual(['Monitoraggio 1', 'Monitoraggio 2', 'Monitoraggio 3', 'Monitoraggio 4']);
    expect(plan[0]!.titleEn).toBe('Pre-feasibility check');
  });

  it('repeats from the first due day with month-end clamping, not drifting after a short month', () => {
    const plan = planMilestones([row({ kind: 'monitoring', dueAfterDays: 0, everyMonths: 1, repeatCount: 4, titleIt: 'M', titleEn: 'M' })], '2026-01-31');
    expect(plan.map((m) => m.dueOn)).toEqual(['2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30']);
  });

  it('orders by template position whatever the input order, and a one-off row ignores its repeat count', () => {
    const plan = planMilestones(
      [row({ position: 2, kind: 'launch', dueAfterDays: 90, titleIt: 'Avvio', repeatCount: 3 }), row({ position: 1, kind: 'pre_feasibility', dueAfterDays: 10, titleIt: 'Verifica' })],
      '2026-03-02',
    );
    expect(plan.map((m) => [m.position, m.titleIt, m.dueOn])).toEqual([
      [1, 'Verifica', '2026-03-12'],
      [2, 'Avvio', '2026-05-31'],
    ]);
  });

  it('a recurring row with one repetition keeps its title unnumbered; an empty template plans nothing', () => {
    expect(planMilestones([row({ kind: 'monitoring', everyMonths: 6, repeatCount: 1, titleIt: 'Monitoraggio' })], '2026-03-02').map((m) => m.titleIt)).toEqual(['Monitoraggio']);
    expect(planMilestones([], '2026-03-02')).toEqual([]);
  });
});
