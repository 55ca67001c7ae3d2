import { defineAction, type ActionAPIContext } from 'astro:actions';
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
import { formAction } from '../lib/server/form-action.ts';

const db = (c: ActionAPIContext) => c.locals.runtime.database.db;
const nudgeMail = (c: ActionAPIContext) => c.locals.runtime.mailWorker.nudge();

/**
 * formAction with this area's texts (`admissibility.errors.<code>`, dates on the Rome clock); a
 * refused upload lands on its `file.<requirement>` input.
 */
const areaForm: typeof formAction = (schema, run, options) =>
  formAction(schema, run, { ...options, area: 'admissibility', uploadField: (requirement) => `file.${requirement}` });

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
