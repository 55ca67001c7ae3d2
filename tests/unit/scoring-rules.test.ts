import { describe, expect, it } from 'vitest';
import type { Rubric } from '../../src/domain/calls/definitions.ts';
import { checkScores, commentFreeFrom, commentRequired, readScoreFields, totalOf, typedTotal } from '../../src/domain/evaluation/scoring-rules.ts';

const rubric: Rubric = {
  criteria: [
    { key: 'need', label: { it: 'Bisogno', en: 'Need' }, maxPoints: 30, threshold: 20 },
    { key: 'feasibility', label: { it: 'Fattibilità', en: 'Feasibility' }, maxPoints: 25 },
    { key: 'team', label: { it: 'Gruppo', en: 'Team' }, maxPoints: 15 },
  ],
  threshold: 40,
};
const [need, feasibility, team] = rubric.criteria as [Rubric['criteria'][number], Rubric['criteria'][number], Rubric['criteria'][number]];

describe('low-score comment rule', () => {
  it('asks for a comment below 60 % of the maximum', () => {
    expect(commentFreeFrom(feasibility)).toBe(15);
    expect(commentRequired(14, feasibility)).toBe(true);
    expect(commentRequired(15, feasibility)).toBe(false);
    // 60 % of 15 is 9.
    expect(commentRequired(8, team)).toBe(true);
    expect(commentRequired(9, team)).toBe(false);
  });

  it('asks for it below the criterion’s sub-threshold when that is higher', () => {
    // 60 % of 30 = 18, but the sub-threshold is 20.
    expect(commentFreeFrom(need)).toBe(20);
    expect(commentRequired(19, need)).toBe(true);
    expect(commentRequired(20, need)).toBe(false);
  });
});

describe('reading the sheet', () => {
  it('reads whole scores and trimmed comments for the rubric’s criteria only', () => {
    const { entries, errors } = readScoreFields({ 'score.need': ' 21 ', 'comment.need': '  Chiaro.  ', 'score.feasibility': '', 'score.unknown': '5' }, rubric);
    expect(errors).toEqual({});
    expect(entries).toEqual({
      need: { points: 21, comment: 'Chiaro.' },
      feasibility: { points: null, comment: '' },
      team: { points: null, comment: '' },
    });
  });

  it.each([
    ['7,5', { key: 'validation.integer' }],
    ['abc', { key: 'validation.integer' }],
    ['-1', { key: 'validation.tooSmall', params: { min: 0 } }],
    ['31', { key: 'validation.tooBig', params: { max: 30 } }],
  ])('refuses %j as a score', (text, error) => {
    expect(readScoreFields({ 'score.need': text }, rubric).errors).toEqual({ 'score.need': error });
  });

  it('refuses a comment longer than 4000 characters', () => {
    expect(readScoreFields({ 'score.team': '10', 'comment.team': 'x'.repeat(4001) }, rubric).errors).toEqual({ 'comment.team': { key: 'validation.tooLong', params: { max: 4000 } } });
  });
});

describe('checkScores', () => {
  const entries = (values: Record<string, [number | null, string]>) =>
    Object.fromEntries(Object.entries(values).map(([k, [points, comment]]) => [k, { points, comment }]));

  it('lets a draft be partial, but not a comment without its score', () => {
    expect(checkScores(rubric, entries({ need: [5, ''], feasibility: [null, ''], team: [null, 'Da rivedere'] }), 'draft')).toEqual({
      'score.team': { key: 'review.errors.commentNeedsScore' },
    });
  });

  it('needs every score and a comment on each low one to send', () => {
    expect(checkScores(rubric, entries({ need: [19, ''], feasibility: [20, ''], team: [null, ''] }), 'submit')).toEqual({
      'comment.need': { key: 'review.errors.commentRequired', params: { min: 20 } },
      'score.team': { key: 'validation.required' },
    });
    expect(checkScores(rubric, entries({ need: [19, 'Bisogno poco documentato.'], feasibility: [0, 'Nessun piano.'], team: [15, ''] }), 'submit')).toEqual({});
  });
});

describe('running total', () => {
  it('adds the scored criteria and counts them against the rubric', () => {
    expect(totalOf(rubric, { need: { points: 21, comment: '' }, feasibility: { points: null, comment: '' }, team: { points: 12, comment: '' } })).toEqual({
      points: 33,
      max: 70,
      scored: 2,
      criteria: 3,
    });
  });

  it('after a refused save, follows what was typed and leaves out what is not a valid score', () => {
    expect(typedTotal(rubric, { 'score.need': '25', 'score.feasibility': '99', 'score.team': 'dieci' })).toEqual({ points: 25, max: 70, scored: 1, criteria: 3 });
  });
});
