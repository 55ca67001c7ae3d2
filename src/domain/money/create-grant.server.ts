import { and, eq } from 'drizzle-orm';
import { grants, milestones, rankingEntries, startups, tranches } from '../../../db/schema/index.ts';
import type { Queryable } from '../../lib/server/db/index.ts';
import { recordAudit } from '../audit/record-audit.server.ts';
import type { RequestContext } from '../context.ts';
import { conflict, notFound } from '../errors.ts';
import { latestRanking } from '../evaluation/ranking-repo.server.ts';
import { isUniqueViolation } from '../programmes/unique-violation.ts';
import { authorize } from '../policy.ts';
import { assertAllowed, refusalError } from './money-format.ts';
import { awardRefusal } from './money-rules.ts';
import { callLedger, lockCall, requireId } from './money-tx.server.ts';
import { buildTranches } from './tranche-plan-rules.ts';
import { getTranchePlan } from './tranche-plan.server.ts';

export type CreateGrantInput = { startupId: string; amountCents: number };

/**
 * Staff award a start-up its grant (ammesso): at most its grant in the call's latest final ranking
 * and the call's maximum, and payable from money that may pay it without taking any other grant's
 * (budget, unrestricted pledges, pledges restricted to it or its neighbourhood: funding-pool.ts),
 * checked under the call's row lock. The call's tranche plan gives the grant its tranches
 * (largest-remainder cents, each tied to the start-up's milestone of the required kind); tranches
 * with no condition left are eligible. A grant is awarded once: there is no path that raises it.
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
      const award = { startupId: startup.id, amountCents: input.amountCents, rankedCents: await rankedGrantCents(tx, startup) };
      assertAllowed(awardRefusal(await callLedger(tx, startup.callId), award), ctx.locale);

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

/**
 * The start-up's grant in its call's latest final ranking (a scorrimento publishes a new one; the
 * same ranking the start-up was created from): 0 when it is not in it, so nothing can be awarded
 * without the ranking that decided it.
 */
async function rankedGrantCents(tx: Queryable, startup: { callId: string; proposalId: string }): Promise<number> {
  const latest = await latestRanking(tx, startup.callId, 'final');
  if (!latest) return 0;
  const [entry] = await tx
    .select({ grantCents: rankingEntries.grantCents })
    .from(rankingEntries)
    .where(and(eq(rankingEntries.rankingId, latest.id), eq(rankingEntries.proposalId, startup.proposalId)));
  return entry?.grantCents ?? 0;
}
