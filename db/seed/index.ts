import { count, eq, sql } from 'drizzle-orm';
import type { Storage } from '../../src/lib/server/storage/index.ts';
import { calls, neighbourhoods, programmes, users } from '../schema/index.ts';
import type { Db, Tx } from '../../src/lib/server/db/index.ts';
import { recordAudit } from '../../src/domain/audit/record-audit.server.ts';
import { findUserByEmail } from '../../src/domain/accounts/accounts.repo.server.ts';
import {
  createNeighbourhood,
  createProgramme,
  createUser,
  ideAzione,
  ideAzioneNeighbourhoods,
  linkNeighbourhoods,
} from '../../tests/factories/index.ts';
import { DEMO_PASSWORD, demoAccounts } from './demo-accounts.ts';
import { seedCalls } from './calls.ts';
import { seedProposals } from './proposals.ts';
import { seedEvaluation } from './evaluation.ts';
import { seedStartups } from './startups.ts';
import { seedMilestones } from './milestones.ts';
import { seedCoaching } from './coaching.ts';
import { seedBusinessPlan } from './business-plan.ts';
import { seedDonors } from './donors.ts';
import { seedMoney } from './money.ts';

/**
 * Demo data, built from the test factories: one account per role (db/seed/demo-accounts.ts) and
 * Catania's "IdeAzione" programme with its target neighbourhoods. Only what is missing is added,
 * so a second run changes nothing; existing rows are never modified.
 */
/** `storage` receives the demo proposals' attachments; without it they are seeded without files. */
export type SeedOptions = { origin: string; storage?: Storage | null };
export type SeedResult = { accounts: number; programmes: number; neighbourhoods: number; links: number; calls: number; proposals: number; evaluation: number; startups: number; donors: number; grants: number };

/** Serialises seeding across processes: two instances starting at once must not both seed. */
const lockSeed = (tx: Tx) => tx.execute(sql`select pg_advisory_xact_lock(hashtext('vivaio:seed'))`);

/** Adds whatever demo data is missing, in one transaction; returns what it created. */
export async function seedDemo(db: Db, options: SeedOptions): Promise<SeedResult> {
  return db.transaction(async (tx) => {
    await lockSeed(tx);
    return seedInto(tx, options);
  });
}

/** Seeds a database that has no accounts yet (first start in demo mode); true when it did. */
export async function seedIfEmpty(db: Db, options: SeedOptions): Promise<boolean> {
  return db.transaction(async (tx) => {
    await lockSeed(tx);
    const [row] = await tx.select({ n: count() }).from(users);
    if ((row?.n ?? 0) > 0) return false;
    await seedInto(tx, options);
    return true;
  });
}

async function seedInto(tx: Tx, { origin, storage = null }: SeedOptions): Promise<SeedResult> {
  const created: SeedResult = { accounts: 0, programmes: 0, neighbourhoods: 0, links: 0, calls: 0, proposals: 0, evaluation: 0, startups: 0, donors: 0, grants: 0 };
  for (const account of demoAccounts) {
    if (await findUserByEmail(tx, account.email)) continue;
    await createUser(tx, { ...account, password: DEMO_PASSWORD, verified: true });
    created.accounts += 1;
  }

  let [programme] = await tx.select().from(programmes).where(eq(programmes.code, ideAzione.code));
  if (!programme) {
    programme = await createProgramme(tx, 'ideAzione');
    created.programmes += 1;
  }

  const targetIds: string[] = [];
  for (const wanted of ideAzioneNeighbourhoods) {
    let [row] = await tx.select().from(neighbourhoods).where(eq(neighbourhoods.slug, wanted.slug));
    if (!row) {
      row = await createNeighbourhood(tx, wanted);
      created.neighbourhoods += 1;
    }
    targetIds.push(row.id);
  }
  created.links = await linkNeighbourhoods(tx, programme.id, targetIds);

  // Calls in every state; they pick neighbourhoods by position in ideAzioneNeighbourhoods.
  const staff = await findUserByEmail(tx, 'staff@vivaio.example');
  if (staff) created.calls = await seedCalls(tx, { programmeId: programme.id, neighbourhoodIds: targetIds, staffUserId: staff.id });

  // Proposals from the demo residents: one sent and one draft on the open call, one sent in time to the closed one.
  const [open] = await tx.select({ id: calls.id }).from(calls).where(eq(calls.slug, 'idee-per-il-quartiere-2026'));
  const [closed] = await tx.select({ id: calls.id }).from(calls).where(eq(calls.slug, 'mercati-di-quartiere-2026'));
  const residentIt = await findUserByEmail(tx, 'residente@vivaio.example');
  const residentEn = await findUserByEmail(tx, 'resident@vivaio.example');
  if (open && residentIt && residentEn) {
    const residentIds = { it: residentIt.id, en: residentEn.id };
    created.proposals = (await seedProposals(tx, { openCallId: open.id, closedCallId: closed?.id ?? null, residentIds, storage })).proposals;
  }

  // Evaluation at three stages: a call in review, one with a provisional ranking and open
  // observations, one with a final ranking.
  if (staff) created.evaluation = (await seedEvaluation(tx, { programmeId: programme.id, neighbourhoodIds: targetIds, staffUserId: staff.id })).calls;

  if (staff) await seedIncubationAndMoney(tx, staff.id, origin, created);

  const changed = Object.values(created).some((n) => n > 0);
  if (changed) {
    await recordAudit(tx, { actor: null, requestId: null }, {
      action: 'demo.seeded',
      entityType: 'programme',
      entityId: programme.id,
      summary: { origin, created },
    });
  }
  return created;
}

/**
 * Incubation and money on the call with a final ranking: its funded proposals become start-ups at
 * different ages (milestones, deliverables, coaching sessions, monitoring reports, a business plan),
 * donors with pledges in every state, grants with tranches paid and pending.
 */
async function seedIncubationAndMoney(tx: Tx, staffUserId: string, origin: string, created: SeedResult) {
  const now = new Date();
  const coach = await findUserByEmail(tx, 'coach@vivaio.example');
  const lead = await findUserByEmail(tx, 'residente@vivaio.example');
  const donors = await seedDonors(tx, { now });
  created.donors = donors.created;
  const startups = await seedStartups(tx, { staffUserId, origin }, now);
  if (startups.length === 0 || !coach) return;
  created.startups = startups.length;
  await seedMilestones(tx, { startups, coachUserId: coach.id, now });
  await seedCoaching(tx, { startups, coachUserId: coach.id, now });
  const first = startups[0]!;
  await seedBusinessPlan(tx, { startup: first, authorUserId: lead?.id ?? first.createdBy ?? staffUserId, coachUserId: coach.id, now });
  const money = await seedMoney(tx, { staffUserId, donorIds: [donors.communityFoundationId, donors.personId], startups, now });
  created.grants = money.grants;
}
