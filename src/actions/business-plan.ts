import { defineAction, type ActionAPIContext } from 'astro:actions';
import { commentBusinessPlan } from '../domain/incubation/comment-business-plan.server.ts';
import { saveBusinessPlan } from '../domain/incubation/save-business-plan.server.ts';
import { savePlanVersion } from '../domain/incubation/save-plan-version.server.ts';
import { PLAN_EDITOR_MULTI, planCommentSchema, planEditorSchema, savePlanVersionSchema } from '../domain/incubation/business-plan.schema.ts';
import { formAction } from '../lib/server/form-action.ts';

const db = (c: ActionAPIContext) => c.locals.runtime.database.db;

/** formAction with this area's own error texts (`businessPlan.errors.<code>`). */
const areaForm: typeof formAction = (schema, run, options) => formAction(schema, run, { ...options, area: 'businessPlan' });

/** Actions of the `businessPlan` area (forms post here; the domain decides). */
export const businessPlan = {
  /**
   * The editor: "save" writes the working copy; "add a line" / "remove" only change the rows of
   * the form, which comes back as typed (nothing is written, so nothing can be lost).
   */
  save: defineAction({
    accept: 'form',
    handler: areaForm(
      planEditorSchema,
      async (input, c) => {
        if (input.kind === 'edit') return { kind: 'edited' as const, state: input.state, refused: input.refused, version: input.version };
        const saved = await saveBusinessPlan(db(c), c.locals.ctx, input);
        return { kind: 'saved' as const, version: saved.version, changed: saved.changed };
      },
      { multi: PLAN_EDITOR_MULTI },
    ),
  }),
  saveVersion: defineAction({
    accept: 'form',
    handler: areaForm(savePlanVersionSchema, (input, c) => savePlanVersion(db(c), c.locals.ctx, input)),
  }),
  comment: defineAction({
    accept: 'form',
    handler: areaForm(planCommentSchema, async (input, c) => {
      const comment = await commentBusinessPlan(db(c), c.locals.ctx, input);
      return { id: comment.id, section: comment.section };
    }),
  }),
};
