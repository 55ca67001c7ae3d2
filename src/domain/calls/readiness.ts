import type { calls } from '../../../db/schema/index.ts';
import { listsValid, rubricTotal } from './lists.ts';

/** A call's rubric is scored out of 100 points, as in the city's calls (research §4). */
export const RUBRIC_TOTAL = 100;

/**
 * What a call needs before the public sees it, and keeps needing after every amendment. Each
 * problem is a catalogue key (`staffCalls.errors.<problem>`), shown as a checklist to staff.
 */
export const readinessProblems = [
  'ready_title',
  'ready_summary',
  'ready_body',
  'ready_themes',
  'ready_applicants',
  'ready_neighbourhoods',
  'ready_dates',
  'ready_closes_past',
  'ready_budget',
  'ready_questions',
  'ready_rubric_total',
  'ready_configuration',
] as const;
export type ReadinessProblem = (typeof readinessProblems)[number];

type CallShape = Pick<
  typeof calls.$inferSelect,
  | 'titleIt'
  | 'titleEn'
  | 'summaryIt'
  | 'summaryEn'
  | 'bodyIt'
  | 'bodyEn'
  | 'themes'
  | 'applicantTypes'
  | 'opensAt'
  | 'closesAt'
  | 'budgetCents'
  | 'maxGrantCents'
  | 'questions'
  | 'attachments'
  | 'eligibility'
  | 'rubric'
>;

const both = (it: string, en: string) => it.trim() !== '' && en.trim() !== '';

export function publishProblems(call: CallShape, neighbourhoodCount: number, now: Date): ReadinessProblem[] {
  const checks: [ReadinessProblem, boolean][] = [
    ['ready_title', both(call.titleIt, call.titleEn)],
    ['ready_summary', both(call.summaryIt, call.summaryEn)],
    ['ready_body', both(call.bodyIt, call.bodyEn)],
    ['ready_themes', call.themes.length > 0],
    ['ready_applicants', call.applicantTypes.length > 0],
    ['ready_neighbourhoods', neighbourhoodCount > 0],
    ['ready_dates', call.closesAt > call.opensAt],
    ['ready_closes_past', call.closesAt > now],
    ['ready_budget', call.budgetCents > 0 && call.maxGrantCents > 0 && call.maxGrantCents <= call.budgetCents],
    ['ready_questions', call.questions.length > 0],
    ['ready_rubric_total', rubricTotal(call.rubric) === RUBRIC_TOTAL && call.rubric.threshold <= RUBRIC_TOTAL],
    ['ready_configuration', listsValid(call)],
  ];
  return checks.filter(([, ok]) => !ok).map(([problem]) => problem);
}
