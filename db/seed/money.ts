import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { calls, disbursements, grants, milestones, pledges, rankingEntries, rankings, startups, trancheTemplates, tranches } from '../schema/index.ts';
import type { Queryable } from '../../src/lib/server/db/index.ts';
import { addDays } from '../../src/domain/incubation/milestone-plan.ts';
import { utcToRomeDateTime } from '../../src/domain/calls/rome-time.ts';
import { buildTranches, type PlanRow } from '../../src/domain/money/tranche-plan-rules.ts';

/**
 * Money demo (issue 6 point 7), written through the domain's own rules (tranche split, milestone
 * conditions) into the tables the use cases write, so the invariants hold as they would after real
 * use: the incubated call gets the programme documents' tranche plan (advance 40 %, progress 40 %
 * after the business plan, balance 20 % after the launch); each start-up its grant from the final
 * ranking, committed by a signed agreement; advances paid (one from programme money, one drawn in
 * full on a donor's pledge), one approved and waiting for payment, later tranches pending (or paid
 * from a pledge when the business plan is already approved); pledges in every state. Run it after
 * the milestone demo, so tranches see which milestones are approved. Idempotent: nothing happens
 * when the call already has grants.
 *
 * `donorIds`: the demo donor first (its account sees the pledges), then another approved donor.
 */
export type SeedMoneyOptions = { staffUserId: string; donorIds: readonly string[]; startups: readonly { id: string; callId: string }[]; now?: Date };
export type SeedMoneyResult = { grants: number; tranches: number; disbursements: number; pledges: number };

export const demoTranchePlan: PlanRow[] = [
  { labelIt: 'Anticipo', labelEn: 'Advance', shareBp: 4000, milestoneKind: null },
  { labelIt: 'Stato di avanzamento', labelEn: 'Progress payment', shareBp: 4000, milestoneKind: 'business_plan' },
  { labelIt: 'Saldo', labelEn: 'Balance', shareBp: 2000, milestoneKind: 'launch' },
];

const DAY = 86_400_000;
type Ctx = { staffUserId: string; now: Date; day: (daysAgo: number) => string; at: (daysAgo: number) => Date };
type Paid = { trancheId: string; grantId: string; amountCents: number };

export async function seedMoney(tx: Queryable, o: SeedMoneyOptions): Promise<SeedMoneyResult> {
  const none: SeedMoneyResult = { grants: 0, tranches: 0, disbursements: 0, pledges: 0 };
  const callId = o.startups[0]?.callId;
  const [donor, other] = o.donorIds;
  if (!callId || !donor) return none;
  if ((await tx.select({ id: grants.id }).from(grants).where(eq(grants.callId, callId)).limit(1)).length > 0) return none;
  const now = o.now ?? new Date();
  const c: Ctx = { staffUserId: o.staffUserId, now, day: (d) => addDays(utcToRomeDateTime(now).date, -d), at: (d) => new Date(now.getTime() - d * DAY) };

  const [call] = await tx.select().from(calls).where(eq(calls.id, callId));
  if ((await tx.select().from(trancheTemplates).where(eq(trancheTemplates.callId, callId))).length === 0) {
    await tx.insert(trancheTemplates).values(demoTranchePlan.map((r, i) => ({ callId, position: i + 1, ...r })));
  }
  const ranked = await rankedGrants(tx, callId);
  const result = { ...none };
  const advances: Paid[] = [];
  const progress: Paid[] = [];
  let awarded = 0;
  for (const s of o.startups) {
    const amount = Math.min(ranked.get(s.id) ?? 0, call!.maxGrantCents);
    // Stay within the call's public budget: the pledges below add to it, never needed by the demo.
    if (amount <= 0 || awarded + amount > call!.budgetCents) continue;
    const grant = await awardAndCommit(tx, c, s, amount, 50 - result.grants * 5);
    awarded += amount;
    result.grants += 1;
    const rows = await tx.select().from(tranches).where(eq(tranches.grantId, grant.id)).orderBy(asc(tranches.position));
    result.tranches += rows.length;
    advances.push({ trancheId: rows[0]!.id, grantId: grant.id, amountCents: rows[0]!.amountCents });
    if (rows[1]?.status === 'eligible') progress.push({ trancheId: rows[1].id, grantId: grant.id, amountCents: rows[1].amountCents });
  }
  if (advances.length === 0) return result;

  // Advances: the first from programme money, the second drawn in full on the demo donor's pledge
  // to that start-up, the third approved and waiting for the payment order.
  await approve(tx, c, advances[0]!.trancheId, 42);
  result.disbursements += await pay(tx, c, advances[0]!, { daysAgo: 40, reference: 'Mandato n. 2025/0113', pledgeId: null });
  const fundOfDonor = await insertPledge(tx, c, { donorId: donor, callId, theme: 'sport', amountCents: 10_000_00, status: 'committed', agreementRef: 'Accordo FCE-2025-04', daysAgo: 48 });
  result.pledges += 1;
  if (advances[1]) {
    const [grant] = await tx.select({ startupId: grants.startupId }).from(grants).where(eq(grants.id, advances[1].grantId));
    const drawnInFull = await insertPledge(tx, c, { donorId: donor, callId, startupId: grant!.startupId, amountCents: advances[1].amountCents, status: 'committed', agreementRef: 'Accordo FCE-2025-03', daysAgo: 52 });
    result.pledges += 1;
    await approve(tx, c, advances[1].trancheId, 38);
    result.disbursements += await pay(tx, c, advances[1], { daysAgo: 35, reference: 'Mandato n. 2025/0121', pledgeId: drawnInFull });
    await tx.update(pledges).set({ status: 'disbursed', version: 2 }).where(eq(pledges.id, drawnInFull));
  }
  if (advances[2]) await approve(tx, c, advances[2].trancheId, 3);
  // A progress payment already due (business plan approved) is paid from the donor's fund pledge, in part.
  if (progress[0]) {
    await approve(tx, c, progress[0].trancheId, 12);
    if (progress[0].amountCents <= 10_000_00) result.disbursements += await pay(tx, c, progress[0], { daysAgo: 9, reference: 'Mandato n. 2026/0007', pledgeId: fundOfDonor });
  }
  // A promise waiting for its agreement, and (from another donor) a cancelled one.
  await insertPledge(tx, c, { donorId: donor, callId, startupId: o.startups[0]!.id, amountCents: 2_500_00, status: 'pledged', daysAgo: 6 });
  result.pledges += 1;
  if (other) {
    await insertPledge(tx, c, { donorId: other, callId, amountCents: 1_500_00, status: 'committed', agreementRef: 'Lettera di impegno LF-1', daysAgo: 30 });
    await insertPledge(tx, c, { donorId: other, callId, amountCents: 3_000_00, status: 'cancelled', daysAgo: 90, cancelReason: 'La donatrice ha preferito sostenere un altro avviso.' });
    result.pledges += 2;
  }
  return result;
}

/** Each start-up's grant in the call's latest final ranking. */
async function rankedGrants(tx: Queryable, callId: string): Promise<Map<string, number>> {
  const [final] = await tx.select({ id: rankings.id }).from(rankings).where(and(eq(rankings.callId, callId), eq(rankings.kind, 'final'))).orderBy(desc(rankings.publishedAt)).limit(1);
  if (!final) return new Map();
  const rows = await tx
    .select({ startupId: startups.id, grantCents: rankingEntries.grantCents })
    .from(startups)
    .innerJoin(rankingEntries, and(eq(rankingEntries.proposalId, startups.proposalId), eq(rankingEntries.rankingId, final.id)))
    .where(eq(startups.callId, callId));
  return new Map(rows.map((r) => [r.startupId, r.grantCents]));
}

async function awardAndCommit(tx: Queryable, c: Ctx, s: { id: string; callId: string }, amountCents: number, committedDaysAgo: number) {
  const own = await tx.select({ id: milestones.id, kind: milestones.kind, position: milestones.position, status: milestones.status }).from(milestones).where(eq(milestones.startupId, s.id));
  const built = buildTranches(demoTranchePlan, amountCents, own, 'it');
  if (!built.ok) throw new Error(`demo grant for ${s.id}: ${built.refusal.code}`);
  const [grant] = await tx
    .insert(grants)
    .values({
      startupId: s.id,
      callId: s.callId,
      awardedCents: amountCents,
      committedCents: amountCents,
      agreementRef: `Convenzione n. ${String(committedDaysAgo).padStart(3, '0')}/2025`,
      committedOn: c.day(committedDaysAgo),
      createdAt: c.at(committedDaysAgo + 4),
      createdBy: c.staffUserId,
    })
    .returning();
  await tx.insert(tranches).values(built.tranches.map((t) => ({ ...t, grantId: grant!.id })));
  return grant!;
}

async function approve(tx: Queryable, c: Ctx, trancheId: string, daysAgo: number) {
  await tx.update(tranches).set({ status: 'approved', approvedAt: c.at(daysAgo), approvedBy: c.staffUserId, version: 2 }).where(eq(tranches.id, trancheId));
}

async function pay(tx: Queryable, c: Ctx, t: Paid, o: { daysAgo: number; reference: string; pledgeId: string | null }): Promise<number> {
  await tx.insert(disbursements).values({
    trancheId: t.trancheId,
    grantId: t.grantId,
    amountCents: t.amountCents,
    paidOn: c.day(o.daysAgo),
    reference: o.reference,
    source: o.pledgeId ? 'pledge' : 'programme',
    pledgeId: o.pledgeId,
    createdAt: c.at(o.daysAgo),
    createdBy: c.staffUserId,
  });
  await tx.update(tranches).set({ status: 'disbursed', version: 3 }).where(inArray(tranches.id, [t.trancheId]));
  return 1;
}

type NewPledge = {
  donorId: string;
  callId: string;
  startupId?: string;
  theme?: string;
  amountCents: number;
  status: 'pledged' | 'committed' | 'cancelled';
  agreementRef?: string;
  daysAgo: number;
  cancelReason?: string;
};

async function insertPledge(tx: Queryable, c: Ctx, p: NewPledge): Promise<string> {
  const binding = p.status === 'committed';
  const [row] = await tx
    .insert(pledges)
    .values({
      donorId: p.donorId,
      callId: p.callId,
      startupId: p.startupId ?? null,
      theme: p.theme ?? null,
      amountCents: p.amountCents,
      status: p.status,
      agreementRef: binding ? (p.agreementRef ?? null) : null,
      agreementOn: binding ? c.day(p.daysAgo - 2) : null,
      committedAt: binding ? c.at(p.daysAgo - 2) : null,
      cancelledAt: p.status === 'cancelled' ? c.at(p.daysAgo - 20) : null,
      cancelReason: p.cancelReason ?? null,
      createdAt: c.at(p.daysAgo),
      createdBy: c.staffUserId,
      version: p.status === 'pledged' ? 1 : 2,
    })
    .returning({ id: pledges.id });
  return row!.id;
}
