import { asc, eq } from 'drizzle-orm';
import { grants, trancheTemplates } from '../../../db/schema/index.ts';
import type { Queryable } from '../../lib/server/db/index.ts';
import { recordAudit } from '../audit/record-audit.server.ts';
import type { RequestContext } from '../context.ts';
import { conflict } from '../errors.ts';
import { authorize } from '../policy.ts';
import { assertAllowed } from './money-format.ts';
import { lockCall } from './money-tx.server.ts';
import { planRefusal, type PlanRow } from './tranche-plan-rules.ts';

/** The call's tranche plan in order (empty when it has none yet). */
export async function getTranchePlan(db: Queryable, callId: string): Promise<PlanRow[]> {
  const rows = await db.select().from(trancheTemplates).where(eq(trancheTemplates.callId, callId)).orderBy(asc(trancheTemplates.position));
  return rows.map((r) => ({ labelIt: r.labelIt, labelEn: r.labelEn, shareBp: r.shareBp, milestoneKind: r.milestoneKind }));
}

/**
 * Staff set the call's tranche plan: rows totalling 100 %, each optionally waiting for a milestone
 * kind. The plan is fixed once a grant of the call has its tranches: grants of one call are paid
 * on the same terms, and tranches already planned are never rewritten behind the team's back.
 */
export async function saveTranchePlan(db: Queryable, ctx: RequestContext, input: { callId: string; rows: PlanRow[] }): Promise<PlanRow[]> {
  authorize(ctx.actor, 'grant.manage');
  assertAllowed(planRefusal(input.rows), ctx.locale);
  return db.transaction(async (tx) => {
    const call = await lockCall(tx, input.callId);
    const [used] = await tx.select({ id: grants.id }).from(grants).where(eq(grants.callId, call.id)).limit(1);
    if (used) throw conflict('plan_in_use');
    await tx.delete(trancheTemplates).where(eq(trancheTemplates.callId, call.id));
    await tx.insert(trancheTemplates).values(input.rows.map((r, i) => ({ callId: call.id, position: i + 1, ...r })));
    await recordAudit(tx, ctx, {
      action: 'tranche_plan.saved',
      entityType: 'call',
      entityId: call.id,
      summary: { rows: input.rows.map((r) => ({ label: r.labelIt, shareBp: r.shareBp, milestoneKind: r.milestoneKind })) },
    });
    return input.rows;
  });
}
