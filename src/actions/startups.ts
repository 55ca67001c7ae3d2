import { defineAction, type ActionAPIContext } from 'astro:actions';
import { assignCoach, removeCoach } from '../domain/incubation/assign-coach.server.ts';
import { createStartupsFromRanking } from '../domain/incubation/create-startups.server.ts';
import { setMonitoringSharing, setPublicConsent, updateProfile } from '../domain/incubation/startup-profile.server.ts';
import { coachSchema, consentSchema, createStartupsSchema, profileSchema, sharingSchema } from '../domain/incubation/startup.schema.ts';
import { formAction } from '../lib/server/form-action.ts';

const db = (c: ActionAPIContext) => c.locals.runtime.database.db;

/** formAction with this area's own error texts (`startups.errors.<code>`). */
const areaForm: typeof formAction = (schema, run, options) => formAction(schema, run, { ...options, area: 'startups' });

/** Actions of the `startups` area (forms post here; the domain decides). */
export const startups = {
  /** Staff: the start-ups of a call's final ranking, in one go. */
  createFromRanking: defineAction({
    accept: 'form',
    handler: areaForm(createStartupsSchema, async (input, c) => {
      const result = await createStartupsFromRanking(db(c), c.locals.ctx, input);
      if (result.created.length > 0) c.locals.runtime.mailWorker.nudge();
      return { callId: input.callId, created: result.created.length };
    }),
  }),
  assignCoach: defineAction({
    accept: 'form',
    handler: areaForm(coachSchema, async (input, c) => {
      const result = await assignCoach(db(c), c.locals.ctx, input);
      c.locals.runtime.mailWorker.nudge();
      return result;
    }),
  }),
  removeCoach: defineAction({
    accept: 'form',
    handler: areaForm(coachSchema, (input, c) => removeCoach(db(c), c.locals.ctx, input)),
  }),
  /** The team: name, need and offer of the public profile. */
  updateProfile: defineAction({
    accept: 'form',
    handler: areaForm(profileSchema, async (input, c) => {
      const row = await updateProfile(db(c), c.locals.ctx, input);
      return { id: row.id, version: row.version };
    }),
  }),
  setConsent: defineAction({
    accept: 'form',
    handler: areaForm(consentSchema, async (input, c) => {
      const row = await setPublicConsent(db(c), c.locals.ctx, { startupId: input.startupId, consent: input.consent });
      return { id: row.id, publicConsent: row.publicConsent };
    }),
  }),
  setSharing: defineAction({
    accept: 'form',
    handler: areaForm(sharingSchema, async (input, c) => {
      const row = await setMonitoringSharing(db(c), c.locals.ctx, { startupId: input.startupId, share: input.share });
      return { id: row.id, share: row.shareMonitoringWithDonors };
    }),
  }),
};
