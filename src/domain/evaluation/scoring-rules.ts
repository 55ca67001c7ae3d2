import type { Rubric } from '../calls/definitions.ts';
import type { FieldErrors } from '../../lib/validation.ts';

/**
 * The rules of one evaluator's scoring sheet, pure: when a comment is required, reading the form
 * and the running total (the descriptor scale is descriptor-scale.ts). Points are integers; percentages are
 * compared by cross-multiplying, so no float ever decides a boundary.
 */
export type Criterion = Rubric['criteria'][number];

/** Below this share of the maximum a score must be explained (a low score is a reasoned decision). */
export const LOW_SCORE_PCT = 60;
export const COMMENT_MAX = 4000;

/** The lowest score that needs no comment: 60 % of the maximum, or the criterion's sub-threshold if higher. */
export function commentFreeFrom(criterion: Criterion): number {
  const pct = Math.floor((LOW_SCORE_PCT * criterion.maxPoints + 99) / 100);
  return Math.max(pct, criterion.threshold ?? 0);
}

export function commentRequired(points: number, criterion: Criterion): boolean {
  return points < commentFreeFrom(criterion);
}

/** One criterion as typed: points (null when left empty) and the comment. */
export type ScoreEntry = { points: number | null; comment: string };
export type ScoreEntries = Record<string, ScoreEntry>;

export const scoreField = (key: string) => `score.${key}`;
export const commentField = (key: string) => `comment.${key}`;

/**
 * Reads `score.<criterion>` and `comment.<criterion>` for the rubric's criteria (anything else is
 * ignored) and reports what cannot be a score at all: not a whole number, out of 0..max, a
 * comment too long. Whether the sheet is complete is `checkScores`'s business.
 */
export function readScoreFields(raw: Record<string, unknown>, rubric: Rubric): { entries: ScoreEntries; errors: FieldErrors } {
  const entries: ScoreEntries = {};
  const errors: FieldErrors = {};
  for (const c of rubric.criteria) {
    const text = typeof raw[scoreField(c.key)] === 'string' ? (raw[scoreField(c.key)] as string).trim() : '';
    const comment = typeof raw[commentField(c.key)] === 'string' ? (raw[commentField(c.key)] as string).trim() : '';
    let points: number | null = null;
    if (text !== '') {
      if (!/^[+-]?\d{1,6}$/.test(text)) errors[scoreField(c.key)] = { key: 'validation.integer' };
      else points = Number(text);
      if (points !== null && points < 0) errors[scoreField(c.key)] = { key: 'validation.tooSmall', params: { min: 0 } };
      if (points !== null && points > c.maxPoints) errors[scoreField(c.key)] = { key: 'validation.tooBig', params: { max: c.maxPoints } };
    }
    if (comment.length > COMMENT_MAX) errors[commentField(c.key)] = { key: 'validation.tooLong', params: { max: COMMENT_MAX } };
    entries[c.key] = { points, comment };
  }
  return { entries, errors };
}

/**
 * A draft may be partial, but a comment needs its score (the two are stored together). Sending
 * needs every criterion scored and a comment wherever the score is low.
 */
export function checkScores(rubric: Rubric, entries: ScoreEntries, intent: 'draft' | 'submit'): FieldErrors {
  const errors: FieldErrors = {};
  for (const c of rubric.criteria) {
    const e = entries[c.key] ?? { points: null, comment: '' };
    if (e.points === null) {
      if (intent === 'submit') errors[scoreField(c.key)] = { key: 'validation.required' };
      else if (e.comment !== '') errors[scoreField(c.key)] = { key: 'review.errors.commentNeedsScore' };
    } else if (intent === 'submit' && e.comment === '' && commentRequired(e.points, c)) {
      errors[commentField(c.key)] = { key: 'review.errors.commentRequired', params: { min: commentFreeFrom(c) } };
    }
  }
  return errors;
}

export type RunningTotal = { points: number; max: number; scored: number; criteria: number };

export function totalOf(rubric: Rubric, entries: ScoreEntries): RunningTotal {
  let points = 0;
  let scored = 0;
  for (const c of rubric.criteria) {
    const p = entries[c.key]?.points ?? null;
    if (p === null) continue;
    points += p;
    scored += 1;
  }
  const max = rubric.criteria.reduce((sum, c) => sum + c.maxPoints, 0);
  return { points, max, scored, criteria: rubric.criteria.length };
}

/** The running total of a sheet as typed (after a refused save), counting valid scores only. */
export function typedTotal(rubric: Rubric, raw: Record<string, unknown>): RunningTotal {
  const { entries, errors } = readScoreFields(raw, rubric);
  for (const [key, entry] of Object.entries(entries)) if (errors[scoreField(key)]) entries[key] = { ...entry, points: null };
  return totalOf(rubric, entries);
}
