import { describe, expect, it } from 'vitest';
import { formatDuration, formatShare, riskText } from '../../src/components/coaching/format.ts';
import { translator } from '../../src/lib/i18n/index.ts';

const it_ = translator('it');
const en = translator('en');

describe('coaching figures in words', () => {
  it('writes lengths of time in hours and minutes', () => {
    expect(formatDuration(45, it_)).toBe('45 min');
    expect(formatDuration(120, it_)).toBe('2 h');
    expect(formatDuration(4035, en)).toBe('67 h 15 min');
  });

  it('writes shares with one decimal, never reaching a minimum they are below', () => {
    expect(formatShare(28, 42, 'it')).toBe('66,7%');
    expect(formatShare(28, 42, 'en')).toBe('66.7%');
    expect(formatShare(12, 12, 'it')).toBe('100%');
    // 79.98 % rounds to 80.0 %, but it is below the minimum of 80 %: shown as 79.9 %.
    expect(formatShare(3999, 5000, 'en', 80)).toBe('79.9%');
    expect(formatShare(4000, 5000, 'en', 80)).toBe('80%');
  });

  it('explains each reason of the risk flag', () => {
    expect(riskText({ code: 'overdue_milestones', count: 1 }, it_)).toBe('1 tappa scaduta e non ancora approvata');
    expect(riskText({ code: 'overdue_reports', count: 2 }, en)).toBe('2 monitoring reports past their due date and not yet approved');
    expect(riskText({ code: 'low_attendance', present: 28, expected: 42, minPercent: 80 }, it_)).toBe(
      'Presenze agli incontri al 66,7%, sotto il minimo previsto dall’avviso (80%)',
    );
  });
});
