import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { donorUsers, donors, users } from '../../db/schema/index.ts';
import { DEMO_DONOR_EMAIL, PENDING_DONOR_EMAIL, seedDonors } from '../../db/seed/donors.ts';
import { getDonorArea } from '../../src/domain/donors/donor-area.server.ts';
import { donorWall } from '../../src/domain/donors/donor-wall.server.ts';
import { actor, testContext } from '../support/context.ts';
import { useTestDb } from '../support/db.ts';

const t = useTestDb();
const now = new Date('2026-06-01T08:00:00Z');

describe('seedDonors', () => {
  it('seeds the demo foundation (on the wall, acting through the demo donor), a person without consent and a waiting sign-up, once', async () => {
    const first = await t.db.transaction((tx) => seedDonors(tx, { now }));
    expect(first.created).toBe(3);
    const again = await t.db.transaction((tx) => seedDonors(tx, { now }));
    expect(again).toEqual({ ...first, created: 0 });
    expect((await t.db.select({ n: count() }).from(donors))[0]!.n).toBe(3);

    const rows = await t.db.select().from(donors);
    const byId = (id: string) => rows.find((d) => d.id === id)!;
    expect(byId(first.communityFoundationId)).toMatchObject({ name: 'Fondazione Comunità Esempio', kind: 'organisation', status: 'approved', publicConsent: true });
    expect(byId(first.personId)).toMatchObject({ kind: 'person', status: 'approved', publicConsent: false });
    expect(byId(first.pendingId)).toMatchObject({ status: 'pending', email: PENDING_DONOR_EMAIL });

    const [demo] = await t.db.select().from(users).where(eq(users.email, DEMO_DONOR_EMAIL));
    expect(await t.db.select().from(donorUsers).where(eq(donorUsers.userId, demo!.id))).toEqual([{ donorId: first.communityFoundationId, userId: demo!.id }]);
    const area = await getDonorArea(t.db, testContext({ actor: actor(demo!.id, ['donor']) }));
    expect(area?.donor.id).toBe(first.communityFoundationId);
    expect((await donorWall(t.db, 1)).rows.map((r) => r.name)).toEqual(['Fondazione Comunità Esempio']);
  });
});
