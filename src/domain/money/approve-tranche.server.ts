import { eq, sql } from 'drizzle-orm';
import { grants, tranches } from '../../../db/schema/index.ts';
import type { Queryable } from '../../lib/server/db/index.ts';
import { recordAudit } from '../audit/record-audit.server.ts';
import type { RequestContext } from '../context.ts';
import { notFound } from '../errors.ts';
import { authorize } from '../policy.ts';
import { assertAllowed } from './money-format.ts';
import { approvalRefusal } from './money-rules.ts';
import { grantUse, lockCall, lockGrant, lockTranche, requireId } from './money-tx.server.ts';

/** The call and grant of a tranche, read without locks to know which rows to lock (they never change). */
export async function trancheOwners(tx: Queryable, trancheId: string): Promise<{ grantId: string; callId: string }> {
  requireId(trancheId, 'tranche_not_found');
  const [row] = await tx.select({ grantId: tranches.grantId, callId: grants.callId }).from(tranches).innerJoin(grants, eq(grants.id, tranches.grantId)).where(eq(tranches.id, trancheId));
  if (!row) throw notFound('tranche_not_found');
  return row;
}

/**
 * Staff approve an eligible tranche for payment (DESIGN.md: `eligible → approved`). Under the
 * call, grant and tranche row locks: two colleagues pressing the button at once give one
 * approval, and the other hears it was already approved.
 */
export async function approveTranche(db: Queryable, ctx: RequestContext, input: { trancheId: string }) {
  authorize(ctx.actor, 'tranche.approve');
  return db.transaction(async (tx) => {
    const owners = await trancheOwners(tx, input.trancheId);
    await lockCall(tx, owners.callId);
    const grant = await lockGrant(tx, owners.grantId);
    const tranche = await lockTranche(tx, input.trancheId);
    assertAllowed(approvalRefusal(tranche, await grantUse(tx, grant)), ctx.locale);
    const [approved] = await tx
      .update(tranches)
      .set({ status: 'approved', approvedAt: sql`clock_timestamp()`, approvedBy: ctx.actor!.userId, version: sql`${tranches.version} + 1` })
      .where(eq(tranches.id, tranche.id))
      .returning();
    await recordAudit(tx, ctx, {
      action: 'tranche.approved',
      entityType: 'tranche',
      entityId: tranche.id,
      summary: { grantId: grant.id, startupId: grant.startupId, position: tranche.position, amountCents: tranche.amountCents },
    });
    return approved!;
  });
}
