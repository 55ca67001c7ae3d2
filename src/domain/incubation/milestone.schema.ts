import { z } from 'astro/zod';
import type { FileKind } from '../calls/definitions.ts';
import { milestoneKindEnum } from '../../../db/schema/index.ts';

/** Limits of a deliverable (characters) and of its attachments. */
export const DELIVERABLE_MAX = 20_000;
export const FEEDBACK_MAX = 8000;
export const REASON_MAX = 1000;
/** Documents, spreadsheets, scans and plain text: what a business model or a deed of incorporation comes as. */
export const DELIVERABLE_FILE = { purpose: 'files', kinds: ['pdf', 'office', 'image', 'text'] as readonly FileKind[], maxBytes: 10 * 1024 * 1024 } as const;
export const DELIVERABLE_MAX_FILES = 5;
/** All files of one submission together: the request must stay under astro.config's actionBodySizeLimit (25 MB). */
export const DELIVERABLE_MAX_TOTAL_BYTES = 20 * 1024 * 1024;

export const milestoneKinds = milestoneKindEnum.enumValues;
export const decisions = ['approve', 'request_changes'] as const;
export type Decision = (typeof decisions)[number];

const uuid = z.uuid();
const ROME_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** `YYYY-MM-DD` naming a real day (not 2026-02-30: Date would roll it over, or fail on month 13). */
export function isCalendarDay(value: string): boolean {
  if (!ROME_DAY.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** A calendar day typed in a date field (`YYYY-MM-DD`), real and within the programme's horizon. */
export const romeDay = z
  .string()
  .trim()
  .min(1)
  .refine(isCalendarDay, 'validation.invalid')
  .refine((v) => v >= '2000-01-01' && v <= '2099-12-31', 'validation.invalid');

/** The team hands in a milestone's work: markdown text, and files chosen in one `multiple` input. */
export const submitDeliverableSchema = z.object({
  milestoneId: uuid,
  body: z.string().trim().min(1, 'errors.deliverable_required').max(DELIVERABLE_MAX),
  files: z.array(z.unknown()).default([]),
});

/** The coach's decision on the submission the page showed (`deliverableId`), so a stale one is refused. */
export const decideDeliverableSchema = z.object({
  milestoneId: uuid,
  deliverableId: uuid,
  decision: z.enum(decisions),
  feedback: z.string().trim().max(FEEDBACK_MAX).default(''),
});
export type DecideDeliverableInput = z.output<typeof decideDeliverableSchema>;

/** Staff move a due date, saying why; `version` is the milestone the form showed. */
export const changeDueDateSchema = z.object({
  milestoneId: uuid,
  dueOn: romeDay,
  reason: z.string().trim().min(1, 'errors.reason_required').max(REASON_MAX),
  version: z.coerce.number().int().min(1),
});
export type ChangeDueDateInput = z.output<typeof changeDueDateSchema>;

/** The call's incubation rules. */
export const incubationSettingsSchema = z.object({
  callId: uuid,
  minAttendancePercent: z.coerce.number().int().min(0).max(100),
  reminderDaysBefore: z.coerce.number().int().min(0).max(60),
});
export type IncubationSettingsInput = z.output<typeof incubationSettingsSchema>;

/** Repeated fields of the template editor: one value per row, in the form's order. */
export const templateFields = ['kind', 'titleIt', 'titleEn', 'dueAfterDays', 'everyMonths', 'repeatCount', 'remove'] as const;
const column = z.array(z.string()).default([]);
export const milestoneTemplateSchema = z.object({
  callId: uuid,
  kind: column,
  titleIt: column,
  titleEn: column,
  dueAfterDays: column,
  everyMonths: column,
  repeatCount: column,
  /** Indexes of the rows marked for removal. */
  remove: column,
});
export type MilestoneTemplateForm = z.output<typeof milestoneTemplateSchema>;

/** A file field left empty arrives as a nameless, empty File: that is "no file". */
export function chosenFiles(values: readonly unknown[]): File[] {
  return values.filter((v): v is File => v instanceof File && (v.size > 0 || v.name !== ''));
}
