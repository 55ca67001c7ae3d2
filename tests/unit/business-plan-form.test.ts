import { describe, expect, it } from 'vitest';
import { parsePlanAmount } from '../../src/domain/incubation/business-plan-amounts.ts';
import { editLines, formStateFromPlan, formStateFromValues, parseIntent, readPlanForm, type PlanFormState } from '../../src/domain/incubation/business-plan-form.ts';
import { markdownParagraphs } from '../../src/domain/incubation/business-plan-plain-text.ts';
import { MAX_LINES, normaliseSections, planViolation, samePlan, SECTION_MAX_CHARS, type FinancialLine } from '../../src/domain/incubation/business-plan-rules.ts';
import { planEditorSchema } from '../../src/domain/incubation/business-plan.schema.ts';
import { validate } from '../../src/lib/validation.ts';

describe('parsePlanAmount', () => {
  it.each([
    ['1.234,56', 123_456],
    ['1234.56', 123_456],
    ['1234,5', 123_450],
    ['1,234.56', 123_456],
    ['€ 900', 90_000],
    ['900 €', 90_000],
    ['12.345', 1_234_500],
    ['0', 0],
    ['', 0],
    ['   ', 0],
    ['1000000000', 100_000_000_000],
    ['1.000.000.000,00', 100_000_000_000],
  ])('%j → %d cents', (text, cents) => {
    expect(parsePlanAmount(text)).toEqual({ ok: true, cents });
  });

  it.each([
    ['-5', 'amount_negative'],
    ['−12,50', 'amount_negative'],
    ['abc', 'amount_invalid'],
    ['1.2.3', 'amount_invalid'],
    ['12,345,6', 'amount_invalid'],
    ['1,234.567', 'amount_invalid'],
    ['1.23456789012', 'amount_invalid'],
    ['12e3', 'amount_invalid'],
    ['1000000000,01', 'amount_too_large'],
    ['1.000.000.001', 'amount_too_large'],
    ['20.000.000.000', 'amount_too_large'],
    ['99999999999999', 'amount_too_large'],
  ])('%j is refused as %s', (text, code) => {
    expect(parsePlanAmount(text)).toEqual({ ok: false, code });
  });
});

const state = (lines: PlanFormState['lines'], sections: Partial<PlanFormState['sections']> = {}): PlanFormState =>
  formStateFromValues({ ...sections, lineKind: lines.map((l) => l.kind), lineLabel: lines.map((l) => l.label), lineYear1: lines.map((l) => l.years[0]), lineYear2: lines.map((l) => l.years[1]), lineYear3: lines.map((l) => l.years[2]) });

describe('readPlanForm', () => {
  it('reads sections and lines into cents, skipping rows left blank', () => {
    const read = readPlanForm(
      state(
        [
          { kind: 'revenue', label: ' Rette ', years: ['1.200', '2400,50', ''] },
          { kind: 'revenue', label: '', years: ['', ' ', ''] },
          { kind: 'cost', label: 'Affitto', years: ['600', '600', '600'] },
        ],
        { summary: '  Un doposcuola.\r\n\r\nIn cortile. ', need: '   ' },
      ),
    );
    expect(read.issues).toEqual([]);
    expect(read.sections).toEqual({ summary: 'Un doposcuola.\n\nIn cortile.' });
    expect(read.financial.lines).toEqual([
      { kind: 'revenue', label: 'Rette', years: [120_000, 240_050, 0] },
      { kind: 'cost', label: 'Affitto', years: [60_000, 60_000, 60_000] },
    ]);
  });

  it('reports every problem with the row it belongs to', () => {
    const read = readPlanForm(
      state(
        [
          { kind: 'revenue', label: 'Quote', years: ['1,2,3', '100', '-4'] },
          { kind: 'cost', label: '', years: ['50', '', ''] },
          { kind: 'cost', label: 'x'.repeat(121), years: ['0', '0', '2.000.000.000'] },
          { kind: 'gift', label: 'Dono', years: ['1', '1', '1'] },
        ],
        { impact: 'a'.repeat(SECTION_MAX_CHARS + 1) },
      ),
    );
    expect(read.issues).toEqual([
      { field: 'impact', code: 'too_long', max: SECTION_MAX_CHARS },
      { field: 'lineYear1.0', code: 'amount_invalid' },
      { field: 'lineYear3.0', code: 'amount_negative' },
      { field: 'lineLabel.1', code: 'label_required' },
      { field: 'lineLabel.2', code: 'too_long', max: 120 },
      { field: 'lineYear3.2', code: 'amount_too_large' },
      { field: 'lineKind.3', code: 'line_kind_invalid' },
    ]);
  });

  it('counts a section after normalising line endings, as the browser counted it', () => {
    const text = 'a\r\n'.repeat(SECTION_MAX_CHARS / 2);
    expect(readPlanForm(state([], { market: text })).issues).toEqual([]);
  });
});

describe('editing lines without saving', () => {
  const rows = state([
    { kind: 'cost', label: 'Affitto', years: ['1', '2', '3'] },
    { kind: 'revenue', label: 'Quote', years: ['x', '', ''] },
  ]);

  it('adds a blank row at the end of its table (revenue rows come first)', () => {
    const { state: added, refused } = editLines(rows, { kind: 'add', lineKind: 'revenue' });
    expect(refused).toBeNull();
    expect(added.lines.map((l) => [l.kind, l.label])).toEqual([
      ['revenue', 'Quote'],
      ['revenue', ''],
      ['cost', 'Affitto'],
    ]);
    // What was typed, even an unreadable amount, stays as typed.
    expect(added.lines[0]!.years).toEqual(['x', '', '']);
  });

  it('removes the row asked for', () => {
    expect(editLines(rows, { kind: 'remove', index: 0 }).state.lines.map((l) => l.label)).toEqual(['Quote']);
  });

  it('refuses to add beyond the limit', () => {
    const full = state(Array.from({ length: MAX_LINES }, (_, i) => ({ kind: 'cost', label: `c${i}`, years: ['1', '1', '1'] })));
    expect(editLines(full, { kind: 'add', lineKind: 'cost' })).toEqual({ state: full, refused: 'too_many_lines' });
  });

  it('reads the submit button', () => {
    expect(parseIntent(undefined)).toEqual({ kind: 'save' });
    expect(parseIntent('save')).toEqual({ kind: 'save' });
    expect(parseIntent('add-cost')).toEqual({ kind: 'add', lineKind: 'cost' });
    expect(parseIntent('remove-12')).toEqual({ kind: 'remove', index: 12 });
    expect(parseIntent('remove-x')).toBeNull();
    expect(parseIntent('drop')).toBeNull();
  });
});

describe('formStateFromPlan', () => {
  it('writes amounts back as the language types them, revenue first', () => {
    const s = formStateFromPlan({ need: 'Bisogno' }, { lines: [{ kind: 'cost', label: 'Affitto', years: [120_050, 0, 100] }, { kind: 'revenue', label: 'Quote', years: [1, 2, 3] }] }, 'it');
    expect(s.sections.need).toBe('Bisogno');
    expect(s.sections.summary).toBe('');
    expect(s.lines).toEqual([
      { kind: 'revenue', label: 'Quote', years: ['0,01', '0,02', '0,03'] },
      { kind: 'cost', label: 'Affitto', years: ['1200,50', '0', '1'] },
    ]);
    expect(readPlanForm(s).financial.lines[1]!.years).toEqual([120_050, 0, 100]);
  });

  it('caps the rows read from a post (a forged form cannot grow without bound)', () => {
    const many = Array.from({ length: 500 }, () => 'x');
    expect(formStateFromValues({ lineLabel: many }).lines).toHaveLength(MAX_LINES + 1);
  });
});

describe('planEditorSchema', () => {
  const base = { startupId: '0b8a4c1e-9d5f-4b7a-8c3e-2f1a6d9e0b7c', version: '3', lineKind: ['revenue'], lineLabel: ['Quote'], lineYear1: ['10'], lineYear2: ['abc'], lineYear3: [''] };

  it('turns problems into field errors the page shows next to the cell', () => {
    const parsed = validate(planEditorSchema, { ...base, intent: 'save', summary: 's'.repeat(SECTION_MAX_CHARS + 1) });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toEqual({
      summary: { key: 'validation.tooLong', params: { max: SECTION_MAX_CHARS } },
      'lineYear2.0': { key: 'errors.amount_invalid' },
    });
  });

  it('adds or removes rows without checking what is half typed', () => {
    const parsed = validate(planEditorSchema, { ...base, intent: 'add-cost' });
    expect(parsed.ok && parsed.data.kind === 'edit' && parsed.data.state.lines.map((l) => l.kind)).toEqual(['revenue', 'cost']);
  });

  it('gives the use case cents and the version the form was loaded with', () => {
    const parsed = validate(planEditorSchema, { ...base, lineYear2: ['1.000,10'], intent: 'save' });
    expect(parsed.ok && parsed.data).toEqual({
      kind: 'save',
      startupId: base.startupId,
      version: 3,
      sections: {},
      financial: { lines: [{ kind: 'revenue', label: 'Quote', years: [1000, 100_010, 0] }] },
    });
  });

  it('refuses an unknown button', () => {
    expect(validate(planEditorSchema, { ...base, intent: 'explode' }).ok).toBe(false);
  });
});

describe('plan rules', () => {
  const line = (over: Partial<FinancialLine> = {}): FinancialLine => ({ kind: 'cost', label: 'Affitto', years: [1, 2, 3], ...over });

  it('finds the first broken rule of a plan that did not come through the form', () => {
    expect(planViolation({ summary: 'ok' }, { lines: [line()] })).toBeNull();
    expect(planViolation({ summary: 'x'.repeat(SECTION_MAX_CHARS + 1) }, { lines: [] })).toEqual({ code: 'section_too_long', field: 'summary', max: SECTION_MAX_CHARS });
    expect(planViolation({ ['other' as 'summary']: 'x' }, { lines: [] })).toMatchObject({ code: 'section_unknown' });
    expect(planViolation({}, { lines: Array.from({ length: MAX_LINES + 1 }, () => line()) })).toMatchObject({ code: 'too_many_lines', max: MAX_LINES });
    expect(planViolation({}, { lines: [line(), line({ label: ' ' })] })).toEqual({ code: 'label_required', field: 'lineLabel.1' });
    expect(planViolation({}, { lines: [line({ years: [1, -1, 0] })] })).toEqual({ code: 'amount_invalid', field: 'lineYear2.0' });
    expect(planViolation({}, { lines: [line({ years: [1, 0.5, 0] })] })).toEqual({ code: 'amount_invalid', field: 'lineYear2.0' });
    expect(planViolation({}, { lines: [line({ years: [1, 0, 1e11 + 1] })] })).toEqual({ code: 'amount_too_large', field: 'lineYear3.0' });
    expect(planViolation({}, { lines: [line({ years: [1, 2] })] })).toMatchObject({ code: 'amount_invalid' });
    expect(planViolation({}, { lines: [line({ kind: 'gift' as 'cost' })] })).toMatchObject({ code: 'line_kind_invalid' });
  });

  it('compares plans by content', () => {
    const a = { sections: { summary: 'x' }, financial: { lines: [line()] } };
    expect(samePlan(a, { sections: { summary: 'x', need: '' }, financial: { lines: [line()] } })).toBe(true);
    expect(samePlan(a, { sections: { summary: 'x' }, financial: { lines: [line({ years: [1, 2, 4] })] } })).toBe(false);
    expect(samePlan(a, { sections: { summary: 'y' }, financial: { lines: [line()] } })).toBe(false);
  });

  it('keeps only known, non-empty sections', () => {
    expect(normaliseSections({ summary: ' a ', need: '', bogus: 'x' })).toEqual({ summary: 'a' });
  });
});

describe('markdownParagraphs (PDF text)', () => {
  it('turns markdown into plain paragraphs, keeping list markers and link addresses', () => {
    const md = '# Chi siamo & cosa\n\nUn **doposcuola** con [sito](https://esempio.it) e <b>html</b>.\n\n- uno\n- due\n\n1. primo\n2. secondo\n\n> citazione';
    expect(markdownParagraphs(md)).toEqual([
      'Chi siamo & cosa',
      'Un doposcuola con sito (https://esempio.it) e <b>html</b>.',
      '• uno',
      '• due',
      '1. primo',
      '2. secondo',
      '| citazione',
    ]);
    expect(markdownParagraphs('  ')).toEqual([]);
  });
});
