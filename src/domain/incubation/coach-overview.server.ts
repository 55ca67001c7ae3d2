import type { Db } from '../../lib/server/db/index.ts';
import type { RequestContext } from '../context.ts';
import { authorize, can } from '../policy.ts';
import { minAttendanceOf, summaryOf } from './coaching-log.server.ts';
import { listMilestones } from './milestones-read.server.ts';
import { listReports } from './monitoring-read.server.ts';
import { riskReasons } from './risk-rules.ts';
import { findVisibleStartup } from './startup-tx.server.ts';

/**
 * One start-up as its coach (or the office) follows it: the milestone plan with lateness, the
 * coaching totals and attendance, the monitoring reports, and the risk flag with its reasons.
 * Someone who may not even see the start-up hears "not found", as for an id that does not exist.
 */
export async function coachStartupOverview(db: Db, ctx: RequestContext, startupId: string) {
  const { startup, facts } = await findVisibleStartup(db, ctx, startupId);
  authorize(ctx.actor, 'startup.coach', facts);
  const [plan, coaching, minAttendancePercent, monitoring] = await Promise.all([
    listMilestones(db, startupId, ctx.now()),
    summaryOf(db, startupId),
    minAttendanceOf(db, startup.callId),
    listReports(db, ctx, startupId, 'coach'),
  ]);
  const overdue = plan.filter((m) => m.overdue);
  const reasons = riskReasons({
    overdueMilestones: overdue.filter((m) => m.kind !== 'monitoring').length,
    overdueReports: overdue.filter((m) => m.kind === 'monitoring').length,
    attendance: coaching,
    minAttendancePercent,
  });
  return {
    startup,
    plan,
    coaching,
    minAttendancePercent,
    reports: monitoring.items,
    reasons,
    /** Whether this person is the start-up's coach (the office reads without acting). */
    isCoach: can(ctx.actor, 'milestone.review', facts).ok,
  };
}
