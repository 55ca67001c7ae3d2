import { defineAction, type ActionAPIContext } from 'astro:actions';
import type { z } from 'astro/zod';
import { declareInterest } from '../domain/evaluation/conflict.server.ts';
import { declareSchema, scoreFormSchema } from '../domain/evaluation/review-schema.ts';
import { scoreReview } from '../domain/evaluation/scoring.server.ts';
import { isDomainError, type DomainError } from '../domain/errors.ts';
import { lookup, type Locale } from '../lib/i18n/index.ts';
import { formAction, type FormResult } from '../lib/server/form-action.ts';
import type { FieldError, FieldErrors } from '../lib/validation.ts';

/** The evaluator's forms: the declaration on conflicts of interest and the scoring sheet. */
const db = (c: ActionAPIContext) => c.locals.runtime.database.db;

export const review = {
  declare: defineAction({
    accept: 'form',
    handler: reviewForm(declareSchema, (input, c) => declareInterest(db(c), c.locals.ctx, input)),
  }),
  /** Save the sheet as a draft (`intent=draft`) or send it (`intent=submit`). */
  score: defineAction({
    accept: 'form',
    handler: reviewForm(scoreFormSchema, (input, c) => {
      const { assignmentId, version, intent, ...fields } = input;
      return scoreReview(db(c), c.locals.ctx, { assignmentId, version, intent, fields });
    }),
  }),
};

/**
 * formAction, plus: a domain error carrying `details.errors` (every field of the sheet at once)
 * lands on those fields, and `errors.X` reads `review.errors.X` when this area has its own words.
 */
function reviewForm<S extends z.ZodType, T>(schema: S, run: (input: z.output<S>, c: ActionAPIContext) => Promise<T>) {
  return async (form: FormData, c: ActionAPIContext): Promise<FormResult<T>> => {
    let caught: DomainError | null = null;
    const handler = formAction(schema, async (input, context) => {
      try {
        return await run(input, context);
      } catch (error) {
        if (isDomainError(error)) caught = error;
        throw error;
      }
    });
    const result = await handler(form, c);
    if (result.ok) return result;
    const fieldErrors = (caught as DomainError | null)?.details.errors as FieldErrors | undefined;
    const errors = fieldErrors ?? result.errors;
    return { ...result, errors, formError: result.formError ? own(result.formError, c.locals.locale) : null };
  };
}

function own(e: FieldError, locale: Locale): FieldError {
  const code = e.key.startsWith('errors.') ? e.key.slice('errors.'.length) : null;
  return code && lookup(locale, `review.errors.${code}`) ? { key: `review.errors.${code}`, params: e.params } : e;
}
