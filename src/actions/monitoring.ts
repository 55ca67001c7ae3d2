import { defineAction, type ActionAPIContext } from 'astro:actions';
import { giveMonitoringFeedback } from '../domain/incubation/monitoring-feedback.server.ts';
import { submitMonitoringReport } from '../domain/incubation/monitoring-report.server.ts';
import { reportFeedbackSchema, submitReportSchema } from '../domain/incubation/monitoring.schema.ts';
import { formAction } from '../lib/server/form-action.ts';

const db = (c: ActionAPIContext) => c.locals.runtime.database.db;

/** Actions of the `monitoring` area (forms post here; the domain decides). */
export const monitoring = {
  /** The team hands in (or revises) a periodic report; the coaches are emailed. */
  submit: defineAction({
    accept: 'form',
    handler: formAction(
      submitReportSchema,
      async ({ revenue, ...input }, c) => {
        const report = await submitMonitoringReport(db(c), c.locals.ctx, { ...input, revenueCents: revenue });
        c.locals.runtime.mailWorker.nudge();
        return { id: report.id };
      },
      { area: 'monitoring' },
    ),
  }),
  /** The coach's feedback: approve or request changes; the team is emailed. */
  feedback: defineAction({
    accept: 'form',
    handler: formAction(
      reportFeedbackSchema,
      async (input, c) => {
        const result = await giveMonitoringFeedback(db(c), c.locals.ctx, input);
        c.locals.runtime.mailWorker.nudge();
        return { status: result.milestone.status };
      },
      { area: 'monitoring' },
    ),
  }),
};
