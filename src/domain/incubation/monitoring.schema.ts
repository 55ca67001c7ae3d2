import { z } from 'astro/zod';
import { parseEuroCents } from '../../lib/money.ts';
import { wholeNumber } from './coaching.schema.ts';
import { decisions } from './milestone.schema.ts';

/** Limits of a monitoring report and of the coach's feedback. */
export const NARRATIVE_MAX = 10_000;
export const MONITORING_FEEDBACK_MAX = 8000;
/** Far above any neighbourhood service, low enough to catch a slip of the keyboard. */
export const COUNT_MAX = 1_000_000;

/** Euros typed as people write them (`12.500,50`), to integer cents (at most ten billion euros); blank is "missing". */
const euros = z
  .string()
  .trim()
  .min(1)
  .transform((v, c) => {
    const cents = parseEuroCents(v);
    if (cents === null) {
      c.addIssue({ code: 'custom', message: 'errors.amount_invalid' });
      return z.NEVER;
    }
    return cents;
  });

/**
 * The team's periodic report (issue 5, point 6): people served, jobs created, revenue and
 * volunteers in the period, and a narrative. `milestoneId` is the `monitoring` milestone it answers.
 */
export const submitReportSchema = z.object({
  milestoneId: z.uuid(),
  peopleServed: wholeNumber(0, COUNT_MAX),
  jobsCreated: wholeNumber(0, COUNT_MAX),
  revenue: euros,
  volunteers: wholeNumber(0, COUNT_MAX),
  narrative: z.string().trim().min(1).max(NARRATIVE_MAX),
});
/** What the use case takes: the form's revenue, already in cents. */
export type SubmitReportInput = Omit<z.output<typeof submitReportSchema>, 'revenue'> & { revenueCents: number };

/** A report can be handed in from this many days before its due day: it reports on a period that is ending. */
export const REPORT_OPENS_DAYS_BEFORE = 30;

/**
 * The coach's feedback: approve, or request changes; the text is returned to the team either way
 * (it is the point of monitoring). `version` is the milestone the page showed, so a decision on a
 * report that changed since is refused.
 */
export const reportFeedbackSchema = z.object({
  milestoneId: z.uuid(),
  decision: z.enum(decisions),
  feedback: z.string().trim().min(1).max(MONITORING_FEEDBACK_MAX),
  version: z.coerce.number().int().min(1),
});
export type ReportFeedbackInput = z.output<typeof reportFeedbackSchema>;
