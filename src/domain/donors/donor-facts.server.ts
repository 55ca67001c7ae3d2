import { and, asc, eq, ne, sql } from 'drizzle-orm';
import { donorUsers, donors, users } from '../../../db/schema/index.ts';
import { isUuid } from '../../lib/ids.ts';
import type { Queryable } from '../../lib/server/db/index.ts';
import { notFound } from '../errors.ts';
import type { DonorFacts } from '../policy.ts';

export type DonorRow = typeof donors.$inferSelect;

/** What the policy needs about a donor: the accounts acting for it and whether staff approved it. */
export async function loadDonorFacts(db: Queryable, donorId: string): Promise<{ donor: DonorRow; facts: DonorFacts } | null> {
  if (!isUuid(donorId)) return null;
  const [donor] = await db.select().from(donors).where(eq(donors.id, donorId));
  if (!donor) return null;
  return { donor, facts: factsOf(donor, await linkedUserIds(db, donorId)) };
}

export function factsOf(donor: DonorRow, userIds: readonly string[]): DonorFacts {
  return { type: 'donor', userIds, approved: donor.status === 'approved' };
}

export async function linkedUserIds(db: Queryable, donorId: string): Promise<string[]> {
  const rows = await db.select({ id: donorUsers.userId }).from(donorUsers).where(eq(donorUsers.donorId, donorId));
  return rows.map((r) => r.id);
}

/** The accounts acting for a donor, for the back office and the approval email. */
export async function linkedAccounts(db: Queryable, donorId: string) {
  return db
    .select({ id: users.id, name: users.name, email: users.email, locale: users.locale })
    .from(donorUsers)
    .innerJoin(users, eq(users.id, donorUsers.userId))
    .where(eq(donorUsers.donorId, donorId))
    .orderBy(asc(users.email));
}

/** Locks a donor row for a decision or a link (two staff acting at once: one wins, one sees the result). */
export async function lockDonor(tx: Queryable, donorId: string): Promise<DonorRow> {
  if (!isUuid(donorId)) throw notFound('donor_not_found');
  const [donor] = await tx.select().from(donors).where(eq(donors.id, donorId)).for('update');
  if (!donor) throw notFound('donor_not_found');
  return donor;
}

/** The donors an account acts for, approved first, then by name. */
export async function donorsOfUser(db: Queryable, userId: string): Promise<DonorRow[]> {
  const rows = await db
    .select({ donor: donors })
    .from(donorUsers)
    .innerJoin(donors, eq(donors.id, donorUsers.donorId))
    .where(eq(donorUsers.userId, userId))
    .orderBy(sql`${donors.status} = 'approved' desc`, asc(donors.name), asc(donors.id));
  return rows.map((r) => r.donor);
}

/** A donor already recorded (waiting or approved) under this contact address: one record per donor. */
export async function activeDonorWithEmail(db: Queryable, email: string): Promise<DonorRow | null> {
  const [row] = await db
    .select()
    .from(donors)
    .where(and(eq(donors.email, email), ne(donors.status, 'rejected')))
    .limit(1);
  return row ?? null;
}

/** Links accounts to a donor; already linked ones are left as they are. Returns those newly linked. */
export async function linkUsers(tx: Queryable, donorId: string, userIds: readonly string[]): Promise<string[]> {
  if (userIds.length === 0) return [];
  const added = await tx
    .insert(donorUsers)
    .values(userIds.map((userId) => ({ donorId, userId })))
    .onConflictDoNothing()
    .returning({ userId: donorUsers.userId });
  return added.map((r) => r.userId);
}
