import { and, eq } from 'drizzle-orm';
import { tranches } from '../../../db/schema/index.ts';
import type { Queryable } from '../../lib/server/db/index.ts';
import type { RequestContext } from '../context.ts';
import { recordAudit } from '../audit/record-audit.server.ts';

/**
 * A milestone was approved: the tranches waiting for it become eligible (DESIGN.md's tranche
 * lifecycle `planned → eligible`). Called by the milestone approval use case inside its
 * transaction; audited per tranche. Eligibility moves no money, so it needs no call lock: approving
 * and paying (approve-tranche / record-disbursement) re-read the tranche under their row locks.
 * Tranches without a condition, or whose milestone was approved before the grant existed, are
 * eligible from the start (create-grant.server.ts).
 */
export async function markTranchesEligible(tx: Queryable, ctx: Pick<RequestContext, 'actor' | 'requestId'>, milestoneId: string): Promise<number> {
  const moved = await tx
    .update(tranches)
    .set({ status: 'eligible' })
    .where(and(eq(tranches.milestoneId, milestoneId), eq(tranches.status, 'planned')))
    .returning({ id: tranches.id, grantId: tranches.grantId });
  for (const t of moved) {
    await recordAudit(tx, ctx, { action: 'tranche.became-eligible', entityType: 'tranche', entityId: t.id, summary: { grantId: t.grantId, milestoneId } });
  }
  return moved.length;
}
