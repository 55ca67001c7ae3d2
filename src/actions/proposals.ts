import { defineAction, type ActionAPIContext } from 'astro:actions';
import { z } from 'astro/zod';
import { startProposal } from '../domain/proposals/start-proposal.server.ts';
import { reopenProposal } from '../domain/proposals/reopen-proposal.server.ts';
import { setNameConsent } from '../domain/proposals/set-name-consent.server.ts';
import { withdrawProposal } from '../domain/proposals/withdraw-proposal.server.ts';
import { formAction } from '../lib/server/form-action.ts';
import { autosaveHandler, saveFormHandler, submitFormHandler } from './proposal-form.ts';

/**
 * The proposer's actions. The proposal form's fields come from the call, so its handlers
 * (./proposal-form.ts) let the domain read the form instead of a fixed zod schema.
 */
const db = (c: ActionAPIContext) => c.locals.runtime.database.db;
const id = z.string().trim().min(1).max(64);
/** The second step of a confirmation: the button that really does it sends confirm=yes. */
const confirmed = z.object({ proposalId: id, confirm: z.literal('yes') });

export const proposals = {
  start: defineAction({
    accept: 'form',
    handler: formAction(z.object({ callId: id }), (input, c) => startProposal(db(c), c.locals.ctx, input)),
  }),
  /** "Save draft" (also adds or removes team rows and files): works without JavaScript. */
  save: defineAction({ accept: 'form', handler: saveFormHandler }),
  /** The same save, called by the page's script while typing; answers with a small JSON result. */
  autosave: defineAction({ accept: 'form', handler: autosaveHandler }),
  submit: defineAction({ accept: 'form', handler: submitFormHandler }),
  reopen: defineAction({
    accept: 'form',
    handler: formAction(confirmed, (input, c) => reopenProposal(db(c), c.locals.ctx, input)),
  }),
  /** Give or take back consent to show one's name in published rankings, after sending. */
  setNameConsent: defineAction({
    accept: 'form',
    handler: formAction(
      z.object({ proposalId: id, consent: z.enum(['yes', 'no']).transform((v) => v === 'yes') }),
      (input, c) => setNameConsent(db(c), c.locals.ctx, input),
      { area: 'proposals' },
    ),
  }),
  withdraw: defineAction({
    accept: 'form',
    handler: formAction(confirmed, async (input, c) => {
      await withdrawProposal(db(c), c.locals.ctx, input);
      return { withdrawn: true };
    }),
  }),
};
