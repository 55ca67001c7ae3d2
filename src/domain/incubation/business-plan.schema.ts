import { z } from 'astro/zod';
import { editLines, formStateFromValues, LINE_FIELDS, parseIntent, readPlanForm, type PlanFormIssue, type PlanFormState } from './business-plan-form.ts';
import { COMMENT_MAX_CHARS, commentTargets, planSectionKeys, type FinancialPlan, type PlanSections } from './business-plan-rules.ts';

/**
 * The business-plan forms. The editor posts everything at once; its submit buttons say what to do
 * (`intent`): save, or add/remove a financial line. Adding and removing only change the form (the
 * person saves when ready), so they are never refused for a half-typed amount.
 */
const optionalText = z.string().optional().default('');
const repeated = z.array(z.string()).optional().default([]);

const editorShape = {
  startupId: z.uuid(),
  /** The working copy's version the form was loaded with (0: no plan saved yet). */
  version: z.coerce.number().int().min(0).max(2_000_000_000),
  intent: z.string().optional(),
  ...Object.fromEntries(planSectionKeys.map((k) => [k, optionalText])),
  ...Object.fromEntries(LINE_FIELDS.map((f) => [f, repeated])),
} as Record<string, z.ZodType>;

export type PlanEditorInput =
  | { kind: 'save'; startupId: string; version: number; sections: PlanSections; financial: FinancialPlan }
  | { kind: 'edit'; startupId: string; version: number; state: PlanFormState; refused: 'too_many_lines' | null };

export const planEditorSchema = z.object(editorShape).transform((input, ctx): PlanEditorInput => {
  const startupId = input.startupId as string;
  const version = input.version as number;
  const intent = parseIntent(input.intent as string | undefined);
  if (!intent) {
    ctx.addIssue({ code: 'custom', path: ['intent'], message: 'validation.choice', input: input.intent });
    return z.NEVER;
  }
  const state = formStateFromValues(input);
  if (intent.kind !== 'save') return { kind: 'edit', startupId, version, ...editLines(state, intent) };
  const read = readPlanForm(state);
  for (const issue of read.issues) ctx.addIssue(zodIssue(issue));
  if (read.issues.length > 0) return z.NEVER;
  return { kind: 'save', startupId, version, sections: read.sections, financial: read.financial };
});

/** Length limits read as zod's own (`validation.tooLong {max}`); the rest name this area's codes. */
function zodIssue(issue: PlanFormIssue) {
  const path = issue.field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  if (issue.code === 'too_long') return { code: 'too_big' as const, origin: 'string' as const, maximum: issue.max!, inclusive: true, path, input: '' };
  return { code: 'custom' as const, path, message: `errors.${issue.code}`, input: '' };
}

/** The form lists the editor's repeated fields (read as arrays even with one row). */
export const PLAN_EDITOR_MULTI = LINE_FIELDS;

/** "Save as version N": a snapshot of the working copy as it was when the page was shown. */
export const savePlanVersionSchema = z.object({
  startupId: z.uuid(),
  version: z.coerce.number().int().min(1).max(2_000_000_000),
});
export type SavePlanVersionInput = z.output<typeof savePlanVersionSchema>;

export const planCommentSchema = z.object({
  startupId: z.uuid(),
  section: z.enum(commentTargets),
  body: z.string().trim().min(1).max(COMMENT_MAX_CHARS),
  planVersion: z.coerce.number().int().min(0).max(2_000_000_000).optional(),
});
export type PlanCommentInput = z.output<typeof planCommentSchema>;
