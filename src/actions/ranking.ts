import { defineAction, type ActionAPIContext } from 'astro:actions';
import { publishFinal, publishProvisional, slideRanking } from '../domain/evaluation/publish-ranking.server.ts';
import { publishRankingSchema, slideRankingSchema } from '../domain/evaluation/ranking.schema.ts';
import { formAction } from '../lib/server/form-action.ts';

/** Staff: publish the provisional and the final ranking, scorrimento (page /staff/calls/{id}/evaluation/ranking). */

const db = (c: ActionAPIContext) => c.locals.runtime.database.db;
const nudgeMail = (c: ActionAPIContext) => c.locals.runtime.mailWorker.nudge();

/** formAction with this area's own error texts (`ranking.errors.<code>`). */
const areaForm: typeof formAction = (schema, run, options) => formAction(schema, run, { ...options, area: 'ranking' });

export const ranking = {
  publishProvisional: defineAction({
    accept: 'form',
    handler: areaForm(publishRankingSchema, async (input, c) => {
      const result = await publishProvisional(db(c), c.locals.ctx, input.callId);
      nudgeMail(c);
      return result;
    }),
  }),
  publishFinal: defineAction({
    accept: 'form',
    handler: areaForm(publishRankingSchema, (input, c) => publishFinal(db(c), c.locals.ctx, input.callId)),
  }),
  slide: defineAction({
    accept: 'form',
    handler: areaForm(slideRankingSchema, async (input, c) => {
      const result = await slideRanking(db(c), c.locals.ctx, input.callId, input.amount, input.reason);
      nudgeMail(c);
      return result;
    }),
  }),
};
