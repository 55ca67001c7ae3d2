import type { AttachmentRequirement, CallQuestion } from '../calls/definitions.ts';
import type { FieldErrors } from '../../lib/validation.ts';
import type { Locale } from '../../lib/i18n/locales.ts';
import type { SubmittedContent } from './content-hash.ts';
import { organisationTypes, validateContent, type CallRules, type ProposalContent } from './content.ts';

/**
 * What a submission checks and records, as pure functions: the content in `submit` mode, every
 * required attachment and file answer, and the two declarations the call demands.
 */

/** Upload purpose of a file answering a `file` question (attachment requirements use their key). */
export const questionPurpose = (key: string) => `question:${key}`;
export const attachmentField = (key: string) => `attachments.${key}`;

export type AttachedFile = { id: string; purpose: string; originalName: string; mime: string; sizeBytes: number; sha256: string };
/** `publicName`: the optional consent to show the proposer's name in published rankings (public-name.ts). */
export type Declarations = { truthfulness: boolean; privacy: boolean; publicName?: boolean };

export type SubmissionCheck = {
  call: CallRules & { id: string; version: number; attachments: readonly AttachmentRequirement[] };
  content: ProposalContent;
  files: readonly AttachedFile[];
  declarations: Declarations;
  locale: Locale;
};

/** Answers with each file question filled from the file currently attached for it. */
export function withFileAnswers(questions: readonly CallQuestion[], content: ProposalContent, files: readonly AttachedFile[]): ProposalContent {
  const answers = { ...content.answers };
  for (const q of questions.filter((x) => x.type === 'file')) {
    const file = files.find((f) => f.purpose === questionPurpose(q.key));
    if (file) answers[q.key] = file.id;
    else delete answers[q.key];
  }
  return { ...content, answers };
}

/** Everything missing or wrong, as field errors; empty when the proposal may be submitted. */
export function checkSubmission({ call, content, files, declarations, locale }: SubmissionCheck): FieldErrors {
  const filled = withFileAnswers(call.questions, content, files);
  const { errors } = validateContent(call, asInput(filled), 'submit', filled, locale);
  for (const requirement of call.attachments) {
    if (requirement.required && !files.some((f) => f.purpose === requirement.key)) {
      errors[attachmentField(requirement.key)] = { key: 'proposals.errors.attachmentMissing' };
    }
  }
  // DPR 445/2000 art. 46-47 and 76: the proposer declares the content true, aware of the penalties.
  if (!declarations.truthfulness) errors.truthfulness = { key: 'validation.mustAccept' };
  // GDPR art. 13: the privacy notice must have been read before personal data are processed.
  if (!declarations.privacy) errors.privacy = { key: 'validation.mustAccept' };
  return errors;
}

/** The content as it is hashed and kept: only what the call asked for, file answers included. */
export function submittedContent(check: Omit<SubmissionCheck, 'declarations' | 'locale'>): SubmittedContent {
  const filled = withFileAnswers(check.call.questions, check.content, check.files);
  const organisation = organisationTypes.includes(filled.applicantType) ? filled.organisationName : null;
  return {
    call: { id: check.call.id, version: check.call.version },
    applicantType: filled.applicantType,
    organisationName: organisation,
    title: filled.title,
    neighbourhoodId: filled.neighbourhoodId,
    requestedCents: filled.requestedCents,
    answers: filled.answers,
    team: filled.team,
    attachments: check.files.map((f) => f.sha256).sort(),
  };
}

function asInput(c: ProposalContent) {
  return {
    applicantType: c.applicantType,
    organisationName: c.organisationName ?? '',
    title: c.title,
    neighbourhoodId: c.neighbourhoodId ?? '',
    requested: c.requestedCents ?? '',
    team: c.team,
    answers: c.answers,
  };
}
