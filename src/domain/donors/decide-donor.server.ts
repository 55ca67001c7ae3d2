import { eq } from 'drizzle-orm';
import { donors } from '../../../db/schema/index.ts';
import { accountRecipients, enqueueToEach } from '../mail/recipients.server.ts';
import type { Db } from '../../lib/server/db/index.ts';
import { recordAudit } from '../audit/record-audit.server.ts';
import type { RequestContext } from '../context.ts';
import { conflict } from '../errors.ts';
import { authorize } from '../policy.ts';
import { canDecide } from './donor-rules.ts';
import { linkedUserIds, lockDonor, type DonorRow } from './donor-facts.server.ts';
import type { RejectDonorInput } from './donor.schema.ts';
import { grantDonorAccess } from './grant-donor-access.server.ts';

/**
 * Staff approve a sign-up: the donor becomes `approved`, its accounts gain the donor role and
 * receive the `donorApproved` email, and the decision is audited, in one transaction. The row
 * lock makes two staff deciding at once give one decision; the second is told it was taken.
 */
export async function approveDonor(db: Db, ctx: RequestContext, donorId: string): Promise<DonorRow> {
  authorize(ctx.actor, 'donor.manage');
  return db.transaction(async (tx) => {
    const donor = await lockDonor(tx, donorId);
    if (!canDecide(donor.status)) throw conflict('donor_already_decided', { status: donor.status });
    const [approved] = await tx
      .update(donors)
      .set({ status: 'approved', decidedAt: ctx.now(), decidedBy: ctx.actor!.userId, decisionReason: null })
      .where(eq(donors.id, donor.id))
      .returning();
    const userIds = await linkedUserIds(tx, donor.id);
    await grantDonorAccess(tx, ctx, approved!, userIds);
    await recordAudit(tx, ctx, { action: 'donor.approved', entityType: 'donor', entityId: donor.id, summary: { accounts: userIds } });
    return approved!;
  });
}

/**
 * Staff reject a sign-up with a reason, which the applicant receives by email (`donorRejected`) and
 * reads on the sign-up page. No role is granted; the person may ask again.
 */
export async function rejectDonor(db: Db, ctx: RequestContext, input: RejectDonorInput): Promise<DonorRow> {
  authorize(ctx.actor, 'donor.manage');
  return db.transaction(async (tx) => {
    const donor = await lockDonor(tx, input.donorId);
    if (!canDecide(donor.status)) throw conflict('donor_already_decided', { status: donor.status });
    const [rejected] = await tx
      .update(donors)
      .set({ status: 'rejected', decidedAt: ctx.now(), decidedBy: ctx.actor!.userId, decisionReason: input.reason })
      .where(eq(donors.id, donor.id))
      .returning();
    const applicants = await accountRecipients(tx, await linkedUserIds(tx, donor.id));
    await enqueueToEach(tx, applicants, 'donorRejected', (user) => ({ link: `${ctx.origin}/${user.locale}/donors/join`, donor: donor.name, reason: input.reason }));
    await recordAudit(tx, ctx, { action: 'donor.rejected', entityType: 'donor', entityId: donor.id, summary: { reason: input.reason } });
    return rejected!;
  });
}
