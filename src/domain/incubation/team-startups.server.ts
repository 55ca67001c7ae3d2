import { asc, eq } from 'drizzle-orm';
import { calls, startupMembers, startups } from '../../../db/schema/index.ts';
import type { Queryable } from '../../lib/server/db/index.ts';
import type { RequestContext } from '../context.ts';
import { authorize } from '../policy.ts';
import { nextMilestones } from './milestones-read.server.ts';
import { callSummary, coachesOf, consentHistory, neighbourhoodName, teamOf } from './startup-details.server.ts';
import { findVisibleStartup } from './startup-tx.server.ts';

/** Read models of the team's own area (/me/startups). */

/** The start-ups whose team the signed-in person belongs to (with an account), by name. */
export async function myStartups(db: Queryable, ctx: RequestContext) {
  authorize(ctx.actor, 'area.me');
  const rows = await db
    .select({
      id: startups.id,
      slug: startups.slug,
      name: startups.name,
      stage: startups.stage,
      publicConsent: startups.publicConsent,
      callTitleIt: calls.titleIt,
      callTitleEn: calls.titleEn,
    })
    .from(startupMembers)
    .innerJoin(startups, eq(startups.id, startupMembers.startupId))
    .innerJoin(calls, eq(calls.id, startups.callId))
    .where(eq(startupMembers.userId, ctx.actor!.userId))
    .orderBy(asc(startups.name));
  const plans = await nextMilestones(db, rows.map((r) => r.id), ctx.now());
  return rows.map((r) => ({ ...r, plan: plans.get(r.id) ?? { next: null, overdueCount: 0 } }));
}
export type MyStartup = Awaited<ReturnType<typeof myStartups>>[number];

/**
 * One start-up for its team: the profile they edit, consents, team, coaches, where the plan
 * stands. Someone who may not see it gets 404; who may see it (a public profile, a coach, staff)
 * but is not on the team gets 403: this area is the team's.
 */
export async function teamStartupView(db: Queryable, ctx: RequestContext, startupId: string) {
  const { startup, facts } = await findVisibleStartup(db, ctx, startupId);
  authorize(ctx.actor, 'startup.edit', facts);
  const [team, coaches, consents, call, neighbourhood, plans] = await Promise.all([
    teamOf(db, startup.id),
    coachesOf(db, startup.id),
    consentHistory(db, startup.id),
    callSummary(db, startup.callId),
    neighbourhoodName(db, startup.neighbourhoodId),
    nextMilestones(db, [startup.id], ctx.now()),
  ]);
  return {
    startup,
    // Team members see each other's names and roles, not each other's email addresses.
    team: team.map((m) => ({ ...m, email: null })),
    coaches: coaches.map((c) => ({ id: c.id, name: c.name, email: c.email })),
    consents,
    call,
    neighbourhood,
    plan: plans.get(startup.id) ?? { next: null, overdueCount: 0 },
  };
}
export type TeamStartupView = Awaited<ReturnType<typeof teamStartupView>>;
