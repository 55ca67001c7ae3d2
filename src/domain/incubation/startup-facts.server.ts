import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import { donorUsers, pledges, startupCoaches, startupMembers, startups } from '../../../db/schema/index.ts';
import type { Queryable } from '../../lib/server/db/index.ts';
import type { StartupFacts } from '../policy.ts';

export type StartupRow = typeof startups.$inferSelect;

/**
 * What the policy needs to decide about a start-up: its team's accounts, its coaches, the donor
 * accounts funding it (a legally binding pledge to it: an offer alone gives no access), and whether the team consented to a public
 * profile. Returns null when there is no such start-up.
 *
 * Files of deliverables and reports are never public: pass `{ ...facts, publicProfile: false }`
 * as the file's parent so a public profile does not open them.
 */
export async function loadStartupFacts(db: Queryable, startupId: string): Promise<{ startup: StartupRow; facts: StartupFacts } | null> {
  const [startup] = await db.select().from(startups).where(eq(startups.id, startupId));
  if (!startup) return null;
  const [team, coaches, funders] = await Promise.all([
    db.select({ id: startupMembers.userId }).from(startupMembers).where(and(eq(startupMembers.startupId, startupId), isNotNull(startupMembers.userId))),
    db.select({ id: startupCoaches.coachId }).from(startupCoaches).where(eq(startupCoaches.startupId, startupId)),
    db
      .selectDistinct({ id: donorUsers.userId })
      .from(pledges)
      .innerJoin(donorUsers, eq(donorUsers.donorId, pledges.donorId))
      .where(and(eq(pledges.startupId, startupId), inArray(pledges.status, ['committed', 'disbursed']))),
  ]);
  return {
    startup,
    facts: {
      type: 'startup',
      teamUserIds: team.map((r) => r.id!),
      coachIds: coaches.map((r) => r.id),
      funderUserIds: funders.map((r) => r.id),
      publicProfile: startup.publicConsent,
    },
  };
}
