import { desc, eq } from 'drizzle-orm';
import { businessPlans, businessPlanVersions } from '../../../db/schema/index.ts';
import type { Db } from '../../lib/server/db/index.ts';
import { recordAudit } from '../audit/record-audit.server.ts';
import type { RequestContext } from '../context.ts';
import { conflict } from '../errors.ts';
import { planAccess } from './business-plan-access.server.ts';
import { samePlan } from './business-plan-rules.ts';

export type SavePlanVersionResult = { number: number; savedAt: Date };

/**
 * "Save as version N": the team freezes the working copy as a numbered version (1, 2, …) to hand
 * to the coach or attach to a milestone. The form names the working copy's version shown on the
 * page, so nobody freezes text a teammate saved a moment ago without having seen it. Numbers are
 * taken under the working copy's row lock: two clicks at once make versions N and N+1, or the
 * second is told nothing changed.
 */
export async function savePlanVersion(db: Db, ctx: RequestContext, input: { startupId: string; version: number }): Promise<SavePlanVersionResult> {
  return db.transaction(async (tx) => {
    await planAccess(tx, ctx, input.startupId, 'edit');
    const [working] = await tx.select().from(businessPlans).where(eq(businessPlans.startupId, input.startupId)).for('update');
    if (!working) throw conflict('plan_empty');
    if (working.version !== input.version) throw conflict('stale_version', { version: working.version, savedAt: working.updatedAt });

    const [last] = await tx
      .select()
      .from(businessPlanVersions)
      .where(eq(businessPlanVersions.startupId, input.startupId))
      .orderBy(desc(businessPlanVersions.number))
      .limit(1);
    if (last && samePlan(last, working)) throw conflict('version_unchanged', { number: last.number });

    const number = (last?.number ?? 0) + 1;
    const savedAt = ctx.now();
    await tx.insert(businessPlanVersions).values({
      startupId: input.startupId,
      number,
      sections: working.sections,
      financial: working.financial,
      savedAt,
      savedBy: ctx.actor!.userId,
    });
    await recordAudit(tx, ctx, {
      action: 'business_plan.version_saved',
      entityType: 'business_plan',
      entityId: input.startupId,
      summary: { number, planVersion: working.version },
    });
    return { number, savedAt };
  });
}
