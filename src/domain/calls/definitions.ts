import { z } from 'astro/zod';

/**
 * The configurable parts of a call, stored as JSON on the call row and validated with these
 * schemas whenever staff save them. Every text shown to people has an Italian and an English form.
 */
export const localizedText = z.object({ it: z.string().trim().min(1).max(2000), en: z.string().trim().min(1).max(2000) });
export type LocalizedText = z.infer<typeof localizedText>;
const optionalLocalized = z.object({ it: z.string().trim().max(2000), en: z.string().trim().max(2000) });

export const themes = ['social_inclusion', 'environment', 'culture', 'education', 'care', 'employment', 'mobility', 'digital', 'housing', 'sport'] as const;
export type Theme = (typeof themes)[number];

export const applicantTypes = ['individual', 'informal_group', 'association', 'social_cooperative'] as const;
export type ApplicantType = (typeof applicantTypes)[number];

const key = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'validation.invalid');

/** A yes/no question of the eligibility self-check; one answer excludes, with the reason shown. */
export const eligibilityQuestion = z.object({
  key,
  text: localizedText,
  excludingAnswer: z.enum(['yes', 'no']),
  reason: localizedText,
  /** What to do instead (another call, the help desk, forming a group…). */
  alternative: optionalLocalized.optional(),
});
export type EligibilityQuestion = z.infer<typeof eligibilityQuestion>;

/** File kinds a requirement may accept, each checked by content (src/domain/files/sniff.ts). */
export const fileKinds = ['pdf', 'image', 'office', 'text'] as const;
export type FileKind = (typeof fileKinds)[number];

export const attachmentRequirement = z.object({
  key,
  label: localizedText,
  required: z.boolean(),
  kinds: z.array(z.enum(fileKinds)).min(1),
  /** Bytes; at most 20 MB per file. */
  maxBytes: z.number().int().min(1024).max(20 * 1024 * 1024),
});
export type AttachmentRequirement = z.infer<typeof attachmentRequirement>;

export const questionTypes = ['short_text', 'long_text', 'number', 'money', 'date', 'single_choice', 'multiple_choice', 'yes_no', 'file'] as const;
export type QuestionType = (typeof questionTypes)[number];

export const callQuestion = z.object({
  key,
  section: localizedText,
  type: z.enum(questionTypes),
  label: localizedText,
  help: optionalLocalized.optional(),
  required: z.boolean(),
  /** Text: characters. Number: value. Money: cents. */
  min: z.number().int().min(0).optional(),
  max: z.number().int().min(0).optional(),
  options: z.array(z.object({ value: key, label: localizedText })).optional(),
  /** For `file` questions. */
  kinds: z.array(z.enum(fileKinds)).optional(),
  maxBytes: z.number().int().min(1024).max(20 * 1024 * 1024).optional(),
});
export type CallQuestion = z.infer<typeof callQuestion>;

export const rubricCriterion = z.object({
  key,
  label: localizedText,
  description: optionalLocalized.optional(),
  maxPoints: z.number().int().min(1).max(100),
  /** Minimum points on this criterion to stay eligible (sub-threshold), if any. */
  threshold: z.number().int().min(0).optional(),
});
export const rubric = z.object({
  criteria: z.array(rubricCriterion),
  /** Minimum total to be eligible for funding. */
  threshold: z.number().int().min(0),
});
export type Rubric = z.infer<typeof rubric>;
