import type { CallQuestion } from '../calls/definitions.ts';
import { parseDay } from '../calls/rome-time.ts';
import type { FieldError, FieldErrors } from '../../lib/validation.ts';
import { formatMoney } from '../../lib/format.ts';
import type { Locale } from '../../lib/i18n/locales.ts';
import type { Answers, AnswerValue } from './definitions.ts';
import { parseEuroCents } from '../../lib/money.ts';
import { cleanText, textLength } from './text.ts';

/**
 * Validates and normalises a proposal's answers against its call's questions.
 *
 * `draft` keeps everything that can be understood, so nothing typed is lost: a text still too
 * short is fine, a text too long or a number out of range is kept and flagged, and a value that
 * cannot be understood (not a number, not a real date, an option the call does not offer) is
 * flagged and not kept. `submit` refuses all of these and also demands every required answer and
 * the minimum lengths. Unknown keys are dropped: only the call's questions are stored.
 *
 * Input values come from a form (strings, string arrays for multiple choice) or from storage
 * (already normalised: numbers, booleans); both are accepted.
 */
export type AnswerMode = 'draft' | 'submit';
export type AnswersResult = { answers: Answers; errors: FieldErrors };

/** The form field name of a question, also the key of its error. */
export const answerField = (key: string) => `answers.${key}`;

/** Above this many characters a text is refused even in a draft (protects the database). */
export const HARD_TEXT_LIMIT = 20_000;

type Outcome = { value: AnswerValue; error?: FieldError } | { error: FieldError } | { empty: true };

export function validateAnswers(
  questions: readonly CallQuestion[],
  raw: Record<string, unknown>,
  mode: AnswerMode,
  locale: Locale = 'it',
): AnswersResult {
  const answers: Answers = {};
  const errors: FieldErrors = {};
  for (const question of questions) {
    const outcome = normalise(question, raw[question.key], mode, locale);
    if ('value' in outcome) answers[question.key] = outcome.value;
    if ('error' in outcome && outcome.error) errors[answerField(question.key)] = outcome.error;
    if ('empty' in outcome && mode === 'submit' && question.required) errors[answerField(question.key)] = { key: 'validation.required' };
  }
  return { answers, errors };
}

function normalise(q: CallQuestion, value: unknown, mode: AnswerMode, locale: Locale): Outcome {
  if (isEmpty(value)) return { empty: true };
  switch (q.type) {
    case 'short_text':
    case 'long_text':
      return text(q, value, mode);
    case 'number':
      return bounded(q, parseInteger(value), mode, String);
    case 'money': {
      const cents = typeof value === 'number' ? (Number.isSafeInteger(value) ? value : null) : parseEuroCents(String(value));
      // Limits of money questions are cents; people read them in euros.
      return bounded(q, cents, mode, (n) => formatMoney(n, locale), 'proposals.errors.money');
    }
    case 'date':
      return dateValue(value);
    case 'single_choice':
      return choice(q, value);
    case 'multiple_choice':
      return choices(q, value);
    case 'yes_no':
      return yesNo(value);
    case 'file':
      return typeof value === 'string' && UUID.test(value) ? { value } : { error: { key: 'validation.invalid' } };
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.every((v) => typeof v !== 'string' || v.trim() === '');
  return false;
}

function text(q: CallQuestion, value: unknown, mode: AnswerMode): Outcome {
  if (typeof value !== 'string') return { error: { key: 'validation.invalid' } };
  const cleaned = cleanText(value, q.type === 'long_text');
  const length = textLength(cleaned);
  if (length > HARD_TEXT_LIMIT) return { error: { key: 'validation.tooLong', params: { max: q.max ?? HARD_TEXT_LIMIT } } };
  // A draft keeps text that is still too long: the person shortens it later, nothing is lost.
  if (q.max !== undefined && length > q.max) return keepWithError(cleaned, mode, { key: 'validation.tooLong', params: { max: q.max } });
  if (mode === 'submit' && q.min !== undefined && length < q.min) return { error: { key: 'validation.tooShort', params: { min: q.min } } };
  return { value: cleaned };
}

/** Draft mode keeps a value that is understood but out of bounds, and still flags it. */
function keepWithError(value: AnswerValue, mode: AnswerMode, error: FieldError): Outcome {
  return mode === 'draft' ? { value, error } : { error };
}

const INTEGER = /^-?(?:\d+|\d{1,3}(?:[.\s\u00a0’']\d{3})+)$/;

function parseInteger(value: unknown): number | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : null;
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  if (!INTEGER.test(trimmed)) return null;
  const n = Number(trimmed.replace(/[.\s\u00a0’']/g, ''));
  return Number.isSafeInteger(n) ? n : null;
}

/** A number out of range is kept in a draft (with its error), like a text still too long. */
function bounded(q: CallQuestion, n: number | null, mode: AnswerMode, show: (n: number) => string, invalidKey = 'validation.integer'): Outcome {
  if (n === null) return { error: { key: invalidKey } };
  if (q.min !== undefined && n < q.min) return keepWithError(n, mode, { key: 'validation.tooSmall', params: { min: show(q.min) } });
  if (q.max !== undefined && n > q.max) return keepWithError(n, mode, { key: 'validation.tooBig', params: { max: show(q.max) } });
  return { value: n };
}

function dateValue(value: unknown): Outcome {
  const day = typeof value === 'string' ? parseDay(value) : null;
  if (!day) return { error: { key: 'validation.date' } };
  const year = Number(day.slice(0, 4));
  return year >= 1900 && year <= 2100 ? { value: day } : { error: { key: 'validation.date' } };
}

function choice(q: CallQuestion, value: unknown): Outcome {
  const allowed = new Set((q.options ?? []).map((o) => o.value));
  return typeof value === 'string' && allowed.has(value) ? { value } : { error: { key: 'validation.choice' } };
}

function choices(q: CallQuestion, value: unknown): Outcome {
  const picked = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string' && v !== '');
  const options = (q.options ?? []).map((o) => o.value);
  if (picked.some((v) => !options.includes(v))) return { error: { key: 'validation.choice' } };
  // Stored in the call's order, each once, whatever order the browser sent them in.
  return { value: options.filter((o) => picked.includes(o)) };
}

function yesNo(value: unknown): Outcome {
  if (value === true || value === 'yes' || value === 'true') return { value: true };
  if (value === false || value === 'no' || value === 'false') return { value: false };
  return { error: { key: 'validation.choice' } };
}
