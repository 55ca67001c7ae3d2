import { eq, min } from 'drizzle-orm';
import { disbursements, grants } from '../../../db/schema/index.ts';
import type { Queryable } from '../../lib/server/db/index.ts';
import { utcToRomeDateTime } from '../calls/rome-time.ts';
import { recordAudit } from '../audit/record-audit.server.ts';
import type { RequestContext } from '../context.ts';
import { notFound } from '../errors.ts';
import { authorize } from '../policy.ts';
import { assertAllowed } from './money-format.ts';
import { agreementDateRefusal, commitmentRefusal } from './money-rules.ts';
import { grantUse, lockCall, lockGrant, requireId } from './money-tx.server.ts';

export type CommitGrantInput = { grantId: string; agreementRef: string; committedOn: string; amountCents: number };

/**
 * The grant agreement is signed: the amount becomes legally binding (giuridicamente vincolante),
 * up to the award. Recording it again amends it (an addendum), never below what is already paid
 * or approved for payment, and never dated after a payment already made under it.
 */
export async function commitGrant(db: Queryable, ctx: RequestContext, input: CommitGrantInput) {
  authorize(ctx.actor, 'grant.manage');
  requireId(input.grantId, 'grant_not_found');
  if (input.committedOn > utcToRomeDateTime(ctx.now()).date) assertAllowed({ code: 'date_in_future', details: { field: 'committedOn' } }, ctx.locale);
  return db.transaction(async (tx) => {
    const [found] = await tx.select({ callId: grants.callId }).from(grants).where(eq(grants.id, input.grantId));
    if (!found) throw notFound('grant_not_found');
    await lockCall(tx, found.callId);
    const grant = await lockGrant(tx, input.grantId);
    assertAllowed(commitmentRefusal(await grantUse(tx, grant), input.amountCents), ctx.locale);
    const [first] = await tx.select({ paidOn: min(disbursements.paidOn) }).from(disbursements).where(eq(disbursements.grantId, grant.id));
    assertAllowed(agreementDateRefusal(input.committedOn, first?.paidOn ?? null), ctx.locale);
    const [saved] = await tx
      .update(grants)
      .set({ committedCents: input.amountCents, agreementRef: input.agreementRef, committedOn: input.committedOn })
      .where(eq(grants.id, grant.id))
      .returning();
    await recordAudit(tx, ctx, {
      action: grant.committedCents > 0 ? 'grant.commitment_amended' : 'grant.committed',
      entityType: 'grant',
      entityId: grant.id,
      summary: { startupId: grant.startupId, committedCents: input.amountCents, previousCents: grant.committedCents, agreementRef: input.agreementRef, committedOn: input.committedOn },
    });
    return saved!;
  });
}
