import { eq } from 'drizzle-orm';
import { businessPlanComments, businessPlans, businessPlanVersions } from '../schema/index.ts';
import type { Tx } from '../../src/lib/server/db/index.ts';
import {
  coachComments,
  firstDraftLines,
  firstDraftSections,
  secondDraftLines,
  secondDraftSections,
  workingSections,
} from './business-plan-texts.ts';

/**
 * Demo business plan (issue 5, point 5) for one start-up: the working plan (its 7th save), two
 * saved versions — the first draft that never breaks even, the second that breaks even in year 2 —
 * and two comments of the coach, each on the save it was written on. Written as the team and the
 * coach would have over the weeks between the start-up's creation and `now`. Idempotent: nothing
 * happens when the start-up already has a plan.
 */
export type SeedBusinessPlanOptions = {
  startup: { id: string; name: string; createdAt: Date };
  authorUserId: string;
  /** The assigned coach; without one the plan is seeded without comments. */
  coachUserId: string | null;
  now?: Date;
};
export type SeedBusinessPlanResult = { plans: number; versions: number; comments: number };

/** The working copy's save numbers at each step of the story. */
const SAVES = { firstVersion: 3, secondVersion: 6, working: 7 } as const;

export async function seedBusinessPlan(tx: Tx, o: SeedBusinessPlanOptions): Promise<SeedBusinessPlanResult> {
  const none = { plans: 0, versions: 0, comments: 0 };
  const [existing] = await tx.select({ id: businessPlans.startupId }).from(businessPlans).where(eq(businessPlans.startupId, o.startup.id));
  if (existing) return none;

  const at = timeline(o.startup.createdAt, o.now ?? new Date());
  const name = o.startup.name;
  await tx.insert(businessPlanVersions).values([
    { startupId: o.startup.id, number: 1, sections: firstDraftSections(name), financial: { lines: firstDraftLines }, savedAt: at(0.3), savedBy: o.authorUserId },
    { startupId: o.startup.id, number: 2, sections: secondDraftSections(name), financial: { lines: secondDraftLines }, savedAt: at(0.7), savedBy: o.authorUserId },
  ]);
  await tx.insert(businessPlans).values({
    startupId: o.startup.id,
    sections: workingSections(name),
    financial: { lines: secondDraftLines },
    version: SAVES.working,
    updatedAt: at(0.9),
    updatedBy: o.authorUserId,
  });
  if (!o.coachUserId) return { plans: 1, versions: 2, comments: 0 };
  await tx.insert(businessPlanComments).values([
    { startupId: o.startup.id, section: 'financial', planVersion: SAVES.firstVersion, authorId: o.coachUserId, body: coachComments.financial, createdAt: at(0.4) },
    { startupId: o.startup.id, section: 'market', planVersion: SAVES.secondVersion, authorId: o.coachUserId, body: coachComments.market, createdAt: at(0.8) },
  ]);
  return { plans: 1, versions: 2, comments: 2 };
}

/**
 * A moment `share` of the way from the start-up's first week to `now` (at most the last 90 days),
 * so the story reads in order whatever the start-up's age.
 */
function timeline(createdAt: Date, now: Date): (share: number) => Date {
  const start = Math.max(createdAt.getTime() + 7 * 86_400_000, now.getTime() - 90 * 86_400_000);
  const from = Math.min(start, now.getTime());
  return (share) => new Date(from + Math.round((now.getTime() - from) * share));
}
