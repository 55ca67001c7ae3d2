import { eq } from 'drizzle-orm';
import { businessPlans, users } from '../../../db/schema/index.ts';
import type { Db, Queryable } from '../../lib/server/db/index.ts';
import { recordAudit } from '../audit/record-audit.server.ts';
import type { RequestContext } from '../context.ts';
import { conflict, invalid } from '../errors.ts';
import { planAccess } from './business-plan-access.server.ts';
import { changedSections, planViolation, samePlan, type FinancialPlan, type PlanSections } from './business-plan-rules.ts';

export type SavePlanInput = { startupId: string; version: number; sections: PlanSections; financial: FinancialPlan };
export type SavePlanResult = { version: number; changed: boolean; savedAt: Date };
type PlanRow = typeof businessPlans.$inferSelect;

/**
 * The team saves the working copy of its business plan. The form names the version it was
 * loaded with (0 before the first save): if a teammate saved in the meantime the save is refused
 * with `stale_plan` (saying who and when) and nothing is overwritten; the page keeps the typed
 * text so it can be compared and saved again on purpose. A save that changes nothing is no new
 * version. The row is locked so two saves of the same version cannot both win.
 */
export async function saveBusinessPlan(db: Db, ctx: RequestContext, input: SavePlanInput): Promise<SavePlanResult> {
  return db.transaction(async (tx) => {
    await planAccess(tx, ctx, input.startupId, 'edit');
    const violation = planViolation(input.sections, input.financial);
    if (violation) throw invalid(violation.code, { ...violation });

    const [current] = await tx.select().from(businessPlans).where(eq(businessPlans.startupId, input.startupId)).for('update');
    if ((current?.version ?? 0) !== input.version) throw await staleError(tx, current ?? null);
    if (current && samePlan(current, input)) return { version: current.version, changed: false, savedAt: current.updatedAt };

    const now = ctx.now();
    const values = { sections: input.sections, financial: input.financial, updatedAt: now, updatedBy: ctx.actor!.userId };
    let version: number;
    if (current) {
      version = current.version + 1;
      await tx.update(businessPlans).set({ ...values, version }).where(eq(businessPlans.startupId, input.startupId));
    } else {
      // Two first saves at once: the primary key lets one in; the other is stale like any late save.
      const inserted = await tx.insert(businessPlans).values({ startupId: input.startupId, ...values, version: 1 }).onConflictDoNothing().returning();
      if (inserted.length === 0) throw await staleError(tx, (await tx.select().from(businessPlans).where(eq(businessPlans.startupId, input.startupId)))[0] ?? null);
      version = 1;
    }
    await recordAudit(tx, ctx, {
      action: 'business_plan.saved',
      entityType: 'business_plan',
      entityId: input.startupId,
      summary: { version, sections: changedSections(current?.sections ?? {}, input.sections), lines: input.financial.lines.length },
    });
    return { version, changed: true, savedAt: now };
  });
}

/** `stale_plan` with who saved last and when, for the message. */
async function staleError(tx: Queryable, current: PlanRow | null) {
  if (!current) return conflict('stale_plan', { version: 0 });
  const [author] = current.updatedBy ? await tx.select({ name: users.name }).from(users).where(eq(users.id, current.updatedBy)) : [];
  return conflict('stale_plan', { version: current.version, savedAt: current.updatedAt, by: author?.name ?? '–' });
}
