import { asc, eq } from 'drizzle-orm';
import { milestones, milestoneTemplates } from '../../../db/schema/index.ts';
import type { Queryable } from '../../lib/server/db/index.ts';
import { defaultTemplate, planMilestones } from './milestone-plan.ts';

/** The call's template, or the default path when the call has none. */
export async function loadMilestoneTemplate(db: Queryable, callId: string) {
  const rows = await db.select().from(milestoneTemplates).where(eq(milestoneTemplates.callId, callId)).orderBy(asc(milestoneTemplates.position));
  return rows.length > 0 ? rows : defaultTemplate;
}

/**
 * Instantiates the call's milestone plan for a new start-up (inside the caller's transaction).
 * `startsOn` is the Rome calendar day the incubation starts. The first milestone starts at once
 * (`in_progress`); the others wait as `planned` until the one before is approved. Returns the
 * number of milestones.
 */
export async function createMilestonePlan(tx: Queryable, input: { startupId: string; callId: string; startsOn: string }): Promise<number> {
  const planned = planMilestones(await loadMilestoneTemplate(tx, input.callId), input.startsOn);
  if (planned.length === 0) return 0;
  await tx.insert(milestones).values(planned.map((m, i) => ({ ...m, startupId: input.startupId, status: i === 0 ? ('in_progress' as const) : ('planned' as const) })));
  return planned.length;
}
