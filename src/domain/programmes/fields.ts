import { z } from 'astro/zod';
import { parseDay } from '../calls/rome-time.ts';
import { parseEuroCents } from '../../lib/money.ts';

/**
 * Form field schemas shared by the programme and call editors. Forms send strings (or nothing);
 * these turn them into typed values, and their messages are catalogue keys
 * (`errors.<code>` is looked up in the staffCalls catalogue first, see src/actions/calls.ts).
 */

/** Free text that may be left empty: '' and missing both become null. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => (v ? v : null));

export const requiredText = (max: number) => z.string().trim().min(1).max(max);

/** Text that may be empty but is stored as '' (NOT NULL columns with an empty default). */
export const textOrEmpty = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => v ?? '');

/** Euros as typed ("1.500,50") → integer cents. */
export const euroField = z
  .string({ message: 'validation.required' })
  .trim()
  .min(1)
  .transform((text, ctx) => {
    const cents = parseEuroCents(text);
    if (cents === null) {
      ctx.addIssue({ code: 'custom', message: 'errors.money_format' });
      return z.NEVER;
    }
    return cents;
  });

/** A calendar day (`yyyy-mm-dd` from a date picker, or `gg/mm/aaaa` typed), or null when empty. */
export const optionalDay = z
  .string()
  .trim()
  .optional()
  .transform((text, ctx) => {
    if (!text) return null;
    const day = parseDay(text);
    if (!day) {
      ctx.addIssue({ code: 'custom', message: 'validation.date' });
      return z.NEVER;
    }
    return day;
  });

/** A whole number typed in a form, within bounds. */
export const intField = (min: number, max: number) =>
  z.preprocess(
    (v) => (v === '' || v === undefined || v === null ? undefined : typeof v === 'string' ? Number(v.trim()) : v),
    z.number().int().min(min).max(max),
  );

/** Checkbox lists arrive as arrays of strings (formAction's `multi`); duplicates are dropped. */
export const uuidList = z
  .array(z.uuid())
  .max(200)
  .transform((ids) => [...new Set(ids)]);
