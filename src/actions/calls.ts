import { defineAction, type ActionAPIContext } from 'astro:actions';
import type { z } from 'astro/zod';
import { callBasicsMulti, callBasicsSchema, lifecycleSchema, prorogaSchema } from '../domain/calls/call.schema.ts';
import { moveCallItem, removeCallItem, saveCallItem, setRubricPoints } from '../domain/calls/edit-call-lists.server.ts';
import { attachmentFormSchema, criterionFormSchema, eligibilityFormSchema, itemMulti, questionFormSchema } from '../domain/calls/item-forms.ts';
import { moveItemSchema, removeItemSchema, rubricPointsSchema } from '../domain/calls/list-edits.schema.ts';
import type { CallList } from '../domain/calls/lists.ts';
import { amendCall, archiveCall, createCall, publishCall, saveCallBasics, startReview } from '../domain/calls/manage-calls.server.ts';
import { notFound } from '../domain/errors.ts';
import { createNeighbourhood } from '../domain/programmes/create-neighbourhood.server.ts';
import { createProgramme, updateProgramme } from '../domain/programmes/manage-programmes.server.ts';
import { neighbourhoodSchema, programmeSchema, programmeUpdateSchema } from '../domain/programmes/programme.schema.ts';
import { formAction } from '../lib/server/form-action.ts';

const db = (c: ActionAPIContext) => c.locals.runtime.database.db;
const nudgeMail = (c: ActionAPIContext) => c.locals.runtime.mailWorker.nudge();

/** formAction with this area's messages (`staffCalls.errors.<code>`) and checkbox lists. */
function staffForm<S extends z.ZodType, T>(schema: S, run: (input: z.output<S>, c: ActionAPIContext) => Promise<T>, multi: readonly string[] = []) {
  return defineAction({ accept: 'form', handler: formAction(schema, run, { multi, area: 'staffCalls' }) });
}

/** One save action per list editor: the forms differ, the use case is the same. */
const saveItem = (
  list: CallList,
  schema: typeof questionFormSchema | typeof attachmentFormSchema | typeof eligibilityFormSchema | typeof criterionFormSchema,
) =>
  staffForm(
    schema,
    async (input, c) => {
      const result = await saveCallItem(db(c), c.locals.ctx, { ...input, list });
      nudgeMail(c);
      return result;
    },
    itemMulti,
  );

export const calls = {
  createProgramme: staffForm(programmeSchema, (input, c) => createProgramme(db(c), c.locals.ctx, input), ['neighbourhoodIds']),
  updateProgramme: staffForm(
    programmeUpdateSchema,
    async (input, c) => {
      await updateProgramme(db(c), c.locals.ctx, input.programmeId, input);
      return { id: input.programmeId };
    },
    ['neighbourhoodIds'],
  ),
  createNeighbourhood: staffForm(neighbourhoodSchema, (input, c) => createNeighbourhood(db(c), c.locals.ctx, input)),

  create: staffForm(callBasicsSchema, (input, c) => createCall(db(c), c.locals.ctx, input), callBasicsMulti),
  saveBasics: staffForm(
    callBasicsSchema,
    async (input, c) => {
      if (!input.callId) throw notFound('not_found');
      const result = await saveCallBasics(db(c), c.locals.ctx, input.callId, input);
      nudgeMail(c);
      return result;
    },
    callBasicsMulti,
  ),
  publish: staffForm(lifecycleSchema, async (input, c) => {
    await publishCall(db(c), c.locals.ctx, input.callId);
    return { done: 'published' as const };
  }),
  startReview: staffForm(lifecycleSchema, async (input, c) => {
    await startReview(db(c), c.locals.ctx, input.callId);
    return { done: 'reviewStarted' as const };
  }),
  archive: staffForm(lifecycleSchema, async (input, c) => {
    await archiveCall(db(c), c.locals.ctx, input.callId);
    return { done: 'archived' as const };
  }),
  proroga: staffForm(prorogaSchema, async (input, c) => {
    const result = await amendCall(db(c), c.locals.ctx, input.callId, { kind: 'proroga', closesAt: input.closesAt, note: input.note });
    nudgeMail(c);
    return result;
  }),

  saveQuestion: saveItem('questions', questionFormSchema),
  saveAttachment: saveItem('attachments', attachmentFormSchema),
  saveEligibility: saveItem('eligibility', eligibilityFormSchema),
  saveCriterion: saveItem('criteria', criterionFormSchema),
  removeItem: staffForm(removeItemSchema, async (input, c) => {
    const result = await removeCallItem(db(c), c.locals.ctx, input);
    nudgeMail(c);
    return result;
  }),
  moveItem: staffForm(moveItemSchema, async (input, c) => {
    const result = await moveCallItem(db(c), c.locals.ctx, input);
    nudgeMail(c);
    return result;
  }),
  setRubricPoints: staffForm(rubricPointsSchema, async (input, c) => {
    const result = await setRubricPoints(db(c), c.locals.ctx, input);
    nudgeMail(c);
    return result;
  }),
};
