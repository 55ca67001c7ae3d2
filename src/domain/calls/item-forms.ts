import { z } from 'astro/zod';
import { parseEuroCents } from '../../lib/money.ts';
import { intField } from '../programmes/fields.ts';
import { noteFields, noteOf } from './call.schema.ts';
import { fileKinds, questionTypes, type AttachmentRequirement, type CallQuestion, type EligibilityQuestion } from './definitions.ts';
import type { RubricCriterion } from './lists.ts';

/**
 * The one-item forms of the list editors (questions, attachments, eligibility, rubric). Field
 * names mirror the item's shape (`label.it`), so an error lands next to the field it is about.
 * The use case derives a missing key and validates the finished item with definitions.ts.
 */

const text = z.string({ message: 'validation.required' }).trim().min(1).max(2000);
const optText = z
  .string()
  .trim()
  .max(2000)
  .optional()
  .transform((v) => v ?? '');
const checkbox = z
  .string()
  .optional()
  .transform((v) => v === 'on');
export const KEY = /^[a-z][a-z0-9_]{0,39}$/;
const key = z
  .string()
  .trim()
  .optional()
  .transform((v) => v || undefined)
  .refine((v) => v === undefined || KEY.test(v), 'errors.key_format');
const maxMb = intField(1, 20);

const common = {
  callId: z.uuid(),
  originalKey: z
    .string()
    .max(40)
    .optional()
    .transform((v) => v || null),
  key,
  ...noteFields,
};

type Localized = { it: string; en: string };
/** An optional text in two languages: both empty is "none"; one without the other is an error. */
function optionalPair(it: string, en: string, field: string, ctx: z.RefinementCtx): Localized | undefined {
  if (!it && !en) return undefined;
  if (!it) ctx.addIssue({ code: 'custom', path: [`${field}.it`], message: 'validation.required' });
  if (!en) ctx.addIssue({ code: 'custom', path: [`${field}.en`], message: 'validation.required' });
  return { it, en };
}

function envelope<T>(v: { callId: string; originalKey: string | null; noteIt?: string; noteEn?: string }, ctx: z.RefinementCtx, item: T) {
  return { callId: v.callId, originalKey: v.originalKey, note: noteOf(v, ctx), item };
}

const TEXT_TYPES = ['short_text', 'long_text'];
const CHOICE_TYPES = ['single_choice', 'multiple_choice'];

/** Options typed one per line as `Italian label | English label`. */
function parseOptions(raw: string, ctx: z.RefinementCtx): { label: Localized }[] {
  const lines = raw
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  if (lines.length < 2) ctx.addIssue({ code: 'custom', path: ['options'], message: 'errors.options_required' });
  if (lines.length > 50) ctx.addIssue({ code: 'custom', path: ['options'], message: 'errors.options_too_many' });
  return lines.map((line) => {
    const [it = '', en = '', ...rest] = line.split('|').map((s) => s.trim());
    if (!it || !en || rest.length || it.length > 200 || en.length > 200) ctx.addIssue({ code: 'custom', path: ['options'], message: 'errors.options_format' });
    return { label: { it, en } };
  });
}

/** Limits: characters for text, a value for numbers, euros (→ cents) for money. */
function parseLimit(raw: string | undefined, type: string, field: 'min' | 'max', ctx: z.RefinementCtx): number | undefined {
  const value = raw?.trim();
  if (!value || !(TEXT_TYPES.includes(type) || type === 'number' || type === 'money')) return undefined;
  const parsed = type === 'money' ? parseEuroCents(value) : /^\d{1,12}$/.test(value) ? Number(value) : null;
  if (parsed === null) ctx.addIssue({ code: 'custom', path: [field], message: type === 'money' ? 'errors.money_format' : 'validation.integer' });
  return parsed ?? undefined;
}

export const questionFormSchema = z
  .object({
    ...common,
    'section.it': text,
    'section.en': text,
    type: z.enum(questionTypes),
    'label.it': text,
    'label.en': text,
    'help.it': optText,
    'help.en': optText,
    required: checkbox,
    min: z.string().max(30).optional(),
    max: z.string().max(30).optional(),
    options: z.string().max(20_000).optional(),
    kinds: z.array(z.enum(fileKinds)).max(fileKinds.length),
    maxMb: z.string().optional(),
  })
  .transform((v, ctx) => {
    const item: Omit<CallQuestion, 'key'> & { key?: string } = {
      key: v.key,
      section: { it: v['section.it'], en: v['section.en'] },
      type: v.type,
      label: { it: v['label.it'], en: v['label.en'] },
      required: v.required,
    };
    const help = optionalPair(v['help.it'], v['help.en'], 'help', ctx);
    if (help) item.help = help;
    const min = parseLimit(v.min, v.type, 'min', ctx);
    const max = parseLimit(v.max, v.type, 'max', ctx);
    if (min !== undefined) item.min = min;
    if (max !== undefined) item.max = max;
    if (min !== undefined && max !== undefined && min > max) ctx.addIssue({ code: 'custom', path: ['max'], message: 'errors.min_over_max' });
    if (CHOICE_TYPES.includes(v.type)) item.options = parseOptions(v.options ?? '', ctx).map((o) => ({ value: '', ...o }));
    if (v.type === 'file') {
      if (v.kinds.length === 0) ctx.addIssue({ code: 'custom', path: ['kinds'], message: 'errors.kinds_required' });
      const mb = maxMb.safeParse(v.maxMb);
      if (!mb.success) ctx.addIssue({ code: 'custom', path: ['maxMb'], message: 'errors.max_mb_range' });
      item.kinds = v.kinds;
      item.maxBytes = (mb.data ?? 1) * 1024 * 1024;
    }
    return envelope(v, ctx, item);
  });

export const attachmentFormSchema = z
  .object({
    ...common,
    'label.it': text,
    'label.en': text,
    required: checkbox,
    kinds: z.array(z.enum(fileKinds)).max(fileKinds.length),
    maxMb: z.string().optional(),
  })
  .transform((v, ctx) => {
    if (v.kinds.length === 0) ctx.addIssue({ code: 'custom', path: ['kinds'], message: 'errors.kinds_required' });
    const mb = maxMb.safeParse(v.maxMb);
    if (!mb.success) ctx.addIssue({ code: 'custom', path: ['maxMb'], message: 'errors.max_mb_range' });
    const item: Omit<AttachmentRequirement, 'key'> & { key?: string } = {
      key: v.key,
      label: { it: v['label.it'], en: v['label.en'] },
      required: v.required,
      kinds: v.kinds,
      maxBytes: (mb.data ?? 1) * 1024 * 1024,
    };
    return envelope(v, ctx, item);
  });

export const eligibilityFormSchema = z
  .object({
    ...common,
    'text.it': text,
    'text.en': text,
    excludingAnswer: z.enum(['yes', 'no']),
    'reason.it': text,
    'reason.en': text,
    'alternative.it': optText,
    'alternative.en': optText,
  })
  .transform((v, ctx) => {
    const item: Omit<EligibilityQuestion, 'key'> & { key?: string } = {
      key: v.key,
      text: { it: v['text.it'], en: v['text.en'] },
      excludingAnswer: v.excludingAnswer,
      reason: { it: v['reason.it'], en: v['reason.en'] },
    };
    const alternative = optionalPair(v['alternative.it'], v['alternative.en'], 'alternative', ctx);
    if (alternative) item.alternative = alternative;
    return envelope(v, ctx, item);
  });

export const criterionFormSchema = z
  .object({
    ...common,
    'label.it': text,
    'label.en': text,
    'description.it': optText,
    'description.en': optText,
    maxPoints: intField(1, 100),
    threshold: z.preprocess((v) => (v === '' ? undefined : v), intField(0, 100).optional()),
  })
  .transform((v, ctx) => {
    if (v.threshold !== undefined && v.threshold > v.maxPoints) ctx.addIssue({ code: 'custom', path: ['threshold'], message: 'errors.threshold_over_max' });
    const item: Omit<RubricCriterion, 'key'> & { key?: string } = { key: v.key, label: { it: v['label.it'], en: v['label.en'] }, maxPoints: v.maxPoints };
    const description = optionalPair(v['description.it'], v['description.en'], 'description', ctx);
    if (description) item.description = description;
    if (v.threshold !== undefined) item.threshold = v.threshold;
    return envelope(v, ctx, item);
  });

/** Multi-valued fields of the item forms. */
export const itemMulti = ['kinds'] as const;
