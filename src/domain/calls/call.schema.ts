import { z } from 'astro/zod';
import { euroField, intField, requiredText, textOrEmpty, uuidList } from '../programmes/fields.ts';
import { applicantTypes, themes } from './definitions.ts';
import { parseDay, parseTime, romeDateTimeToUtc } from './rome-time.ts';

/**
 * The inputs of the call editor. Dates and times are typed as staff read them on the wall in
 * Italy and become UTC instants here; amounts are typed in euros and become integer cents.
 */

/** Lowercase words joined by hyphens: part of the public address `/{lang}/calls/{slug}`. */
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
/** The protocol number's prefix, e.g. IDEA in `IDEA-2026-000123`. */
const PROTOCOL_PREFIX = /^[A-Z]{2,10}$/;

const day = z
  .string({ message: 'validation.required' })
  .trim()
  .min(1)
  .refine((v) => parseDay(v) !== null, 'validation.date');
const time = z
  .string({ message: 'validation.required' })
  .trim()
  .min(1)
  .refine((v) => parseTime(v) !== null, 'errors.time_format');

export const noteFields = {
  noteIt: z.string().trim().max(4000).optional(),
  noteEn: z.string().trim().max(4000).optional(),
};
export type AmendmentNote = { it: string; en: string };

/**
 * Both languages or neither: a published call's change needs a note in each (checked by the use
 * case, which knows whether the call is published); a note in one language only is an error here.
 */
function noteOf(value: { noteIt?: string; noteEn?: string }, ctx: z.RefinementCtx): AmendmentNote | null {
  const [it, en] = [value.noteIt ?? '', value.noteEn ?? ''];
  if (!it && !en) return null;
  if (!it) ctx.addIssue({ code: 'custom', path: ['noteIt'], message: 'validation.required' });
  if (!en) ctx.addIssue({ code: 'custom', path: ['noteEn'], message: 'validation.required' });
  return { it, en };
}

const basicsFields = z.object({
  callId: z.uuid().optional(),
  slug: z
    .string()
    .trim()
    .max(80)
    .optional()
    .transform((v) => v || null)
    .refine((v) => v === null || SLUG.test(v), 'errors.slug_format'),
  titleIt: requiredText(300),
  titleEn: textOrEmpty(300),
  summaryIt: textOrEmpty(1000),
  summaryEn: textOrEmpty(1000),
  bodyIt: textOrEmpty(50_000),
  bodyEn: textOrEmpty(50_000),
  themes: z.array(z.enum(themes)).max(themes.length),
  applicantTypes: z.array(z.enum(applicantTypes)).max(applicantTypes.length),
  minGroupMembers: intField(2, 50),
  opensDate: day,
  opensTime: time,
  closesDate: day,
  closesTime: time,
  budget: euroField,
  maxGrant: euroField,
  minCofinancingPct: intField(0, 100),
  observationDays: intField(0, 90),
  protocolPrefix: z
    .string({ message: 'validation.required' })
    .trim()
    .min(1)
    .transform((v) => v.toUpperCase())
    .refine((v) => PROTOCOL_PREFIX.test(v), 'errors.protocol_prefix_format'),
  programmeId: z.uuid({ message: 'validation.choice' }),
  neighbourhoodIds: uuidList,
  ...noteFields,
});

export const callBasicsSchema = basicsFields.transform((v, ctx) => {
  const opensAt = romeDateTimeToUtc(v.opensDate, v.opensTime);
  const closesAt = romeDateTimeToUtc(v.closesDate, v.closesTime);
  if (!opensAt) ctx.addIssue({ code: 'custom', path: ['opensTime'], message: 'errors.time_nonexistent' });
  if (!closesAt) ctx.addIssue({ code: 'custom', path: ['closesTime'], message: 'errors.time_nonexistent' });
  if (opensAt && closesAt && closesAt <= opensAt) ctx.addIssue({ code: 'custom', path: ['closesDate'], message: 'errors.closes_before_opens' });
  if (v.maxGrant > v.budget) ctx.addIssue({ code: 'custom', path: ['maxGrant'], message: 'errors.max_grant_over_budget' });
  const note = noteOf(v, ctx);
  if (!opensAt || !closesAt) return z.NEVER;
  return {
    callId: v.callId ?? null,
    note,
    values: {
      slug: v.slug,
      titleIt: v.titleIt,
      titleEn: v.titleEn,
      summaryIt: v.summaryIt,
      summaryEn: v.summaryEn,
      bodyIt: v.bodyIt,
      bodyEn: v.bodyEn,
      themes: v.themes,
      applicantTypes: v.applicantTypes,
      minGroupMembers: v.minGroupMembers,
      opensAt,
      closesAt,
      budgetCents: v.budget,
      maxGrantCents: v.maxGrant,
      minCofinancingPct: v.minCofinancingPct,
      observationDays: v.observationDays,
      protocolPrefix: v.protocolPrefix,
      programmeId: v.programmeId,
    },
    neighbourhoodIds: v.neighbourhoodIds,
  };
});
export type CallBasicsInput = z.output<typeof callBasicsSchema>;
export type CallBasics = CallBasicsInput['values'];
/** The multi-valued fields of the basics form (checkbox groups). */
export const callBasicsMulti = ['themes', 'applicantTypes', 'neighbourhoodIds'] as const;

/** A proroga: only a later deadline, with the reason in both languages. */
export const prorogaSchema = z
  .object({ callId: z.uuid(), closesDate: day, closesTime: time, noteIt: requiredText(4000), noteEn: requiredText(4000) })
  .transform((v, ctx) => {
    const closesAt = romeDateTimeToUtc(v.closesDate, v.closesTime);
    if (!closesAt) {
      ctx.addIssue({ code: 'custom', path: ['closesTime'], message: 'errors.time_nonexistent' });
      return z.NEVER;
    }
    return { callId: v.callId, closesAt, note: { it: v.noteIt, en: v.noteEn } };
  });
export type ProrogaInput = z.output<typeof prorogaSchema>;

/** Publish, start the review, archive: a deliberate step, confirmed with a checkbox (no script needed). */
export const lifecycleSchema = z.object({ callId: z.uuid(), confirm: z.literal('on', { message: 'validation.mustAccept' }) });

export { noteOf };
