import { eq } from 'drizzle-orm';
import { callNeighbourhoods, calls, donorUsers, donors, neighbourhoods, pledges, startups } from '../../../db/schema/index.ts';
import type { Queryable } from '../../lib/server/db/index.ts';
import { recordAudit } from '../audit/record-audit.server.ts';
import type { RequestContext } from '../context.ts';
import { invalid, notFound } from '../errors.ts';
import { authorize, can, type DonorFacts } from '../policy.ts';
import { FUNDABLE_PHASES } from './money-workflow.ts';
import { requireId } from './money-tx.server.ts';

/** A pledge goes to a call's fund or to one start-up (then it is tied to the start-up's call). */
export type PledgeTarget = { kind: 'call'; callId: string } | { kind: 'startup'; startupId: string };
export type CreatePledgeInput = { donorId: string; target: PledgeTarget; neighbourhoodId: string | null; theme: string | null; amountCents: number };

async function donorFacts(tx: Queryable, donorId: string): Promise<DonorFacts> {
  requireId(donorId, 'donor_not_found');
  const [donor] = await tx.select({ status: donors.status }).from(donors).where(eq(donors.id, donorId));
  if (!donor) throw notFound('donor_not_found');
  const accounts = await tx.select({ userId: donorUsers.userId }).from(donorUsers).where(eq(donorUsers.donorId, donorId));
  return { type: 'donor', userIds: accounts.map((a) => a.userId), approved: donor.status === 'approved' };
}

/**
 * A donor's promise of money (`pledged`): offered by one of the donor's accounts, or recorded by
 * staff for a donor. It counts for nothing until staff commit it on the signed agreement.
 * Restrictions (a neighbourhood, a theme) narrow a call-fund pledge to start-ups that match.
 */
export async function createPledge(db: Queryable, ctx: RequestContext, input: CreatePledgeInput) {
  // The form refuses it too; callers without the form must hear the same, not the table's CHECK.
  if (!Number.isSafeInteger(input.amountCents) || input.amountCents <= 0) throw invalid('amount_positive', { field: 'amount' });
  return db.transaction(async (tx) => {
    const facts = await donorFacts(tx, input.donorId);
    // Staff record pledges for any approved donor; anyone else only for their own donor.
    const staff = can(ctx.actor, 'donor.manage').ok;
    if (staff) {
      if (!facts.approved) throw invalid('donor_not_approved', { field: 'donorId' });
    } else authorize(ctx.actor, 'pledge.create', facts);

    const { callId, startupId } = await resolveTarget(tx, input.target, staff);
    if (startupId && (input.neighbourhoodId || input.theme)) throw invalid('restriction_for_call_fund_only', { field: 'neighbourhoodId' });
    if (input.neighbourhoodId) await requireCallNeighbourhood(tx, callId, input.neighbourhoodId);
    if (input.theme) {
      const [call] = await tx.select({ themes: calls.themes }).from(calls).where(eq(calls.id, callId));
      if (!call!.themes.includes(input.theme)) throw invalid('theme_not_in_call', { field: 'theme' });
    }
    const [pledge] = await tx
      .insert(pledges)
      .values({ donorId: input.donorId, callId, startupId, neighbourhoodId: input.neighbourhoodId, theme: input.theme, amountCents: input.amountCents, createdBy: ctx.actor!.userId })
      .returning();
    await recordAudit(tx, ctx, {
      action: 'pledge.created',
      entityType: 'pledge',
      entityId: pledge!.id,
      summary: { donorId: input.donorId, callId, startupId, neighbourhoodId: input.neighbourhoodId, theme: input.theme, amountCents: input.amountCents },
    });
    return pledge!;
  });
}

/** Donors may name only start-ups with a public profile (the others are not theirs to see). */
async function resolveTarget(tx: Queryable, target: PledgeTarget, staff: boolean): Promise<{ callId: string; startupId: string | null }> {
  if (target.kind === 'startup') {
    requireId(target.startupId, 'startup_not_found');
    const [startup] = await tx
      .select({ id: startups.id, callId: startups.callId, stage: startups.stage, publicConsent: startups.publicConsent })
      .from(startups)
      .where(eq(startups.id, target.startupId));
    if (!startup || (!staff && !startup.publicConsent)) throw invalid('startup_not_found', { field: 'target' });
    if (startup.stage === 'closed') throw invalid('startup_closed', { field: 'target' });
    return { callId: startup.callId, startupId: startup.id };
  }
  requireId(target.callId, 'call_not_found');
  const [call] = await tx.select({ id: calls.id, phase: calls.phase }).from(calls).where(eq(calls.id, target.callId));
  if (!call) throw invalid('call_not_found', { field: 'target' });
  if (!(FUNDABLE_PHASES as readonly string[]).includes(call.phase)) throw invalid('call_not_fundable', { field: 'target' });
  return { callId: call.id, startupId: null };
}

/** A neighbourhood restriction names one of the call's target neighbourhoods (any, when it lists none). */
async function requireCallNeighbourhood(tx: Queryable, callId: string, neighbourhoodId: string) {
  requireId(neighbourhoodId, 'neighbourhood_not_found');
  const [exists] = await tx.select({ id: neighbourhoods.id }).from(neighbourhoods).where(eq(neighbourhoods.id, neighbourhoodId));
  if (!exists) throw invalid('neighbourhood_not_in_call', { field: 'neighbourhoodId' });
  const targets = await tx.select({ id: callNeighbourhoods.neighbourhoodId }).from(callNeighbourhoods).where(eq(callNeighbourhoods.callId, callId));
  if (targets.length > 0 && !targets.some((t) => t.id === neighbourhoodId)) throw invalid('neighbourhood_not_in_call', { field: 'neighbourhoodId' });
}
