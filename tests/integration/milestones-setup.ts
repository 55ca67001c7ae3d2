import { and, asc, eq } from 'drizzle-orm';
import { grants, milestones, tranches } from '../../db/schema/index.ts';
import type { Db } from '../../src/lib/server/db/index.ts';
import { createStartup, createUser } from '../factories/index.ts';
import { testContext } from '../support/context.ts';

/** Shared set-up of the milestone tests (not a test file). */

export const PLAN_FROM = '2026-01-05';

/**
 * A start-up with its plan from PLAN_FROM, a lead and a member with accounts (the member reads
 * English), its coach; another coach, staff, a coach who is also staff, and another start-up's team.
 */
export async function incubation(db: Db) {
  const coach = await createUser(db, 'coach');
  const otherCoach = await createUser(db, 'coach');
  const staff = await createUser(db, 'staff');
  const staffCoach = await createUser(db, { roles: ['coach', 'staff'] });
  const member = await createUser(db, 'resident', 'english');
  const startup = await createStartup(db, { coachIds: [coach.id], memberUserIds: [member.id], planFrom: PLAN_FROM });
  const other = await createStartup(db, { coachIds: [otherCoach.id], planFrom: PLAN_FROM, callId: startup.callId });
  const plan = await planOf(db, startup.id);
  const as = (user: { actor: import('../../src/domain/policy.ts').Actor }, now?: Date) => testContext({ actor: user.actor, ...(now ? { now: () => now } : {}) });
  return {
    coach,
    otherCoach,
    staff,
    staffCoach,
    member,
    startup,
    other,
    lead: { id: startup.leadUserId, actor: { userId: startup.leadUserId, roles: ['resident' as const], emailVerified: true } },
    otherLead: { id: other.leadUserId, actor: { userId: other.leadUserId, roles: ['resident' as const], emailVerified: true } },
    plan,
    as,
  };
}

export async function planOf(db: Db, startupId: string) {
  return db.select().from(milestones).where(eq(milestones.startupId, startupId)).orderBy(asc(milestones.position));
}

export async function milestoneRow(db: Db, id: string) {
  const [row] = await db.select().from(milestones).where(eq(milestones.id, id));
  return row!;
}

/** A grant with a tranche waiting for `milestoneId` and one for another milestone. */
export async function grantWaitingFor(db: Db, startup: { id: string; callId: string }, milestoneId: string, laterMilestoneId: string) {
  const [grant] = await db.insert(grants).values({ startupId: startup.id, callId: startup.callId, awardedCents: 3_000_000 }).returning();
  await db.insert(tranches).values([
    { grantId: grant!.id, position: 1, labelIt: 'Anticipo', labelEn: 'Advance', amountCents: 1_200_000, milestoneId },
    { grantId: grant!.id, position: 2, labelIt: 'Saldo', labelEn: 'Balance', amountCents: 1_800_000, milestoneId: laterMilestoneId },
  ]);
  return grant!;
}

export async function trancheStatuses(db: Db, grantId: string) {
  const rows = await db.select({ position: tranches.position, status: tranches.status }).from(tranches).where(and(eq(tranches.grantId, grantId))).orderBy(asc(tranches.position));
  return rows.map((r) => r.status);
}
