import type { z } from 'astro/zod';
import type { Params } from './i18n/index.ts';

/** A field error as a catalogue key plus parameters, translated when the form is rendered. */
export type FieldError = { key: string; params?: Params };
export type FieldErrors = Record<string, FieldError>;
export type Parsed<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

/**
 * Validates input with a domain schema and turns zod issues into translatable field errors.
 * Custom messages in schemas are catalogue keys (`validation.passwordCommon`); zod's own issues
 * are mapped by code. Only the first problem of each field is kept: one clear message at a time.
 */
export function validate<S extends z.ZodType>(schema: S, input: unknown): Parsed<z.output<S>> {
  // reportInput: zod 4 only tells the wrong value (needed to tell "missing" from "not a number") when asked.
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path.join('.') || '_form';
    if (!errors[field]) errors[field] = issueToError(issue);
  }
  return { ok: false, errors };
}

function issueToError(issue: z.core.$ZodIssue): FieldError {
  if (issue.message.startsWith('validation.') || issue.message.startsWith('errors.')) return { key: issue.message };
  switch (issue.code) {
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') return min <= 1 ? { key: 'validation.required' } : { key: 'validation.tooShort', params: { min } };
      if (issue.origin === 'array' || issue.origin === 'set') return { key: 'validation.required' };
      return { key: 'validation.tooSmall', params: { min } };
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      return issue.origin === 'string' ? { key: 'validation.tooLong', params: { max } } : { key: 'validation.tooBig', params: { max } };
    }
    case 'invalid_format':
      return issue.format === 'email' ? { key: 'validation.email' } : { key: 'validation.invalid' };
    case 'invalid_value':
      return { key: 'validation.choice' };
    case 'invalid_type':
      if (issue.input === undefined || issue.input === null || issue.input === '') return { key: 'validation.required' };
      if (issue.expected === 'int') return { key: 'validation.integer' };
      return issue.expected === 'number' ? { key: 'validation.number' } : { key: 'validation.invalid' };
    default:
      return { key: 'validation.invalid' };
  }
}

/** Reads a form into a plain object; repeated names (checkboxes) become arrays. Files are kept. */
export function formToObject(form: FormData, multi: readonly string[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(form.keys())) {
    const values = form.getAll(key).map((v) => (typeof v === 'string' ? v : v));
    out[key] = multi.includes(key) ? values : values[0];
  }
  for (const key of multi) if (!(key in out)) out[key] = [];
  return out;
}

/**
 * The `page` of a list's address (`?page=2`): 1 when absent or nonsense, at most 100,000 so a
 * hand-typed number cannot ask the database for an absurd offset. Lists clamp it to their last page.
 */
export function pageNumber(params: URLSearchParams): number {
  const page = Number.parseInt(params.get('page') ?? '1', 10);
  return Number.isFinite(page) ? Math.min(Math.max(page, 1), 100_000) : 1;
}
