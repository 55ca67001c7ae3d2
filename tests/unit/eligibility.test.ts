import { describe, expect, it } from 'vitest';
import { checkEligibility, parseEligibilityAnswers } from '../../src/domain/calls/eligibility.ts';
import type { EligibilityQuestion } from '../../src/domain/calls/definitions.ts';
import { sampleEligibility } from '../factories/calls.ts';

const text = (s: string) => ({ it: s, en: s });
/** One question that excludes on "no" (adult) and one that excludes on "yes" (already funded). */
const questions: EligibilityQuestion[] = [
  sampleEligibility[0]!,
  { key: 'funded', text: text('Already funded?'), excludingAnswer: 'yes', reason: text('No double funding.'), alternative: text('Try next year.') },
];

describe('checkEligibility', () => {
  it.each([
    [{ adult: 'yes', funded: 'no' }, { complete: true, eligible: true, failures: [] }],
    [{ adult: 'no', funded: 'no' }, { complete: true, eligible: false, failures: ['adult'] }],
    [{ adult: 'yes', funded: 'yes' }, { complete: true, eligible: false, failures: ['funded'] }],
    [{ adult: 'no', funded: 'yes' }, { complete: true, eligible: false, failures: ['adult', 'funded'] }],
    [{ adult: 'yes' }, { complete: false, eligible: false, failures: [] }],
    [{ funded: 'yes' }, { complete: false, eligible: false, failures: ['funded'] }],
    [{}, { complete: false, eligible: false, failures: [] }],
  ] as const)('%j → %j', (answers, expected) => {
    const result = checkEligibility(questions, answers);
    expect({ ...result, failures: result.failures.map((f) => f.key) }).toEqual(expected);
  });

  it('returns the failing questions themselves, with their reason and what to do instead', () => {
    const [failure] = checkEligibility(questions, { adult: 'no', funded: 'no' }).failures;
    expect(failure?.reason.it).toBe('Possono partecipare solo persone maggiorenni.');
    expect(failure?.alternative?.en).toBe('You can take part with a group of adults or an association.');
  });

  it('a call without questions lets everyone through', () => {
    expect(checkEligibility([], {})).toEqual({ complete: true, eligible: true, failures: [] });
  });

  it('ignores answers to questions the call does not ask', () => {
    expect(checkEligibility(questions, { adult: 'yes', funded: 'no', other: 'no' }).eligible).toBe(true);
  });
});

describe('parseEligibilityAnswers', () => {
  it('reads q_<key>=yes|no for the call’s questions only', () => {
    const params = new URLSearchParams('check=1&q_adult=yes&q_funded=no&q_other=yes');
    expect(parseEligibilityAnswers(questions, params)).toEqual({ adult: 'yes', funded: 'no' });
  });

  it.each(['YES', 'si', '', 'true', '1', 'yes '])('treats %j as unanswered', (value) => {
    const params = new URLSearchParams({ q_adult: value, q_funded: 'no' });
    expect(parseEligibilityAnswers(questions, params)).toEqual({ funded: 'no' });
    expect(checkEligibility(questions, parseEligibilityAnswers(questions, params)).complete).toBe(false);
  });
});
