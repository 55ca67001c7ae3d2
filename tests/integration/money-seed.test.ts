import { asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { calls, disbursements, grants, pledges, rankingEntries, rankings, trancheTemplates, tranches } from '../../db/schema/index.ts';
import { seedDemo } from '../../db/seed/index.ts';
import { demoTranchePlan, seedMoney } from '../../db/seed/money.ts';
import { createCall, createDonor, createStartup, createUser } from '../factories/index.ts';
import { useTestDb } from '../support/db.ts';
import { rowCount } from './helpers.ts';
import { approveMilestone, EUR } from './money-setup.ts';
import { moneyViolations } from './money-invariants.ts';

const t = useTestDb();
const NOW = new Date('2026-03-10T10:00:00Z');

/** The incubated demo call as the earlier seeds leave it: a final ranking, three start-ups, the oldest with its business plan approved. */
async function incubatedCall() {
  const staff = await createUser(t.db, 'staff');
  const call = await createCall(t.db, 'closed', { phase: 'ranking_final', budgetCents: 45_000 * EUR, maxGrantCents: 15_000 * EUR, themes: ['sport', 'education'] });
  const startups = [];
  for (let i = 0; i < 3; i++) startups.push(await createStartup(t.db, { callId: call.id, planFrom: '2025-06-01' }));
  const [ranking] = await t.db.insert(rankings).values({ callId: call.id, kind: 'final', method: {}, budgetCents: call.budgetCents }).returning();
  const asked = [15_000 * EUR, 14_000 * EUR, 12_500 * EUR];
  await t.db.insert(rankingEntries).values(startups.map((s, i) => ({ rankingId: ranking!.id, proposalId: s.proposalId, position: i + 1, scoreCentipoints: 8000 - i * 100, criteria: {}, outcome: 'funded' as const, grantCents: asked[i]! })));
  await approveMilestone(t.db, startups[0]!.id, 'business_plan');
  const donors = [await createDonor(t.db), await createDonor(t.db, { kind: 'person', name: 'Lucia Ferraro' })];
  return { staff, call, startups, donors };
}

describe('money demo data', () => {
  it('a tranche plan, committed grants from the ranking, payments made and pending, pledges in every state — all invariants holding', async () => {
    const { staff, call, startups, donors } = await incubatedCall();
    const result = await seedMoney(t.db, { staffUserId: staff.id, donorIds: donors.map((d) => d.id), startups, now: NOW });
    expect(result).toEqual({ grants: 3, tranches: 9, disbursements: 3, pledges: 5 });

    const plan = await t.db.select().from(trancheTemplates).where(eq(trancheTemplates.callId, call.id)).orderBy(asc(trancheTemplates.position));
    expect(plan.map((r) => [r.shareBp, r.milestoneKind])).toEqual(demoTranchePlan.map((r) => [r.shareBp, r.milestoneKind]));
    const grantRows = await t.db.select().from(grants).where(eq(grants.callId, call.id));
    expect(grantRows.map((g) => g.awardedCents).sort((a, b) => b - a)).toEqual([15_000 * EUR, 14_000 * EUR, 12_500 * EUR]);
    expect(grantRows.every((g) => g.committedCents === g.awardedCents && g.agreementRef && g.committedOn)).toBe(true);

    const statuses = (await t.db.select({ status: tranches.status }).from(tranches)).map((r) => r.status).sort();
    expect(statuses).toEqual(['approved', 'disbursed', 'disbursed', 'disbursed', 'planned', 'planned', 'planned', 'planned', 'planned'].sort());
    const pledgeStates = (await t.db.select({ status: pledges.status }).from(pledges)).map((r) => r.status).sort();
    expect(pledgeStates).toEqual(['cancelled', 'committed', 'committed', 'disbursed', 'pledged']);
    const paid = await t.db.select().from(disbursements);
    expect(paid.map((d) => d.source).sort()).toEqual(['pledge', 'pledge', 'programme']);
    expect(paid.every((d) => d.paidOn <= '2026-03-10')).toBe(true);

    expect(await moneyViolations(t.db)).toEqual({});
  });

  it('runs once: a second run changes nothing', async () => {
    const { staff, startups, donors } = await incubatedCall();
    const options = { staffUserId: staff.id, donorIds: donors.map((d) => d.id), startups, now: NOW };
    await seedMoney(t.db, options);
    expect(await seedMoney(t.db, options)).toEqual({ grants: 0, tranches: 0, disbursements: 0, pledges: 0 });
    expect(await rowCount(t.db, grants)).toBe(3);
    expect(await rowCount(t.db, calls)).toBe(1);
  });

  it('fits the demo chain (db/seed/index.ts): after the evaluation, start-up, milestone and donor demos', { timeout: 120_000 }, async () => {
    const created = await seedDemo(t.db, { origin: 'http://vivaio.test' });
    expect(created).toMatchObject({ grants: 3 });
    expect(await rowCount(t.db, pledges)).toBe(5);
    expect(await rowCount(t.db, disbursements)).toBeGreaterThanOrEqual(2);
    const states = new Set((await t.db.select({ status: pledges.status }).from(pledges)).map((r) => r.status));
    expect([...states].sort()).toEqual(['cancelled', 'committed', 'disbursed', 'pledged']);
    expect(await moneyViolations(t.db)).toEqual({});
    // Seeding again adds nothing.
    expect(await seedDemo(t.db, { origin: 'http://vivaio.test' })).toMatchObject({ grants: 0 });
    expect(await rowCount(t.db, grants)).toBe(3);
  });
});
