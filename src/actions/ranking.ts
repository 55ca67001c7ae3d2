import { defineAction, type ActionAPIContext } from 'astro:actions';
import type { z } from 'astro/zod';
import { isDomainError } from '../domain/errors.ts';
import { publishFinal, publishProvisional, slideRanking } from '../domain/evaluation/publish-ranking.server.ts';
import { publishRankingSchema, slideRankingSchema } from '../domain/evaluation/ranking.schema.ts';
import { formatDateTime } from '../lib/format.ts';
import { lookup, type Locale, type Params } from '../lib/i18n/index.ts';
import { formAction, type FormResult } from '../lib/server/form-action.ts';
import type { FieldError } from '../lib/validation.ts';

/** Staff: publish the provisional and the final ranking, scorrimento (page /staff/calls/{id}/evaluation/ranking). */

const db = (c: ActionAPIContext) => c.locals.runtime.database.db;
const nudgeMail = (c: ActionAPIContext) => c.locals.runtime.mailWorker.nudge();

export const ranking = {
  publishProvisional: defineAction({
    accept: 'form',
    handler: rankingForm(publishRankingSchema, async (input, c) => {
      const result = await publishProvisional(db(c), c.locals.ctx, input.callId);
      nudgeMail(c);
      return result;
    }),
  }),
  publishFinal: defineAction({
    accept: 'form',
    handler: rankingForm(publishRankingSchema, (input, c) => publishFinal(db(c), c.locals.ctx, input.callId)),
  }),
  slide: defineAction({
    accept: 'form',
    handler: rankingForm(slideRankingSchema, async (input, c) => {
      const result = await slideRanking(db(c), c.locals.ctx, input.callId, input.amount, input.reason);
      nudgeMail(c);
      return result;
    }),
  }),
};

/**
 * formAction with this area's messages: `errors.X` reads `ranking.errors.X` when this catalogue
 * has it, with the error's numbers and dates (in Rome time) as parameters.
 */
function rankingForm<S extends z.ZodType, T>(schema: S, run: (input: z.output<S>, c: ActionAPIContext) => Promise<T>) {
  return async (form: FormData, c: ActionAPIContext): Promise<FormResult<T>> => {
    let params: Params = {};
    const handler = formAction(schema, async (input, context) => {
      try {
        return await run(input, context);
      } catch (error) {
        if (isDomainError(error)) params = paramsOf(error.details, c.locals.locale);
        throw error;
      }
    });
    const result = await handler(form, c);
    if (result.ok) return result;
    const own = (e: FieldError): FieldError => {
      const key = e.key.startsWith('errors.') ? `ranking.${e.key}` : null;
      return key && lookup('it', key) !== null ? { key, params: { ...e.params, ...params } } : e;
    };
    const errors = Object.fromEntries(Object.entries(result.errors).map(([field, e]) => [field, own(e)]));
    return { ...result, errors, formError: result.formError && own(result.formError) };
  };
}

function paramsOf(details: Record<string, unknown>, locale: Locale): Params {
  const out: Params = {};
  for (const [k, v] of Object.entries(details)) {
    if (v instanceof Date) out[k] = formatDateTime(v, locale);
    else if (typeof v === 'number' || typeof v === 'string') out[k] = v;
  }
  return out;
}
