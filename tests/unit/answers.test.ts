import { describe, expect, it } from 'vitest';
import type { CallQuestion } from '../../src/domain/calls/definitions.ts';
import { validateAnswers } from '../../src/domain/proposals/answers.ts';
import { centsToInput, parseEuroCents } from '../../src/lib/money.ts';

const label = { it: 'Domanda', en: 'Question' };
const section = { it: 'Sezione', en: 'Section' };
const q = (key: string, type: CallQuestion['type'], extra: Partial<CallQuestion> = {}): CallQuestion => ({ key, section, label, type, required: false, ...extra });
const options = ['children', 'elderly', 'migrants'].map((value) => ({ value, label }));

const questions: CallQuestion[] = [
  q('need', 'long_text', { required: true, min: 20, max: 200 }),
  q('name', 'short_text', { max: 10 }),
  q('people', 'number', { required: true, min: 1, max: 1000 }),
  q('cofinancing', 'money', { min: 0, max: 1_000_000 }),
  q('start', 'date'),
  q('target', 'single_choice', { options }),
  q('groups', 'multiple_choice', { options }),
  q('space', 'yes_no', { required: true }),
  q('plan', 'file', { required: true }),
];

describe('parseEuroCents: euros as people type them, to integer cents', () => {
  it.each([
    ['1500', 150_000],
    ['1.500', 150_000],
    ['1.500,50', 150_050],
    ['1500,5', 150_050],
    ['1500.50', 150_050],
    ['1,500.50', 150_050],
    ['1,500', 150_000],
    ['€ 1.500,00', 150_000],
    ['1 500,50 €', 150_050],
    ['12.345.678,9', 1_234_567_890],
    ['0,10', 10],
    ['0.1', 10],
    ['2,30', 230],
  ])('%s → %d cents', (text, cents) => {
    expect(parseEuroCents(text)).toBe(cents);
  });

  it.each(['', 'abc', '1,2,3', '1.500.50', '1,5055', '-5', '1.50,000', '12,', '1.5e3', '99999999999999', '1.2345'])('refuses %j', (text) => {
    expect(parseEuroCents(text)).toBeNull();
  });

  it('has no floating point drift', () => {
    expect(parseEuroCents('0,29')).toBe(29);
    expect(parseEuroCents('1.234.567,89')).toBe(123_456_789);
    expect(centsToInput(150_050, 'it')).toBe('1500,50');
    expect(centsToInput(150_000, 'en')).toBe('1500');
  });
});

describe('validateAnswers in draft mode', () => {
  it('keeps what can be understood, normalised, and flags only wrong values', () => {
    const { answers, errors } = validateAnswers(
      questions,
      {
        need: 'Troppo corta',
        people: '1.200',
        cofinancing: '1.500,50',
        start: '31/12/2026',
        target: 'elderly',
        groups: ['migrants', 'children', ''],
        space: 'yes',
        unknown: 'dropped',
      },
      'draft',
    );
    expect(answers).toEqual({ need: 'Troppo corta', people: 1200, cofinancing: 150_050, start: '2026-12-31', target: 'elderly', groups: ['children', 'migrants'], space: true });
    // 1.200 is above the maximum of 1000: kept in the draft, and flagged.
    expect(errors).toEqual({ 'answers.people': { key: 'validation.tooBig', params: { max: '1000' } } });
  });

  it('does not demand required answers or minimum lengths yet', () => {
    expect(validateAnswers(questions, {}, 'draft')).toEqual({ answers: {}, errors: {} });
  });

  it('keeps a text that is too long, with an error, so nothing typed is lost', () => {
    const { answers, errors } = validateAnswers(questions, { name: 'Associazione Lunga' }, 'draft');
    expect(answers.name).toBe('Associazione Lunga');
    expect(errors['answers.name']).toEqual({ key: 'validation.tooLong', params: { max: 10 } });
  });

  it.each([
    ['people', 'tanti', 'validation.integer'],
    ['people', '1,5', 'validation.integer'],
    ['cofinancing', 'mille euro', 'proposals.errors.money'],
    ['start', '30/02/2026', 'validation.date'],
    ['start', '2026-13-01', 'validation.date'],
    ['target', 'aliens', 'validation.choice'],
    ['groups', ['children', 'aliens'], 'validation.choice'],
    ['space', 'maybe', 'validation.choice'],
    ['plan', '../../etc/passwd', 'validation.invalid'],
  ])('%s = %j is refused with %s and not kept', (key, value, error) => {
    const { answers, errors } = validateAnswers(questions, { [key]: value }, 'draft');
    expect(answers).not.toHaveProperty(key);
    expect(errors[`answers.${key}`]?.key).toBe(error);
  });

  it('shows money limits in euros in the reader’s language', () => {
    const limits = [q('amount', 'money', { min: 100_00, max: 5_000_00 })];
    expect(validateAnswers(limits, { amount: '6000' }, 'draft', 'it').errors['answers.amount']).toEqual({ key: 'validation.tooBig', params: { max: '5.000,00\u00a0€' } });
    expect(validateAnswers(limits, { amount: '50' }, 'draft', 'en').errors['answers.amount']).toEqual({ key: 'validation.tooSmall', params: { min: '€100.00' } });
  });

  it('stores HTML as plain text, cleaned of control characters and Windows line endings', () => {
    const { answers } = validateAnswers(questions, { need: '<script>alert(1)</script>\r\nriga due\u0000', name: 'a\nb' }, 'draft');
    expect(answers.need).toBe('<script>alert(1)</script>\nriga due');
    expect(answers.name).toBe('a b');
  });

  it('counts characters, not UTF-16 units', () => {
    const { errors } = validateAnswers([q('short', 'short_text', { max: 3 })], { short: '🌱🌱🌱' }, 'draft');
    expect(errors).toEqual({});
  });

  it('accepts values already stored (numbers, booleans, arrays)', () => {
    const stored = { need: 'x'.repeat(30), people: 12, cofinancing: 500, space: false, groups: ['elderly'], plan: '7d1f1a7e-6c2b-4c1e-9a53-0c1f1b2c3d4e' };
    expect(validateAnswers(questions, stored, 'submit')).toEqual({ answers: stored, errors: {} });
  });
});

describe('validateAnswers in submit mode', () => {
  it('demands every required answer and the minimum lengths', () => {
    const { errors } = validateAnswers(questions, { need: 'breve', people: '  ' }, 'submit');
    expect(errors).toEqual({
      'answers.need': { key: 'validation.tooShort', params: { min: 20 } },
      'answers.people': { key: 'validation.required' },
      'answers.space': { key: 'validation.required' },
      'answers.plan': { key: 'validation.required' },
    });
  });

  it('refuses a text over its maximum instead of keeping it', () => {
    const { answers, errors } = validateAnswers(questions, { name: 'x'.repeat(11) }, 'submit');
    expect(answers).not.toHaveProperty('name');
    expect(errors['answers.name']?.key).toBe('validation.tooLong');
  });

  it('treats an emptied multiple choice as missing', () => {
    const required = [q('groups', 'multiple_choice', { options, required: true })];
    expect(validateAnswers(required, { groups: [''] }, 'submit').errors).toEqual({ 'answers.groups': { key: 'validation.required' } });
  });
});
