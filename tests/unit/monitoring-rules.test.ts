import { describe, expect, it } from 'vitest';
import { feedbackRefusal, reportOpensOn, reportPhase, submitRefusal } from '../../src/domain/incubation/monitoring-rules.ts';
import { reportFeedbackSchema, submitReportSchema } from '../../src/domain/incubation/monitoring.schema.ts';
import { validate } from '../../src/lib/validation.ts';

const due = '2026-09-30';

describe('monitoring report workflow', () => {
  it('opens thirty days before the due day', () => {
    expect(reportOpensOn(due)).toBe('2026-08-31');
    expect(reportOpensOn('2026-03-15')).toBe('2026-02-13');
  });

  it('tells the team where each report stands', () => {
    expect(reportPhase({ dueOn: due, status: 'planned' }, '2026-08-30')).toBe('upcoming');
    expect(reportPhase({ dueOn: due, status: 'planned' }, '2026-08-31')).toBe('open');
    expect(reportPhase({ dueOn: due, status: 'in_progress' }, '2026-10-05')).toBe('open');
    expect(reportPhase({ dueOn: due, status: 'submitted' }, '2026-09-01')).toBe('submitted');
    expect(reportPhase({ dueOn: due, status: 'changes_requested' }, '2026-09-01')).toBe('changes_requested');
    expect(reportPhase({ dueOn: due, status: 'approved' }, '2026-09-01')).toBe('approved');
  });

  it('lets the team hand in an open report or a revision, nothing else', () => {
    expect(submitRefusal({ dueOn: due, status: 'planned' }, '2026-08-30')).toBe('report_not_yet_open');
    expect(submitRefusal({ dueOn: due, status: 'planned' }, '2026-08-31')).toBeNull();
    expect(submitRefusal({ dueOn: due, status: 'in_progress' }, '2026-12-01')).toBeNull();
    expect(submitRefusal({ dueOn: due, status: 'submitted' }, '2026-09-10')).toBe('report_awaiting_feedback');
    expect(submitRefusal({ dueOn: due, status: 'approved' }, '2026-09-10')).toBe('report_already_approved');
    // A revision is always welcome, even if the due day was moved later meanwhile.
    expect(submitRefusal({ dueOn: due, status: 'changes_requested' }, '2026-01-01')).toBeNull();
  });

  it('lets the coach decide only on a submitted report', () => {
    expect(feedbackRefusal('submitted')).toBeNull();
    for (const status of ['planned', 'in_progress', 'approved', 'changes_requested'] as const) expect(feedbackRefusal(status)).toBe('report_not_submitted');
  });
});

describe('report input', () => {
  const milestoneId = crypto.randomUUID();
  const form = { milestoneId, peopleServed: '1.250', jobsCreated: '2', revenue: '12.500,50', volunteers: '14', narrative: 'Il doposcuola ha raddoppiato i pomeriggi.' };

  it('reads counts and euros as people type them, revenue in cents', () => {
    expect(validate(submitReportSchema, form)).toEqual({
      ok: true,
      data: { milestoneId, peopleServed: 1250, jobsCreated: 2, revenue: 1_250_050, volunteers: 14, narrative: 'Il doposcuola ha raddoppiato i pomeriggi.' },
    });
    expect(validate(submitReportSchema, { ...form, revenue: '0' })).toMatchObject({ ok: true, data: { revenue: 0 } });
    expect(validate(submitReportSchema, { ...form, revenue: '€ 1,500.25' })).toMatchObject({ ok: true, data: { revenue: 150_025 } });
  });

  it('explains each wrong field', () => {
    const parsed = validate(submitReportSchema, { ...form, peopleServed: '-3', jobsCreated: '', revenue: 'molti', volunteers: '2,5', narrative: '  ' });
    expect(parsed.ok || parsed.errors).toEqual({
      peopleServed: { key: 'validation.tooSmall', params: { min: 0 } },
      jobsCreated: { key: 'validation.required' },
      revenue: { key: 'errors.amount_invalid' },
      volunteers: { key: 'validation.number' },
      narrative: { key: 'validation.required' },
    });
  });

  it('needs feedback text with either decision', () => {
    const ok = validate(reportFeedbackSchema, { milestoneId, decision: 'request_changes', feedback: 'Mancano i ricavi di luglio.', version: '3' });
    expect(ok).toMatchObject({ ok: true, data: { decision: 'request_changes', version: 3 } });
    const bad = validate(reportFeedbackSchema, { milestoneId, decision: 'maybe', feedback: ' ', version: '3' });
    expect(bad.ok || bad.errors).toMatchObject({ decision: { key: 'validation.choice' }, feedback: { key: 'validation.required' } });
  });
});
