import type { ActionAPIContext } from 'astro:actions';
import type { z } from 'astro/zod';
import { isDomainError, type DomainError } from '../../domain/errors.ts';
import { formatDateTime, formatTime } from '../format.ts';
import { lookup, type Params } from '../i18n/index.ts';
import type { Locale } from '../i18n/locales.ts';
import { formToObject, validate, type FieldError, type FieldErrors } from '../validation.ts';
import { uploadFieldError } from '../files-format.ts';

/**
 * What a form action returns to its page. Failures keep what the person typed (`values`, never
 * passwords) and say what is wrong per field, or for the whole form, as catalogue keys.
 */
export type FormResult<T> =
  | { ok: true; data: T }
  | { ok: false; errors: FieldErrors; formError: FieldError | null; values: Record<string, string | string[]> };

type Options = {
  /** Names of checkbox groups (repeated fields) read as arrays. */
  multi?: readonly string[];
  /** A catalogue area with its own `<area>.errors.<code>` texts, preferred over the shared `errors.<code>`. */
  area?: string;
  /**
   * The form field a refused upload belongs to, from the upload's purpose (saveUpload's `field`
   * detail): e.g. `(p) => \`file.${p}\`` when file inputs are named after their requirement.
   */
  uploadField?: (purpose: string) => string;
};

const SECRET_FIELD = /password|token/i;

/**
 * Wraps a use case as a form action: parse with the domain's zod schema, run, and turn domain
 * errors into messages. Anything unexpected still throws (and is logged as a 500).
 */
export function formAction<S extends z.ZodType, T>(
  schema: S,
  run: (input: z.output<S>, context: ActionAPIContext) => Promise<T>,
  options: Options = {},
) {
  return async (form: FormData, context: ActionAPIContext): Promise<FormResult<T>> => {
    const raw = formToObject(form, options.multi);
    const values = keepValues(raw);
    const parsed = validate(schema, raw);
    if (!parsed.ok) {
      // Schema refinements may name domain codes (`errors.<code>`): those read the area's text too.
      const errors = Object.fromEntries(
        Object.entries(parsed.errors).map(([field, e]) => [field, e.key.startsWith('errors.') ? { ...e, key: errorKey(e.key.slice(7), options.area) } : e]),
      );
      return { ok: false, errors, formError: { key: 'common.formErrors' }, values };
    }
    try {
      return { ok: true, data: await run(parsed.data, context) };
    } catch (error) {
      if (!isDomainError(error)) throw error;
      return { ok: false, values, ...domainFailure(error, context.locals.locale, options) };
    }
  };
}

/**
 * Where a domain error lands on the form: a refused upload on its file field (with the limit and
 * the accepted formats); an error listing every problem at once (`details.errors`, e.g. a scoring
 * sheet) on those fields, its own message above the form; one naming a `field` on that field;
 * anything else above the form. Messages read the area's texts first, with the error's details.
 */
function domainFailure(error: DomainError, locale: Locale, options: Options): { errors: FieldErrors; formError: FieldError } {
  const upload = uploadFieldError(error, locale);
  if (upload) return { errors: { [options.uploadField?.(upload.field) ?? upload.field]: upload.error }, formError: { key: 'common.formErrors' } };
  const message: FieldError = { key: errorKey(error.code, options.area), params: detailParams(error.details, locale) };
  const listed = fieldErrorsIn(error.details.errors);
  if (listed) return { errors: listed, formError: message };
  const field = typeof error.details.field === 'string' ? error.details.field : null;
  return field ? { errors: { [field]: message }, formError: { key: 'common.formErrors' } } : { errors: {}, formError: message };
}

function fieldErrorsIn(value: unknown): FieldErrors | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const entries = Object.entries(value);
  const valid = entries.length > 0 && entries.every(([, e]) => typeof e === 'object' && e !== null && typeof (e as FieldError).key === 'string');
  return valid ? (value as FieldErrors) : null;
}

/** The area's own text for a code when it has one, else the shared one. */
function errorKey(code: string, area: string | undefined): string {
  const own = area ? `${area}.errors.${code}` : null;
  return own && lookup('it', own) !== null ? own : `errors.${code}`;
}

/**
 * A domain error's details as message parameters: dates on the Rome clock (`until`, a lock's end,
 * as a time of day; any other date with its day), numbers and strings as they are.
 */
function detailParams(details: Record<string, unknown>, locale: Locale): Params {
  const params: Params = {};
  for (const [name, value] of Object.entries(details)) {
    if (value instanceof Date) params[name] = name === 'until' ? formatTime(value, locale) : formatDateTime(value, locale);
    else if (typeof value === 'number' || typeof value === 'string') params[name] = value;
  }
  return params;
}

function keepValues(raw: Record<string, unknown>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (SECRET_FIELD.test(k)) continue;
    if (typeof v === 'string') out[k] = v;
    else if (Array.isArray(v)) out[k] = v.filter((x): x is string => typeof x === 'string');
  }
  return out;
}
