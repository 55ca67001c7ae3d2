import { defineAction, type ActionAPIContext } from 'astro:actions';
import { approveTranche } from '../domain/money/approve-tranche.server.ts';
import { cancelPledge } from '../domain/money/cancel-pledge.server.ts';
import { commitGrant } from '../domain/money/commit-grant.server.ts';
import { commitPledge } from '../domain/money/commit-pledge.server.ts';
import { createGrant } from '../domain/money/create-grant.server.ts';
import { createPledge } from '../domain/money/create-pledge.server.ts';
import {
  approveTrancheSchema,
  cancelPledgeSchema,
  commitGrantSchema,
  commitPledgeSchema,
  createGrantSchema,
  createPledgeSchema,
  recordDisbursementSchema,
  tranchePlanSchema,
} from '../domain/money/money.schema.ts';
import { recordDisbursement } from '../domain/money/record-disbursement.server.ts';
import { saveTranchePlan } from '../domain/money/tranche-plan.server.ts';
import { formAction } from '../lib/server/form-action.ts';

/** Actions of the `funding` area (forms post here; the domain decides). Errors read `funding.errors.<code>`. */
const db = (c: ActionAPIContext) => c.locals.runtime.database.db;
const nudgeMail = (c: ActionAPIContext) => c.locals.runtime.mailWorker.nudge();
const areaForm: typeof formAction = (schema, run, options) => formAction(schema, run, { ...options, area: 'funding' });

export const funding = {
  savePlan: defineAction({
    accept: 'form',
    handler: areaForm(tranchePlanSchema, async (input, c) => ({ rows: (await saveTranchePlan(db(c), c.locals.ctx, input)).length })),
  }),
  createGrant: defineAction({
    accept: 'form',
    handler: areaForm(createGrantSchema, async (input, c) => {
      const grant = await createGrant(db(c), c.locals.ctx, { startupId: input.startupId, amountCents: input.amount });
      return { id: grant.id };
    }),
  }),
  commitGrant: defineAction({
    accept: 'form',
    handler: areaForm(commitGrantSchema, async (input, c) => {
      const grant = await commitGrant(db(c), c.locals.ctx, { grantId: input.grantId, agreementRef: input.agreementRef, committedOn: input.committedOn, amountCents: input.amount });
      return { id: grant.id };
    }),
  }),
  approveTranche: defineAction({
    accept: 'form',
    handler: areaForm(approveTrancheSchema, async (input, c) => ({ id: (await approveTranche(db(c), c.locals.ctx, input)).id })),
  }),
  recordDisbursement: defineAction({
    accept: 'form',
    handler: areaForm(recordDisbursementSchema, async (input, c) => {
      const paid = await recordDisbursement(db(c), c.locals.ctx, {
        trancheId: input.trancheId,
        paidOn: input.paidOn,
        amountCents: input.amount,
        reference: input.reference,
        pledgeId: input.source === 'programme' ? null : input.source,
      });
      nudgeMail(c);
      return { id: paid.id };
    }),
  }),
  /** A donor's own offer (donor area) or staff recording one for a donor (back office). */
  createPledge: defineAction({
    accept: 'form',
    handler: areaForm(createPledgeSchema, async (input, c) => {
      const pledge = await createPledge(db(c), c.locals.ctx, {
        donorId: input.donorId,
        target: input.target,
        neighbourhoodId: input.neighbourhoodId,
        theme: input.theme,
        amountCents: input.amount,
      });
      return { id: pledge.id };
    }),
  }),
  commitPledge: defineAction({
    accept: 'form',
    handler: areaForm(commitPledgeSchema, async (input, c) => {
      const pledge = await commitPledge(db(c), c.locals.ctx, input);
      nudgeMail(c);
      return { id: pledge.id };
    }),
  }),
  cancelPledge: defineAction({
    accept: 'form',
    handler: areaForm(cancelPledgeSchema, async (input, c) => ({ id: (await cancelPledge(db(c), c.locals.ctx, input)).id })),
  }),
};
