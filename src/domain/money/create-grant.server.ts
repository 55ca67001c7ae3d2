import { eq } from 'drizzle-orm';
import { grants, milestones, startups, tranches } from '../../../db/schema/index.ts';
import type { Queryable } from '../../lib/server/db/index.ts';
import { recordAudit } from '../audit/record-audit.server.ts';
import type { RequestContext } from '../context.ts';
import { conflict, notFound } from '../errors.ts';
import { isUniqueViolation } from '../programmes/unique-violation.ts';
import { authorize } from '../policy.ts';
import { assertAllowed, refusalError } from './money-format.ts';
import { awardRefusal } from './money-rules.ts';
import { callLedger, lockCall, requireId } from './money-tx.server.ts';
import { buildTranches } from './tranche-plan-rules.ts';
import { getTranchePlan } from './tranche-plan.server.ts';

export type CreateGrantInput = { startupId: string; amountCents: number };

/**
 * Staff award a start-up its grant (ammesso): at most the call's maximum, and the call's awards
 * within its resources (budget plus binding pledges), checked under the call's row lock. The
 * call's tranche plan gives the grant its tranches (largest-remainder cents, each tied to the
 * start-up's milestone of the required kind); tranches with no condition left are eligible.
 */
export async function createGrant(db: Queryable, ctx: RequestContext, input: CreateGrantInput) {
  authorize(ctx.actor, 'grant.manage');
  requireId(input.startupId, 'startup_not_found');
  try {
    return await db.transaction(async (tx) => {
      const [startup] = await tx.select().from(startups).where(eq(startups.id, input.startupId));
      if (!startup) throw notFound('startup_not_found');
      await lockCall(tx, startup.callId);
      const [existing] = await tx.select({ id: grants.id }).from(grants).where(eq(grants.startupId, startup.id));
      if (existing) throw conflict('grant_exists');
      const plan = await getTranchePlan(tx, startup.callId);
      if (plan.length === 0) throw conflict('plan_missing');
      assertAllowed(awardRefusal(await callLedger(tx, startup.callId), input.amountCents), ctx.locale);

      const own = await tx.select({ id: milestones.id, kind: milestones.kind, position: milestones.position, status: milestones.status }).from(milestones).where(eq(milestones.startupId, startup.id));
      const built = buildTranches(plan, input.amountCents, own, ctx.locale);
      if (!built.ok) throw refusalError(built.refusal, ctx.locale);

      const [grant] = await tx
        .insert(grants)
        .values({ startupId: startup.id, callId: startup.callId, awardedCents: input.amountCents, createdBy: ctx.actor!.userId })
        .returning();
      await tx.insert(tranches).values(built.tranches.map((t) => ({ ...t, grantId: grant!.id })));
      await recordAudit(tx, ctx, {
        action: 'grant.created',
        entityType: 'grant',
        entityId: grant!.id,
        summary: { startupId: startup.id, callId: startup.callId, awardedCents: input.amountCents, tranches: built.tranches.map((t) => ({ amountCents: t.amountCents, status: t.status })) },
      });
      return grant!;
    });
  } catch (error) {
    // Two grants for one start-up at once: the unique index decides, the loser hears why.
    if (isUniqueViolation(error, 'grants_startup_id_unique')) throw conflict('grant_exists');
    throw error;
  }
}
