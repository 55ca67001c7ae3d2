import { and, asc, eq } from 'drizzle-orm';
import { milestones, rankingEntries, rankings, tranches } from '../../db/schema/index.ts';
import { markTranchesEligible } from '../../src/domain/money/tranche-eligibility.server.ts';
import { saveTranchePlan } from '../../src/domain/money/tranche-plan.server.ts';
import type { PlanRow } from '../../src/domain/money/tranche-plan-rules.ts';
import type { Db, Queryable } from '../../src/lib/server/db/index.ts';
import { createCall, createDonor, createNeighbourhood, createStartup, createUser, type CallOptions } from '../factories/index.ts';
import { testContext } from '../support/context.ts';

/** Shared set-up of the money tests (not a test file). */

/** The programme documents' plan: advance 40 %, progress 40 % after the business plan, balance 20 % after the launch. */
export const standardPlan: PlanRow[] = [
  { labelIt: 'Anticipo', labelEn: 'Advance', shareBp: 4000, milestoneKind: null },
  { labelIt: 'Stato di avanzamento', labelEn: 'Progress payment', shareBp: 4000, milestoneKind: 'business_plan' },
  { labelIt: 'Saldo', labelEn: 'Balance', shareBp: 2000, milestoneKind: 'launch' },
];

export const EUR = 100;

/**
 * A closed call (budget 100,000 €, max grant 30,000 € unless told) with the standard tranche plan
 * and `startups` start-ups with their milestone plans, each funded with the call's maximum in a
 * final ranking, a staff member and an approved donor acting through a donor account.
 */
export async function moneyWorld(db: Db, o: { startups?: number; call?: CallOptions } = {}) {
  const staff = await createUser(db, 'staff');
  const ctx = testContext({ actor: staff.actor });
  const neighbourhood = await createNeighbourhood(db);
  const call = await createCall(db, 'closed', { budgetCents: 100_000 * EUR, maxGrantCents: 30_000 * EUR, themes: ['social_inclusion', 'sport'], neighbourhoodIds: [neighbourhood.id], ...o.call });
  await saveTranchePlan(db, ctx, { callId: call.id, rows: standardPlan });
  const startups = [];
  for (let i = 0; i < (o.startups ?? 2); i++) startups.push(await createStartup(db, { callId: call.id, planFrom: '2026-01-15', neighbourhoodId: neighbourhood.id }));
  await rankStartups(db, call.id, startups.map((s) => ({ proposalId: s.proposalId, grantCents: call.maxGrantCents })));
  const donorUser = await createUser(db, 'donor');
  const donor = await createDonor(db, { userIds: [donorUser.id] });
  return { staff, ctx, call, neighbourhood, startups, donorUser, donor };
}

/**
 * A final ranking of the call, published now, in which these proposals are funded with these
 * grants (what start-ups come from; a grant may not exceed its start-up's). A later one replaces it.
 */
export async function rankStartups(db: Queryable, callId: string, funded: readonly { proposalId: string; grantCents: number }[], publishedAt = new Date()) {
  const [ranking] = await db.insert(rankings).values({ callId, kind: 'final', method: {}, budgetCents: 0, publishedAt }).returning({ id: rankings.id });
  if (funded.length === 0) return ranking!.id;
  await db.insert(rankingEntries).values(
    funded.map((f, i) => ({ rankingId: ranking!.id, proposalId: f.proposalId, position: i + 1, scoreCentipoints: 9000 - i, criteria: {}, outcome: 'funded' as const, grantCents: f.grantCents })),
  );
  return ranking!.id;
}

/** The coach approves the start-up's milestone of a kind (as the incubation use case does, inside its transaction). */
export async function approveMilestone(db: Db, startupId: string, kind: (typeof milestones.$inferSelect)['kind']) {
  return db.transaction(async (tx) => {
    const [m] = await tx.select().from(milestones).where(and(eq(milestones.startupId, startupId), eq(milestones.kind, kind))).orderBy(asc(milestones.position)).limit(1);
    await tx.update(milestones).set({ status: 'approved', approvedAt: new Date() }).where(eq(milestones.id, m!.id));
    return markTranchesEligible(tx, testContext(), m!.id);
  });
}

export async function tranchesOf(db: Queryable, grantId: string) {
  return db.select().from(tranches).where(eq(tranches.grantId, grantId)).orderBy(asc(tranches.position));
}
