import { defineAction, type ActionAPIContext } from 'astro:actions';
import type { z } from 'astro/zod';
import { assignEvaluators, bulkAssign, reassignAfterConflict, runAutoAssign, unassign } from '../domain/evaluation/assignment.server.ts';
import { appointMember, removeMember, setPresident } from '../domain/evaluation/commission.server.ts';
import {
  assignSchema,
  autoAssignSchema,
  bulkAssignSchema,
  memberSchema,
  multiFields,
  reassignSchema,
  settingsSchema,
  unassignSchema,
} from '../domain/evaluation/evaluation.schema.ts';
import { saveEvaluationSettings } from '../domain/evaluation/settings.server.ts';
import { lookup, type Locale } from '../lib/i18n/index.ts';
import { formAction, type FormResult } from '../lib/server/form-action.ts';
import type { FieldError } from '../lib/validation.ts';

/** Staff side of the evaluation: settings, commission, assignments (pages under /staff/calls/{id}/evaluation). */

const db = (c: ActionAPIContext) => c.locals.runtime.database.db;

export const evaluation = {
  saveSettings: defineAction({ accept: 'form', handler: areaForm(settingsSchema, (input, c) => saveEvaluationSettings(db(c), c.locals.ctx, input)) }),
  appointMember: defineAction({ accept: 'form', handler: areaForm(memberSchema, (input, c) => appointMember(db(c), c.locals.ctx, input)) }),
  setPresident: defineAction({ accept: 'form', handler: areaForm(memberSchema, (input, c) => setPresident(db(c), c.locals.ctx, input)) }),
  removeMember: defineAction({ accept: 'form', handler: areaForm(memberSchema, (input, c) => removeMember(db(c), c.locals.ctx, input)) }),
  assign: defineAction({ accept: 'form', handler: areaForm(assignSchema, (input, c) => assignEvaluators(db(c), c.locals.ctx, input)) }),
  bulkAssign: defineAction({ accept: 'form', handler: areaForm(bulkAssignSchema, (input, c) => bulkAssign(db(c), c.locals.ctx, input)) }),
  autoAssign: defineAction({ accept: 'form', handler: areaForm(autoAssignSchema, (input, c) => runAutoAssign(db(c), c.locals.ctx, input)) }),
  unassign: defineAction({ accept: 'form', handler: areaForm(unassignSchema, (input, c) => unassign(db(c), c.locals.ctx, input)) }),
  reassign: defineAction({
    accept: 'form',
    handler: areaForm(reassignSchema, (input, c) => reassignAfterConflict(db(c), c.locals.ctx, input.assignmentId, input.evaluatorId)),
  }),
};

/**
 * formAction with this area's messages: a domain error or schema message `errors.X` reads
 * `evaluation.errors.X` when this catalogue has it (the shared errors catalogue otherwise), with
 * the error's numbers as parameters (e.g. how many scores a member has sent).
 */
function areaForm<S extends z.ZodType, T>(schema: S, run: (input: z.output<S>, c: ActionAPIContext) => Promise<T>) {
  return async (form: FormData, c: ActionAPIContext): Promise<FormResult<T>> => {
    let params: Record<string, number | string> = {};
    const handler = formAction(
      schema,
      async (input, context) => {
        try {
          return await run(input, context);
        } catch (error) {
          const details = (error as { details?: Record<string, unknown> }).details ?? {};
          params = Object.fromEntries(Object.entries(details).filter((e): e is [string, number] => typeof e[1] === 'number'));
          throw error;
        }
      },
      { multi: multiFields },
    );
    const result = await handler(form, c);
    if (result.ok) return result;
    const own = (e: FieldError) => localize(e, params, c.locals.locale);
    return { ...result, errors: Object.fromEntries(Object.entries(result.errors).map(([k, v]) => [k, own(v)])), formError: result.formError && own(result.formError) };
  };
}

function localize(e: FieldError, params: Record<string, number | string>, locale: Locale): FieldError {
  const code = e.key.startsWith('errors.') ? e.key.slice('errors.'.length) : null;
  if (!code || !lookup(locale, `evaluation.errors.${code}`)) return e;
  return { key: `evaluation.errors.${code}`, params: { ...params, ...e.params } };
}
