import { defineAction, type ActionAPIContext } from 'astro:actions';
import type { z } from 'astro/zod';
import { answerObservation, assignRescoring, fileObservation } from '../domain/evaluation/observations.server.ts';
import { answerObservationSchema, assignRescoringSchema, chosenFile, fileObservationSchema } from '../domain/evaluation/observations.schema.ts';
import { isDomainError, type DomainError } from '../domain/errors.ts';
import { formatDateTime } from '../lib/format.ts';
import { lookup, type Locale, type Params } from '../lib/i18n/index.ts';
import { formAction, type FormResult } from '../lib/server/form-action.ts';
import type { FieldError } from '../lib/validation.ts';

const db = (c: ActionAPIContext) => c.locals.runtime.database.db;

export const observations = {
  /** The proposer's observation: text and an optional file, in one multipart post. */
  file: defineAction({
    accept: 'form',
    handler: observationForm(fileObservationSchema, async (input, c) => {
      const { ctx, runtime } = c.locals;
      const filed = await fileObservation(db(c), runtime.storage, ctx, { proposalId: input.proposalId, text: input.text, file: chosenFile(input.attachment) });
      return { id: filed.id, filedAt: filed.filedAt };
    }),
  }),
  answer: defineAction({
    accept: 'form',
    handler: observationForm(answerObservationSchema, async (input, c) => {
      const result = await answerObservation(db(c), c.locals.ctx, input);
      c.locals.runtime.mailWorker.nudge();
      return { id: result.observation.id, rescoreAssignmentId: result.rescoreAssignmentId };
    }),
  }),
  /** A re-scoring for an upheld observation that has none running. */
  rescore: defineAction({
    accept: 'form',
    handler: observationForm(assignRescoringSchema, (input, c) => assignRescoring(db(c), c.locals.ctx, input)),
  }),
};

/**
 * formAction, with this area's messages: a domain error `X` reads `observations.errors.X` when
 * that exists, with its dates in Rome time (same approach as src/actions/admissibility.ts).
 */
function observationForm<S extends z.ZodType, T>(schema: S, run: (input: z.output<S>, c: ActionAPIContext) => Promise<T>) {
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
    return result.ok ? result : ownMessages(result, caught, c.locals.locale);
  };
}

function ownMessages<T>(result: Extract<FormResult<T>, { ok: false }>, error: DomainError | null, locale: Locale): FormResult<T> {
  const params: Params = {};
  for (const [k, v] of Object.entries(error?.details ?? {})) {
    if (v instanceof Date) params[k] = formatDateTime(v, locale);
    else if (typeof v === 'number' || typeof v === 'string') params[k] = v;
  }
  const own = (e: FieldError): FieldError => {
    const code = e.key.startsWith('errors.') ? e.key.slice('errors.'.length) : null;
    return code && lookup(locale, `observations.errors.${code}`) ? { key: `observations.errors.${code}`, params: { ...e.params, ...params } } : e;
  };
  const errors = Object.fromEntries(Object.entries(result.errors).map(([k, v]) => [k, own(v)]));
  return { ...result, errors, formError: result.formError ? own(result.formError) : null };
}
