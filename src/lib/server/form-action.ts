import type { ActionAPIContext } from 'astro:actions';
import type { z } from 'astro/zod';
import { isDomainError } from '../../domain/errors.ts';
import { formatTime } from '../format.ts';
import { formToObject, validate, type FieldError, type FieldErrors } from '../validation.ts';
import { uploadFieldError } from '../files-format.ts';

/**
 * What a form action returns to its page. Failures keep what the person typed (`values`, never
 * passwords) and say what is wrong per field, or for the whole form, as catalogue keys.
 */
export type FormResult<T> =
  | { ok: true; data: T }
  | { ok: false; errors: FieldErrors; formError: FieldError | null; values: Record<string, string | string[]> };

type Options = { multi?: readonly string[] };

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
    if (!parsed.ok) return { ok: false, errors: parsed.errors, formError: { key: 'common.formErrors' }, values };
    try {
      return { ok: true, data: await run(parsed.data, context) };
    } catch (error) {
      if (!isDomainError(error)) throw error;
      // Upload refusals name the limit and the accepted formats on the file's own field.
      const upload = uploadFieldError(error, context.locals.locale);
      if (upload) return { ok: false, errors: { [upload.field]: upload.error }, formError: { key: 'common.formErrors' }, values };
      const params: Record<string, string> = {};
      const until = error.details.until;
      if (until instanceof Date) params.until = formatTime(until, context.locals.locale);
      const message: FieldError = { key: `errors.${error.code}`, params };
      const field = typeof error.details.field === 'string' ? error.details.field : null;
      return { ok: false, errors: field ? { [field]: message } : {}, formError: field ? { key: 'common.formErrors' } : message, values };
    }
  };
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
