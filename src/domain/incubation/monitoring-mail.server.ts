import type { Queryable } from '../../lib/server/db/index.ts';
import type { RequestContext } from '../context.ts';
import { enqueueEmail } from '../mail/enqueue-email.server.ts';
import { coachRecipients, milestonePaths, milestoneTitle, teamRecipients, type MilestoneRow } from './milestone-tx.server.ts';

type Startup = { id: string; name: string };

/** Tells the start-up's coaches that a report is waiting for them (in the same transaction). */
export async function notifyCoaches(tx: Queryable, ctx: RequestContext, startup: Startup, milestone: MilestoneRow) {
  for (const coach of await coachRecipients(tx, startup.id)) {
    await enqueueEmail(tx, {
      to: coach.email,
      userId: coach.userId,
      locale: coach.locale,
      template: 'deliverableSubmitted',
      params: {
        name: coach.name,
        link: `${ctx.origin}${milestonePaths.coach(coach.locale, milestone)}`,
        startup: startup.name,
        milestone: milestoneTitle(milestone, coach.locale),
      },
    });
  }
}

/** Returns the coach's feedback to every team account, in each one's language. */
export async function notifyTeam(tx: Queryable, ctx: RequestContext, startup: Startup, milestone: MilestoneRow, feedback: string) {
  for (const member of await teamRecipients(tx, startup.id)) {
    await enqueueEmail(tx, {
      to: member.email,
      userId: member.userId,
      locale: member.locale,
      template: 'monitoringFeedback',
      params: {
        name: member.name,
        link: `${ctx.origin}${milestonePaths.team(member.locale, milestone)}`,
        startup: startup.name,
        milestone: milestoneTitle(milestone, member.locale),
        feedback,
      },
    });
  }
}
