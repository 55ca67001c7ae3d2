import { defineAction, type ActionAPIContext } from 'astro:actions';
import { decideDeliverable } from '../domain/incubation/deliverable-decide.server.ts';
import { submitDeliverable } from '../domain/incubation/deliverable-submit.server.ts';
import { saveIncubationSettings } from '../domain/incubation/incubation-settings.server.ts';
import { changeDueDate } from '../domain/incubation/milestone-due-date.server.ts';
import { saveMilestoneTemplate } from '../domain/incubation/milestone-template.server.ts';
import {
  changeDueDateSchema,
  chosenFiles,
  decideDeliverableSchema,
  incubationSettingsSchema,
  milestoneTemplateSchema,
  submitDeliverableSchema,
  templateFields,
} from '../domain/incubation/milestone.schema.ts';
import { formAction } from '../lib/server/form-action.ts';

const db = (c: ActionAPIContext) => c.locals.runtime.database.db;

/** formAction with this area's own error texts (`milestones.errors.<code>`). */
const areaForm: typeof formAction = (schema, run, options) => formAction(schema, run, { ...options, area: 'milestones' });

/** Actions of the `milestones` area (forms post here; the domain decides). */
export const milestones = {
  /** The team's deliverable: markdown text and files from one `multiple` input, in one multipart post. */
  submit: defineAction({
    accept: 'form',
    handler: areaForm(
      submitDeliverableSchema,
      async (input, c) => {
        const { ctx, runtime } = c.locals;
        const saved = await submitDeliverable(db(c), runtime.storage, ctx, { milestoneId: input.milestoneId, body: input.body, files: chosenFiles(input.files) });
        runtime.mailWorker.nudge();
        return { id: saved.id, seq: saved.seq };
      },
      { multi: ['files'] },
    ),
  }),
  /** The coach approves or requests changes on the submission the page showed. */
  decide: defineAction({
    accept: 'form',
    handler: areaForm(decideDeliverableSchema, async (input, c) => {
      const result = await decideDeliverable(db(c), c.locals.ctx, input);
      c.locals.runtime.mailWorker.nudge();
      return { status: result.milestone.status };
    }),
  }),
  /** Staff move a due date with a reason. */
  changeDueDate: defineAction({
    accept: 'form',
    handler: areaForm(changeDueDateSchema, async (input, c) => {
      const updated = await changeDueDate(db(c), c.locals.ctx, input);
      return { id: updated.id, dueOn: updated.dueOn };
    }),
  }),
  saveTemplate: defineAction({
    accept: 'form',
    handler: areaForm(
      milestoneTemplateSchema,
      async (input, c) => ({ rows: (await saveMilestoneTemplate(db(c), c.locals.ctx, input)).length }),
      { multi: templateFields },
    ),
  }),
  saveSettings: defineAction({
    accept: 'form',
    handler: areaForm(incubationSettingsSchema, async (input, c) => {
      const saved = await saveIncubationSettings(db(c), c.locals.ctx, input);
      return { minAttendancePercent: saved.minAttendancePercent, reminderDaysBefore: saved.reminderDaysBefore };
    }),
  }),
};
