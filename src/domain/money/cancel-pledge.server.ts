import { eq, sql } from 'drizzle-orm';
import { pledges } from '../../../db/schema/index.ts';
import type { Queryable } from '../../lib/server/db/index.ts';
import { recordAudit } from '../audit/record-audit.server.ts';
import type { RequestContext } from '../context.ts';
import { authorize } from '../policy.ts';
import { pledgeCallId } from './commit-pledge.server.ts';
import { assertAllowed } from './money-format.ts';
import { callLedger, lockCall, lockPledge, pledgeState } from './money-tx.server.ts';
import { pledgeCancelRefusal } from './pledge-rules.ts';

export type CancelPledgeInput = { pledgeId: string; reason: string };

/**
 * Staff cancel a pledge (the donor withdrew, the agreement fell through), with the reason. Refused
 * once money was drawn on it, and refused when the call's grants would then stand on more than its
 * resources: the office must first find the money elsewhere (or reduce awards).
 */
export async function cancelPledge(db: Queryable, ctx: RequestContext, input: CancelPledgeInput) {
  authorize(ctx.actor, 'donor.manage');
  return db.transaction(async (tx) => {
    const call = await lockCall(tx, await pledgeCallId(tx, input.pledgeId));
    const pledge = await pledgeState(tx, await lockPledge(tx, input.pledgeId));
    assertAllowed(pledgeCancelRefusal(pledge, await callLedger(tx, call.id)), ctx.locale);
    const [cancelled] = await tx
      .update(pledges)
      .set({ status: 'cancelled', cancelledAt: ctx.now(), cancelReason: input.reason, version: sql`${pledges.version} + 1` })
      .where(eq(pledges.id, pledge.id))
      .returning();
    await recordAudit(tx, ctx, {
      action: 'pledge.cancelled',
      entityType: 'pledge',
      entityId: pledge.id,
      summary: { donorId: pledge.donorId, amountCents: pledge.amountCents, previousStatus: pledge.status, reason: input.reason },
    });
    return cancelled!;
  });
}
