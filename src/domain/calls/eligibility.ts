import type { EligibilityQuestion } from './definitions.ts';

/**
 * The eligibility self-check on a call page: yes/no questions, each with the answer that excludes
 * and the reason shown. It only advises the person before they start; the formal admissibility
 * check after submission is the staff's.
 */
export type EligibilityAnswer = 'yes' | 'no';
export type EligibilityAnswers = Record<string, EligibilityAnswer>;

export type EligibilityResult = {
  /** Every question has an answer. */
  complete: boolean;
  /** Complete and no answer excludes. */
  eligible: boolean;
  /** The questions whose answer excludes, in the call's order. */
  failures: EligibilityQuestion[];
};

export function checkEligibility(questions: readonly EligibilityQuestion[], answers: EligibilityAnswers): EligibilityResult {
  const failures = questions.filter((q) => answers[q.key] === q.excludingAnswer);
  const complete = questions.every((q) => answers[q.key] === 'yes' || answers[q.key] === 'no');
  return { complete, eligible: complete && failures.length === 0, failures };
}

/** The form field of a question: `q_<key>`. */
export const answerField = (key: string) => `q_${key}`;

/**
 * Reads the answers of the self-check form (`?check=1&q_<key>=yes|no`), keeping only known
 * questions and the two valid answers: anything else counts as unanswered.
 */
export function parseEligibilityAnswers(questions: readonly EligibilityQuestion[], params: { get(name: string): string | null }): EligibilityAnswers {
  const answers: EligibilityAnswers = {};
  for (const q of questions) {
    const value = params.get(answerField(q.key));
    if (value === 'yes' || value === 'no') answers[q.key] = value;
  }
  return answers;
}
