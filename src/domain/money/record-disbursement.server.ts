import { eq, sql } from 'drizzle-orm';
import { disbursements, pledges, startups, tranches } from '../../../db/schema/index.ts';
import type { Queryable } from '../../lib/server/db/index.ts';
import { utcToRomeDateTime } from '../calls/rome-time.ts';
import { recordAudit } from '../audit/record-audit.server.ts';
import type { RequestContext } from '../context.ts';
import { conflict } from '../errors.ts';
import { isUniqueViolation } from '../programmes/unique-violation.ts';
import { authorize } from '../policy.ts';
import { trancheOwners } from './approve-tranche.server.ts';
import { assertAllowed } from './money-format.ts';
import { notifyDisbursement } from './money-mail.server.ts';
import { pledgeReach } from './funding-pool.ts';
import { disbursementRefusal, paymentCoverRefusal, paymentDateRefusal } from './money-rules.ts';
import { callLedger, grantUse, lockCall, lockGrant, lockPledge, lockTranche, pledgeState, requireId } from './money-tx.server.ts';
import { isFullyDrawn, pledgeDrawRefusal } from './pledge-rules.ts';

export type RecordDisbursementInput = {
  trancheId: string;
  paidOn: string;
  amountCents: number;
  reference: string;
  /** Programme money, or a donor's committed pledge. */
  pledgeId: string | null;
};

/**
 * The payment of an approved tranche (erogato): its date, amount (the tranche's), payment reference
 * and where the money came from. All checks run under the call → grant → tranche → pledge row
 * locks; the unique index on `disbursements.tranche_id` is the last word if anything slips past,
 * so two colleagues recording the same payment at once give one disbursement and one clear
 * "already recorded". A pledge drawn to its full amount becomes `disbursed`. The source must not
 * spend money another grant needs (funding-pool.ts: programme money, when the start-up has a
 * pledge of its own that the others cannot use).
 */
export async function recordDisbursement(db: Queryable, ctx: RequestContext, input: RecordDisbursementInput) {
  authorize(ctx.actor, 'disbursement.record');
  if (input.pledgeId) requireId(input.pledgeId, 'pledge_not_found');
  try {
    return await db.transaction(async (tx) => {
      const owners = await trancheOwners(tx, input.trancheId);
      const call = await lockCall(tx, owners.callId);
      const grant = await lockGrant(tx, owners.grantId);
      const tranche = await lockTranche(tx, input.trancheId);
      const pledge = input.pledgeId ? await pledgeState(tx, await lockPledge(tx, input.pledgeId)) : null;
      const source = pledge ? 'pledge' : 'programme';
      const ledger = await callLedger(tx, call.id);
      assertAllowed(disbursementRefusal(tranche, await grantUse(tx, grant), ledger, { amountCents: input.amountCents, source }), ctx.locale);
      assertAllowed(paymentDateRefusal(input.paidOn, grant.committedOn, utcToRomeDateTime(ctx.now()).date), ctx.locale);
      const [startup] = await tx.select().from(startups).where(eq(startups.id, grant.startupId));
      if (pledge) {
        const target = { callId: call.id, startupId: grant.startupId, neighbourhoodId: startup!.neighbourhoodId, callThemes: call.themes };
        assertAllowed(pledgeDrawRefusal(pledge, target, input.amountCents), ctx.locale);
      }
      const from = pledge ? pledgeReach(pledge, call.themes, ledger.pool.startups) : ({ kind: 'shared' } as const);
      assertAllowed(paymentCoverRefusal(ledger, { startupId: grant.startupId, amountCents: input.amountCents, from }), ctx.locale);

      const [paid] = await tx
        .insert(disbursements)
        .values({ trancheId: tranche.id, grantId: grant.id, amountCents: input.amountCents, paidOn: input.paidOn, reference: input.reference, source, pledgeId: pledge?.id ?? null, createdBy: ctx.actor!.userId })
        .returning();
      await tx.update(tranches).set({ status: 'disbursed', version: sql`${tranches.version} + 1` }).where(eq(tranches.id, tranche.id));
      await recordAudit(tx, ctx, {
        action: 'disbursement.recorded',
        entityType: 'disbursement',
        entityId: paid!.id,
        summary: { trancheId: tranche.id, grantId: grant.id, startupId: grant.startupId, amountCents: input.amountCents, paidOn: input.paidOn, reference: input.reference, source, pledgeId: pledge?.id ?? null },
      });
      if (pledge && isFullyDrawn({ amountCents: pledge.amountCents, drawnCents: pledge.drawnCents + input.amountCents })) {
        await tx.update(pledges).set({ status: 'disbursed', version: sql`${pledges.version} + 1` }).where(eq(pledges.id, pledge.id));
        await recordAudit(tx, ctx, { action: 'pledge.disbursed', entityType: 'pledge', entityId: pledge.id, summary: { amountCents: pledge.amountCents, lastDisbursementId: paid!.id } });
      }
      await notifyDisbursement(tx, ctx, {
        startupId: startup!.id,
        startupName: startup!.name,
        donorId: pledge?.donorId ?? null,
        amountCents: input.amountCents,
        reference: input.reference,
        paidOn: input.paidOn,
        tranche,
      });
      return paid!;
    });
  } catch (error) {
    if (isUniqueViolation(error, 'disbursements_tranche_id_unique')) throw conflict('disbursement_already_recorded');
    throw error;
  }
}
