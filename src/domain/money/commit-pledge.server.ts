import { eq, sql } from 'drizzle-orm';
import { pledges } from '../../../db/schema/index.ts';
import type { Queryable } from '../../lib/server/db/index.ts';
import { utcToRomeDateTime } from '../calls/rome-time.ts';
import { recordAudit } from '../audit/record-audit.server.ts';
import type { RequestContext } from '../context.ts';
import { notFound } from '../errors.ts';
import { authorize } from '../policy.ts';
import { assertAllowed } from './money-format.ts';
import { notifyPledgeCommitted } from './money-mail.server.ts';
import { lockCall, lockPledge, requireId } from './money-tx.server.ts';
import { pledgeCommitRefusal } from './pledge-rules.ts';

export type CommitPledgeInput = { pledgeId: string; agreementRef: string; agreementOn: string };

/** The call a pledge belongs to, read without a lock to know which row to lock first (it never changes). */
export async function pledgeCallId(tx: Queryable, pledgeId: string): Promise<string> {
  requireId(pledgeId, 'pledge_not_found');
  const [row] = await tx.select({ callId: pledges.callId }).from(pledges).where(eq(pledges.id, pledgeId));
  if (!row) throw notFound('pledge_not_found');
  return row.callId;
}

/**
 * Staff record the signed agreement of a pledge: from then on it is legally binding, counts among
 * its call's resources, and payments may draw on it. The donor's accounts are told by email in
 * the same transaction.
 */
export async function commitPledge(db: Queryable, ctx: RequestContext, input: CommitPledgeInput) {
  authorize(ctx.actor, 'donor.manage');
  if (input.agreementOn > utcToRomeDateTime(ctx.now()).date) assertAllowed({ code: 'date_in_future', details: { field: 'agreementOn' } }, ctx.locale);
  return db.transaction(async (tx) => {
    await lockCall(tx, await pledgeCallId(tx, input.pledgeId));
    const pledge = await lockPledge(tx, input.pledgeId);
    assertAllowed(pledgeCommitRefusal(pledge), ctx.locale);
    const [committed] = await tx
      .update(pledges)
      .set({ status: 'committed', agreementRef: input.agreementRef, agreementOn: input.agreementOn, committedAt: ctx.now(), version: sql`${pledges.version} + 1` })
      .where(eq(pledges.id, pledge.id))
      .returning();
    await recordAudit(tx, ctx, {
      action: 'pledge.committed',
      entityType: 'pledge',
      entityId: pledge.id,
      summary: { donorId: pledge.donorId, amountCents: pledge.amountCents, agreementRef: input.agreementRef, agreementOn: input.agreementOn },
    });
    await notifyPledgeCommitted(tx, ctx, { ...pledge, agreementRef: input.agreementRef, agreementOn: input.agreementOn });
    return committed!;
  });
}
