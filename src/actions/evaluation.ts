import { defineAction, type ActionAPIContext } from 'astro:actions';
import { assignEvaluators, bulkAssign, reassignAfterConflict, runAutoAssign, unassign } from '../domain/evaluation/assignment.server.ts';
import { appointMember, removeMember, setPresident } from '../domain/evaluation/commission.server.ts';
import {
  assignSchema,
  autoAssignSchema,
  bulkAssignSchema,
  memberSchema,
  multiFields,
  reassignSchema,
  settingsSchema,
  unassignSchema,
} from '../domain/evaluation/evaluation.schema.ts';
import { saveEvaluationSettings } from '../domain/evaluation/settings.server.ts';
import { formAction } from '../lib/server/form-action.ts';

/** Staff side of the evaluation: settings, commission, assignments (pages under /staff/calls/{id}/evaluation). */

const db = (c: ActionAPIContext) => c.locals.runtime.database.db;

/** formAction with this area's texts (`evaluation.errors.<code>`, with the error's numbers) and its checkbox lists. */
const areaForm: typeof formAction = (schema, run) => formAction(schema, run, { area: 'evaluation', multi: multiFields });

/** Assignments email the evaluators through the outbox: wake the mail worker once they are committed. */
const assigning: typeof formAction = (schema, run) =>
  areaForm(schema, async (input, c) => {
    const result = await run(input, c);
    c.locals.runtime.mailWorker.nudge();
    return result;
  });

export const evaluation = {
  saveSettings: defineAction({ accept: 'form', handler: areaForm(settingsSchema, (input, c) => saveEvaluationSettings(db(c), c.locals.ctx, input)) }),
  appointMember: defineAction({ accept: 'form', handler: areaForm(memberSchema, (input, c) => appointMember(db(c), c.locals.ctx, input)) }),
  setPresident: defineAction({ accept: 'form', handler: areaForm(memberSchema, (input, c) => setPresident(db(c), c.locals.ctx, input)) }),
  removeMember: defineAction({ accept: 'form', handler: areaForm(memberSchema, (input, c) => removeMember(db(c), c.locals.ctx, input)) }),
  assign: defineAction({ accept: 'form', handler: assigning(assignSchema, (input, c) => assignEvaluators(db(c), c.locals.ctx, input)) }),
  bulkAssign: defineAction({ accept: 'form', handler: assigning(bulkAssignSchema, (input, c) => bulkAssign(db(c), c.locals.ctx, input)) }),
  autoAssign: defineAction({ accept: 'form', handler: assigning(autoAssignSchema, (input, c) => runAutoAssign(db(c), c.locals.ctx, input)) }),
  unassign: defineAction({ accept: 'form', handler: areaForm(unassignSchema, (input, c) => unassign(db(c), c.locals.ctx, input)) }),
  reassign: defineAction({
    accept: 'form',
    handler: assigning(reassignSchema, (input, c) => reassignAfterConflict(db(c), c.locals.ctx, input.assignmentId, input.evaluatorId)),
  }),
};
