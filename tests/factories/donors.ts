import { donorUsers, donors, pledges } from '../../db/schema/index.ts';
import type { Queryable } from '../../src/lib/server/db/index.ts';
import { nextSeq } from './names.ts';

export type DonorRow = typeof donors.$inferSelect;
export type DonorOptions = Partial<Omit<typeof donors.$inferInsert, 'id'>> & { userIds?: readonly string[] };

/** An approved donor organisation, acting through the given accounts. */
export async function createDonor(db: Queryable, options: DonorOptions = {}): Promise<DonorRow> {
  const { userIds = [], ...values } = options;
  const seq = nextSeq();
  const [row] = await db
    .insert(donors)
    .values({ kind: 'organisation', name: `Fondazione Esempio n. ${seq}`, email: `fondazione${seq}@esempio.it`, status: 'approved', decidedAt: new Date(), ...values })
    .returning();
  if (userIds.length > 0) await db.insert(donorUsers).values(userIds.map((userId) => ({ donorId: row!.id, userId })));
  return row!;
}

export type PledgeRow = typeof pledges.$inferSelect;
export type PledgeOptions = Partial<Omit<typeof pledges.$inferInsert, 'id'>> & { donorId: string; callId: string };

/** A pledge (`pledged` unless told); a committed one gets an agreement reference and date. */
export async function createPledge(db: Queryable, options: PledgeOptions): Promise<PledgeRow> {
  const committed = options.status === 'committed' || options.status === 'disbursed';
  const [row] = await db
    .insert(pledges)
    .values({
      amountCents: 1_000_000,
      ...(committed ? { agreementRef: `ACC-${nextSeq()}`, agreementOn: '2026-03-01', committedAt: new Date() } : {}),
      ...options,
    })
    .returning();
  return row!;
}
