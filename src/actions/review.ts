import { defineAction, type ActionAPIContext } from 'astro:actions';
import { declareInterest } from '../domain/evaluation/conflict.server.ts';
import { declareSchema, scoreFormSchema } from '../domain/evaluation/review-schema.ts';
import { scoreReview } from '../domain/evaluation/scoring.server.ts';
import { formAction } from '../lib/server/form-action.ts';

/**
 * The evaluator's forms: the declaration on conflicts of interest and the scoring sheet. A refused
 * sheet names every problem at once (`details.errors`), which formAction puts on those fields.
 */
const db = (c: ActionAPIContext) => c.locals.runtime.database.db;
const area = { area: 'review' } as const;

export const review = {
  declare: defineAction({
    accept: 'form',
    handler: formAction(declareSchema, (input, c) => declareInterest(db(c), c.locals.ctx, input), area),
  }),
  /** Save the sheet as a draft (`intent=draft`) or send it (`intent=submit`). */
  score: defineAction({
    accept: 'form',
    handler: formAction(
      scoreFormSchema,
      (input, c) => {
        const { assignmentId, version, intent, ...fields } = input;
        return scoreReview(db(c), c.locals.ctx, { assignmentId, version, intent, fields });
      },
      area,
    ),
  }),
};
