import { defineAction, type ActionAPIContext } from 'astro:actions';
import { approveDonor, rejectDonor } from '../domain/donors/decide-donor.server.ts';
import { createDonorRecord } from '../domain/donors/create-donor.server.ts';
import { approveDonorSchema, createDonorSchema, joinSchema, linkAccountSchema, rejectDonorSchema, wallConsentSchema } from '../domain/donors/donor.schema.ts';
import { linkDonorAccount } from '../domain/donors/link-donor-account.server.ts';
import { setWallConsent } from '../domain/donors/set-wall-consent.server.ts';
import { signUpDonor } from '../domain/donors/sign-up-donor.server.ts';
import { formAction } from '../lib/server/form-action.ts';

const db = (c: ActionAPIContext) => c.locals.runtime.database.db;

/** formAction with this area's own error texts (`donors.errors.<code>`). */
const areaForm: typeof formAction = (schema, run, options) => formAction(schema, run, { ...options, area: 'donors' });

/** Actions of the `donors` area (forms post here; the domain decides). Errors read `donors.errors.<code>`. */
export const donors = {
  /** A signed-in person asks to become a donor (public sign-up page). */
  join: defineAction({
    accept: 'form',
    handler: areaForm(joinSchema, async (input, c) => ({ id: (await signUpDonor(db(c), c.locals.ctx, input)).id })),
  }),
  approve: defineAction({
    accept: 'form',
    handler: areaForm(approveDonorSchema, async (input, c) => {
      const donor = await approveDonor(db(c), c.locals.ctx, input.donorId);
      c.locals.runtime.mailWorker.nudge();
      return { id: donor.id };
    }),
  }),
  reject: defineAction({
    accept: 'form',
    handler: areaForm(rejectDonorSchema, async (input, c) => ({ id: (await rejectDonor(db(c), c.locals.ctx, input)).id })),
  }),
  /** Staff record a donor they know, and link or invite its account. */
  create: defineAction({
    accept: 'form',
    handler: areaForm(createDonorSchema, async (input, c) => {
      const { donor, outcome } = await createDonorRecord(db(c), c.locals.ctx, input);
      c.locals.runtime.mailWorker.nudge();
      return { id: donor.id, outcome };
    }),
  }),
  linkAccount: defineAction({
    accept: 'form',
    handler: areaForm(linkAccountSchema, async (input, c) => {
      const linked = await linkDonorAccount(db(c), c.locals.ctx, input);
      c.locals.runtime.mailWorker.nudge();
      return { id: linked.donor.id };
    }),
  }),
  /** The donor (or staff, for a consent received in writing) sets its presence on the public wall. */
  setWallConsent: defineAction({
    accept: 'form',
    handler: areaForm(wallConsentSchema, async (input, c) => ({ id: (await setWallConsent(db(c), c.locals.ctx, input)).id })),
  }),
};
