import type { CallQuestion } from '../calls/definitions.ts';
import type { FieldErrors } from '../../lib/validation.ts';
import { formatMoney } from '../../lib/format.ts';
import type { Locale } from '../../lib/i18n/locales.ts';
import { validateAnswers, type AnswerMode } from './answers.ts';
import type { Answers, TeamMember } from './definitions.ts';
import { parseEuroCents } from '../../lib/money.ts';
import { readTeam, type RawTeamRow } from './team.ts';
import { cleanText, textLength } from './text.ts';

/**
 * The fixed part of a proposal (who applies, title, neighbourhood, amount, team) plus the call's
 * questions, validated together. In `draft` mode a wrong value keeps the previously saved one and
 * is flagged, so an autosave never wipes good content; in `submit` mode everything must be there.
 */
export type ApplicantType = 'individual' | 'informal_group' | 'association' | 'social_cooperative';
export const organisationTypes: readonly ApplicantType[] = ['association', 'social_cooperative'];

export type ProposalContent = {
  applicantType: ApplicantType;
  organisationName: string | null;
  title: string;
  neighbourhoodId: string | null;
  requestedCents: number | null;
  team: TeamMember[];
  answers: Answers;
};

/** What a form sends: strings, and string lists for multiple choices. */
export type ProposalFormInput = {
  applicantType?: unknown;
  organisationName?: unknown;
  title?: unknown;
  neighbourhoodId?: unknown;
  requested?: unknown;
  team?: RawTeamRow[];
  answers?: Record<string, unknown>;
};

export type CallRules = {
  applicantTypes: readonly string[];
  minGroupMembers: number;
  maxGrantCents: number;
  questions: readonly CallQuestion[];
  neighbourhoodIds: readonly string[];
};

export const TITLE_MAX = 200;
export const TITLE_MIN = 5;
export const ORGANISATION_MAX = 200;

export function emptyContent(call: Pick<CallRules, 'applicantTypes'>): ProposalContent {
  const applicantType = (call.applicantTypes[0] ?? 'individual') as ApplicantType;
  return { applicantType, organisationName: null, title: '', neighbourhoodId: null, requestedCents: null, team: [], answers: {} };
}

export function validateContent(
  call: CallRules,
  input: ProposalFormInput,
  mode: AnswerMode,
  previous: ProposalContent,
  locale: Locale = 'it',
): { content: ProposalContent; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const content: ProposalContent = { ...previous };

  const type = typeof input.applicantType === 'string' ? input.applicantType : previous.applicantType;
  if (call.applicantTypes.includes(type)) content.applicantType = type as ApplicantType;
  else errors.applicantType = { key: 'proposals.errors.applicantType' };

  content.title = shortText(input.title, TITLE_MAX, 'title', errors) ?? previous.title;
  if (mode === 'submit' && !errors.title) {
    if (!content.title) errors.title = { key: 'validation.required' };
    else if (textLength(content.title) < TITLE_MIN) errors.title = { key: 'validation.tooShort', params: { min: TITLE_MIN } };
  }

  const organisation = shortText(input.organisationName, ORGANISATION_MAX, 'organisationName', errors);
  content.organisationName = organisation === undefined ? previous.organisationName : organisation || null;
  if (mode === 'submit' && organisationTypes.includes(content.applicantType) && !content.organisationName && !errors.organisationName) {
    errors.organisationName = { key: 'validation.required' };
  }

  content.neighbourhoodId = neighbourhood(call, input.neighbourhoodId, previous.neighbourhoodId, mode, errors);
  content.requestedCents = requested(call, input.requested, previous.requestedCents, mode, errors, locale);

  // A form without team rows (autosave of a partial form, an API call) leaves the team as it is.
  const team = readTeam(input.team ?? previous.team, content.applicantType, call.minGroupMembers, mode);
  Object.assign(errors, team.errors);
  content.team = team.ok ? team.members : previous.team;

  const answers = validateAnswers(call.questions, answersInput(call.questions, input.answers ?? {}, previous.answers), mode, locale);
  Object.assign(errors, answers.errors);
  // A wrong answer keeps its last good value; an emptied one is cleared.
  content.answers = { ...answers.answers };
  for (const q of call.questions) {
    const field = `answers.${q.key}`;
    if (errors[field] && !(q.key in answers.answers) && q.key in previous.answers) content.answers[q.key] = previous.answers[q.key]!;
  }
  return { content, errors };
}

/** Trimmed text, '' when emptied, undefined when absent or refused (with an error). */
function shortText(value: unknown, max: number, field: string, errors: FieldErrors): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') {
    errors[field] = { key: 'validation.invalid' };
    return undefined;
  }
  const cleaned = cleanText(value, false);
  if (textLength(cleaned) > max) {
    errors[field] = { key: 'validation.tooLong', params: { max } };
    return undefined;
  }
  return cleaned;
}

function neighbourhood(call: CallRules, value: unknown, previous: string | null, mode: AnswerMode, errors: FieldErrors): string | null {
  if (call.neighbourhoodIds.length === 0) return null;
  if (value === undefined) return previous;
  if (value === '' || value === null) {
    if (mode === 'submit') errors.neighbourhoodId = { key: 'validation.required' };
    return null;
  }
  if (typeof value === 'string' && call.neighbourhoodIds.includes(value)) return value;
  errors.neighbourhoodId = { key: 'validation.choice' };
  return previous;
}

function requested(call: CallRules, value: unknown, previous: number | null, mode: AnswerMode, errors: FieldErrors, locale: Locale): number | null {
  if (value === undefined) return previous;
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : null;
  if (text === null || text === '') {
    if (mode === 'submit') errors.requested = { key: 'validation.required' };
    return text === '' ? null : previous;
  }
  const cents = typeof value === 'number' && Number.isSafeInteger(value) ? value : parseEuroCents(text);
  if (cents === null) {
    errors.requested = { key: 'proposals.errors.money' };
    return previous;
  }
  // Kept in a draft (flagged), refused at submission: the person sees what they typed and the limit.
  if (call.maxGrantCents > 0 && cents > call.maxGrantCents) {
    errors.requested = { key: 'proposals.errors.overMaxGrant', params: { max: formatMoney(call.maxGrantCents, locale) } };
    return mode === 'draft' ? cents : previous;
  }
  if (mode === 'submit' && cents <= 0) errors.requested = { key: 'proposals.errors.requestedPositive' };
  return cents;
}

/**
 * Form values per question: one value, or the list for multiple choices. Answers to file
 * questions are never taken from the form: they are set when the file is uploaded.
 */
function answersInput(questions: readonly CallQuestion[], raw: Record<string, unknown>, previous: Answers): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const q of questions) {
    if (q.type === 'file') {
      out[q.key] = previous[q.key];
      continue;
    }
    if (!(q.key in raw)) {
      out[q.key] = previous[q.key];
      continue;
    }
    const value = raw[q.key];
    out[q.key] = q.type === 'multiple_choice' || !Array.isArray(value) ? value : value[0];
  }
  return out;
}
