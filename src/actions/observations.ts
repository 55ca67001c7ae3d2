import { defineAction, type ActionAPIContext } from 'astro:actions';
import { answerObservation, assignRescoring, fileObservation } from '../domain/evaluation/observations.server.ts';
import { answerObservationSchema, assignRescoringSchema, chosenFile, fileObservationSchema } from '../domain/evaluation/observations.schema.ts';
import { formAction } from '../lib/server/form-action.ts';

const db = (c: ActionAPIContext) => c.locals.runtime.database.db;

/** formAction with this area's own error texts (`observations.errors.<code>`). */
const areaForm: typeof formAction = (schema, run, options) => formAction(schema, run, { ...options, area: 'observations' });

export const observations = {
  /** The proposer's observation: text and an optional file, in one multipart post. */
  file: defineAction({
    accept: 'form',
    handler: areaForm(fileObservationSchema, async (input, c) => {
      const { ctx, runtime } = c.locals;
      const filed = await fileObservation(db(c), runtime.storage, ctx, { proposalId: input.proposalId, text: input.text, file: chosenFile(input.attachment) });
      runtime.mailWorker.nudge();
      return { id: filed.id, filedAt: filed.filedAt };
    }),
  }),
  answer: defineAction({
    accept: 'form',
    handler: areaForm(answerObservationSchema, async (input, c) => {
      const result = await answerObservation(db(c), c.locals.ctx, input);
      c.locals.runtime.mailWorker.nudge();
      return { id: result.observation.id, rescoreAssignmentId: result.rescoreAssignmentId };
    }),
  }),
  /** A re-scoring for an upheld observation that has none running. */
  rescore: defineAction({
    accept: 'form',
    handler: areaForm(assignRescoringSchema, async (input, c) => {
      const result = await assignRescoring(db(c), c.locals.ctx, input);
      c.locals.runtime.mailWorker.nudge();
      return result;
    }),
  }),
};
