import { defineAction, type ActionAPIContext } from 'astro:actions';
import type { z } from 'astro/zod';
import { completeIntegration, uploadIntegrationDocuments, type IntegrationUpload } from '../domain/admissibility/complete-integration.server.ts';
import { declareAdmissible, declareInadmissible } from '../domain/admissibility/decide.server.ts';
import { recordChecks } from '../domain/admissibility/record-check.server.ts';
import { requestIntegration } from '../domain/admissibility/request-integration.server.ts';
import {
  completeIntegrationSchema,
  declareAdmissibleSchema,
  declareInadmissibleSchema,
  recordChecksFormSchema,
  requestIntegrationSchema,
} from '../domain/admissibility/schema.ts';
import { isDomainError, type DomainError } from '../domain/errors.ts';
import { uploadFieldError } from '../lib/files-format.ts';
import { formatDateTime } from '../lib/format.ts';
import { lookup, type Locale, type Params } from '../lib/i18n/index.ts';
import { formAction, type FormResult } from '../lib/server/form-action.ts';
import type { FieldError } from '../lib/validation.ts';

const db = (c: ActionAPIContext) => c.locals.runtime.database.db;
const nudgeMail = (c: ActionAPIContext) => c.locals.runtime.mailWorker.nudge();

export const admissibility = {
  recordChecks: defineAction({
    accept: 'form',
    handler: areaForm(recordChecksFormSchema, (input, c) => recordChecks(db(c), c.locals.ctx, input)),
  }),
  requestIntegration: defineAction({
    accept: 'form',
    handler: areaForm(
      requestIntegrationSchema,
      async (input, c) => {
        const result = await requestIntegration(db(c), c.locals.ctx, input);
        nudgeMail(c);
        return result;
      },
      { multi: ['requirements'] },
    ),
  }),
  declareAdmissible: defineAction({
    accept: 'form',
    handler: areaForm(declareAdmissibleSchema, async (input, c) => {
      const result = await declareAdmissible(db(c), c.locals.ctx, input);
      nudgeMail(c);
      return result;
    }),
  }),
  declareInadmissible: defineAction({
    accept: 'form',
    handler: areaForm(declareInadmissibleSchema, async (input, c) => {
      const result = await declareInadmissible(db(c), c.locals.ctx, input);
      nudgeMail(c);
      return result;
    }),
  }),
  /**
   * The proposer's answer. File fields are named `file.<requirement>`; `intent=upload` only stores
   * what was chosen (to finish later, perhaps from another device), anything else also sends.
   */
  completeIntegration: defineAction({
    accept: 'form',
    handler: areaForm(completeIntegrationSchema, async (input, c) => {
      const uploads = uploadsOf(input);
      const { ctx, runtime } = c.locals;
      if (uploads.length) await uploadIntegrationDocuments(db(c), runtime.storage, ctx, input.proposalId, uploads);
      if (input.intent === 'upload') return { sent: false, uploaded: uploads.length, completedAt: null };
      const done = await completeIntegration(db(c), ctx, { proposalId: input.proposalId, note: input.note });
      return { sent: true, uploaded: uploads.length, completedAt: done.completedAt };
    }),
  }),
};

function uploadsOf(input: Record<string, unknown>): IntegrationUpload[] {
  return Object.entries(input)
    .filter((e): e is [string, File] => e[0].startsWith('file.') && e[1] instanceof File && e[1].size > 0)
    .map(([name, file]) => ({ requirement: name.slice('file.'.length), file }));
}

/**
 * formAction, with this area's own messages: a domain error `X` (or a schema message `errors.X`)
 * reads `admissibility.errors.X` when that exists, with its dates in Rome time; refused uploads
 * read the files area's messages and land on their `file.<requirement>` field.
 */
function areaForm<S extends z.ZodType, T>(schema: S, run: (input: z.output<S>, c: ActionAPIContext) => Promise<T>, options?: { multi?: readonly string[] }) {
  return async (form: FormData, c: ActionAPIContext): Promise<FormResult<T>> => {
    let caught: DomainError | null = null;
    const handler = formAction(
      schema,
      async (input, context) => {
        try {
          return await run(input, context);
        } catch (error) {
          if (isDomainError(error)) caught = error;
          throw error;
        }
      },
      options,
    );
    const result = await handler(form, c);
    return result.ok ? result : localize(result, caught, c.locals.locale);
  };
}

function localize<T>(result: Extract<FormResult<T>, { ok: false }>, error: DomainError | null, locale: Locale): FormResult<T> {
  const upload = uploadFieldError(error, locale);
  if (upload) return { ...result, errors: { [`file.${upload.field}`]: upload.error }, formError: { key: 'common.formErrors' } };
  const params = error ? paramsOf(error, locale) : {};
  const own = (e: FieldError): FieldError => {
    const code = e.key.startsWith('errors.') ? e.key.slice('errors.'.length) : null;
    return code && lookup(locale, `admissibility.errors.${code}`) ? { key: `admissibility.errors.${code}`, params: { ...e.params, ...params } } : e;
  };
  const errors = Object.fromEntries(Object.entries(result.errors).map(([k, v]) => [k, own(v)]));
  return { ...result, errors, formError: result.formError ? own(result.formError) : null };
}

function paramsOf(error: DomainError, locale: Locale): Params {
  const params: Params = {};
  for (const [k, v] of Object.entries(error.details)) {
    if (v instanceof Date) params[k] = formatDateTime(v, locale);
    else if (typeof v === 'number' || typeof v === 'string') params[k] = v;
  }
  return params;
}
