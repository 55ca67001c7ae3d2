import { and, asc, count, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { calls, neighbourhoods, proposals, startupCoaches, startups, users } from '../../../db/schema/index.ts';
import type { Queryable } from '../../lib/server/db/index.ts';
import type { RequestContext } from '../context.ts';
import { authorize } from '../policy.ts';
import { nextMilestones, type NextMilestone } from './milestones-read.server.ts';
import { callSummary, coachesOf, consentHistory, neighbourhoodName, teamOf } from './startup-details.server.ts';
import { STAFF_PAGE_SIZE, type StaffStartupFilters } from './startup.schema.ts';
import { activeCoaches, findVisibleStartup } from './startup-tx.server.ts';

/** Back-office read models of start-ups: the filtered list and one start-up's page. */

export type StaffStartupRow = {
  id: string;
  slug: string;
  name: string;
  stage: (typeof startups.$inferSelect)['stage'];
  publicConsent: boolean;
  createdAt: Date;
  callTitleIt: string;
  callTitleEn: string;
  neighbourhood: string | null;
  coaches: string[];
  plan: NextMilestone;
};

/** The list, filtered by call, stage and coach, newest first; the filter options come with it. */
export async function listStaffStartups(db: Queryable, ctx: RequestContext, filters: StaffStartupFilters) {
  authorize(ctx.actor, 'startup.manage');
  const where = and(
    filters.callId ? eq(startups.callId, filters.callId) : undefined,
    filters.stage ? eq(startups.stage, filters.stage) : undefined,
    filters.coachId ? coachedBy(filters.coachId) : undefined,
  );
  const [rows, [total], options] = await Promise.all([
    db
      .select({
        id: startups.id,
        slug: startups.slug,
        name: startups.name,
        stage: startups.stage,
        publicConsent: startups.publicConsent,
        createdAt: startups.createdAt,
        callTitleIt: calls.titleIt,
        callTitleEn: calls.titleEn,
        neighbourhood: neighbourhoods.name,
      })
      .from(startups)
      .innerJoin(calls, eq(calls.id, startups.callId))
      .leftJoin(neighbourhoods, eq(neighbourhoods.id, startups.neighbourhoodId))
      .where(where)
      .orderBy(desc(startups.createdAt), asc(startups.name))
      .limit(STAFF_PAGE_SIZE)
      .offset((filters.page - 1) * STAFF_PAGE_SIZE),
    db.select({ n: count() }).from(startups).where(where),
    filterOptions(db),
  ]);
  const ids = rows.map((r) => r.id);
  const [coaches, plans] = await Promise.all([coachNames(db, ids), nextMilestones(db, ids, ctx.now())]);
  const list: StaffStartupRow[] = rows.map((r) => ({ ...r, coaches: coaches.get(r.id) ?? [], plan: plans.get(r.id) ?? { next: null, overdueCount: 0 } }));
  return { rows: list, total: total?.n ?? 0, page: filters.page, pageSize: STAFF_PAGE_SIZE, ...options };
}

const coachedBy = (coachId: string): SQL =>
  sql`exists (select 1 from ${startupCoaches} where ${startupCoaches.startupId} = ${startups.id} and ${startupCoaches.coachId} = ${coachId}::uuid)`;

async function coachNames(db: Queryable, startupIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (startupIds.length === 0) return out;
  const rows = await db
    .select({ startupId: startupCoaches.startupId, name: users.name })
    .from(startupCoaches)
    .innerJoin(users, eq(users.id, startupCoaches.coachId))
    .where(inArray(startupCoaches.startupId, startupIds))
    .orderBy(asc(users.name));
  for (const r of rows) out.set(r.startupId, [...(out.get(r.startupId) ?? []), r.name]);
  return out;
}

/** Calls that have start-ups, and coaches, for the filter menus. */
async function filterOptions(db: Queryable) {
  const [callRows, coaches] = await Promise.all([
    db
      .selectDistinct({ id: calls.id, titleIt: calls.titleIt, titleEn: calls.titleEn, opensAt: calls.opensAt })
      .from(calls)
      .innerJoin(startups, eq(startups.callId, calls.id))
      .orderBy(desc(calls.opensAt)),
    activeCoaches(db),
  ]);
  return { calls: callRows, coaches: coaches.map((c) => ({ id: c.id, name: c.name })) };
}

/** One start-up for staff: profile, team, coaches (and who else could coach), consents, links. */
export async function staffStartupView(db: Queryable, ctx: RequestContext, startupId: string) {
  authorize(ctx.actor, 'startup.manage');
  const { startup } = await findVisibleStartup(db, ctx, startupId);
  const [team, coaches, consents, call, neighbourhood, [proposal], allCoaches, plans] = await Promise.all([
    teamOf(db, startup.id),
    coachesOf(db, startup.id),
    consentHistory(db, startup.id),
    callSummary(db, startup.callId),
    neighbourhoodName(db, startup.neighbourhoodId),
    db.select({ id: proposals.id, protocolNumber: proposals.protocolNumber, title: proposals.title }).from(proposals).where(eq(proposals.id, startup.proposalId)),
    activeCoaches(db),
    nextMilestones(db, [startup.id], ctx.now()),
  ]);
  const assigned = new Set(coaches.map((c) => c.id));
  return {
    startup,
    team,
    coaches,
    consents,
    call,
    neighbourhood,
    proposal: proposal ?? null,
    plan: plans.get(startup.id) ?? { next: null, overdueCount: 0 },
    availableCoaches: allCoaches.filter((c) => !assigned.has(c.id)).map((c) => ({ id: c.id, name: c.name, email: c.email })),
  };
}
export type StaffStartupView = Awaited<ReturnType<typeof staffStartupView>>;
