import { defineAction, type ActionAPIContext } from 'astro:actions';
import { z } from 'astro/zod';
import { logCoachingSession, removeCoachingSession } from '../domain/incubation/coaching-session.server.ts';
import { logSessionSchema } from '../domain/incubation/coaching.schema.ts';
import { formAction } from '../lib/server/form-action.ts';

const db = (c: ActionAPIContext) => c.locals.runtime.database.db;

/** Actions of the `coaching` area (forms post here; the domain decides). */
export const coaching = {
  /** The coach records a session held, with the team's attendance (ticked members are present). */
  logSession: defineAction({
    accept: 'form',
    handler: formAction(
      logSessionSchema,
      async (input, c) => {
        const session = await logCoachingSession(db(c), c.locals.ctx, input);
        return { id: session.id };
      },
      { area: 'coaching', multi: ['present'] },
    ),
  }),
  /** Removes a session recorded by mistake. */
  removeSession: defineAction({
    accept: 'form',
    handler: formAction(z.object({ startupId: z.uuid(), sessionId: z.uuid() }), (input, c) => removeCoachingSession(db(c), c.locals.ctx, input), {
      area: 'coaching',
    }),
  }),
};
