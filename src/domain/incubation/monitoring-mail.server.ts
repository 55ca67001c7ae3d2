import type { Queryable } from '../../lib/server/db/index.ts';
import type { RequestContext } from '../context.ts';
import { coachRecipients, enqueueToEach, teamRecipients } from '../mail/recipients.server.ts';
import { milestonePaths, milestoneTitle, type MilestoneRow } from './milestone-tx.server.ts';

type Startup = { id: string; name: string };

/** Tells the start-up's coaches that a deliverable or a report is waiting for them (in the same transaction). */
export async function notifyCoaches(tx: Queryable, ctx: RequestContext, startup: Startup, milestone: MilestoneRow) {
  await enqueueToEach(tx, await coachRecipients(tx, startup.id), 'deliverableSubmitted', (coach) => ({
    link: `${ctx.origin}${milestonePaths.coach(coach.locale, milestone)}`,
    startup: startup.name,
    milestone: milestoneTitle(milestone, coach.locale),
  }));
}

/** Returns the coach's feedback on a report to every team account, in each one's language. */
export async function notifyTeam(tx: Queryable, ctx: RequestContext, startup: Startup, milestone: MilestoneRow, feedback: string) {
  await enqueueToEach(tx, await teamRecipients(tx, startup.id), 'monitoringFeedback', (member) => ({
    link: `${ctx.origin}${milestonePaths.team(member.locale, milestone)}`,
    startup: startup.name,
    milestone: milestoneTitle(milestone, member.locale),
    feedback,
  }));
}
