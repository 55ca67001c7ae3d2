import { eq } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import * as schema from '../../db/schema/index.ts';
import { DEMO_PASSWORD, demoAccounts } from '../../db/seed/demo-accounts.ts';
import { seedDemo, seedIfEmpty } from '../../db/seed/index.ts';
import { rolesOf } from '../../src/domain/accounts/accounts.repo.server.ts';
import { signIn } from '../../src/domain/accounts/sign-in.server.ts';
import type { Db } from '../../src/lib/server/db/index.ts';
import { createUser } from '../factories/index.ts';
import { testContext } from '../support/context.ts';
import { useTestDb } from '../support/db.ts';
import { auditTrail, rowCount } from './helpers.ts';

const t = useTestDb();
const origin = 'http://vivaio.test';
const tables: Record<string, PgTable> = {
  users: schema.users,
  userRoles: schema.userRoles,
  programmes: schema.programmes,
  neighbourhoods: schema.neighbourhoods,
  programmeNeighbourhoods: schema.programmeNeighbourhoods,
  auditEvents: schema.auditEvents,
  outboxMessages: schema.outboxMessages,
  calls: schema.calls,
  callAmendments: schema.callAmendments,
};
async function counts(db: Db) {
  const out: Record<string, number> = {};
  for (const [name, table] of Object.entries(tables)) out[name] = await rowCount(db, table);
  return out;
}

const nothing = { accounts: 0, programmes: 0, neighbourhoods: 0, links: 0, calls: 0, proposals: 0, evaluation: 0, startups: 0, donors: 0, grants: 0 };

describe('demo seed', () => {
  it('creates the demo accounts, the IdeAzione programme and its neighbourhoods, with one audit event', async () => {
    const created = await seedDemo(t.db, { origin });
    expect(created).toEqual({ accounts: demoAccounts.length, programmes: 1, neighbourhoods: 7, links: 7, calls: 5, proposals: 3, evaluation: 5, startups: 3, donors: 3, grants: 3 });
    expect(await counts(t.db)).toEqual({
      users: 16, // 7 demo accounts + 2 evaluators and 6 residents of the evaluation demo + a donor applicant
      userRoles: 17,
      programmes: 1,
      neighbourhoods: 7,
      programmeNeighbourhoods: 7,
      auditEvents: 8, // demo.seeded + the start-ups created from the final ranking (through the use case)
      outboxMessages: 0,
      calls: 9,
      callAmendments: 2,
    });
    const [programme] = await t.db.select().from(schema.programmes);
    expect(programme).toMatchObject({ code: 'CT3.3.1.a', programmedCents: 566_833_750, startsOn: '2016-10-01', endsOn: '2022-12-31' });
    expect(programme!.cup).toMatch(/^[A-Z]\d{2}[A-Z]\d{11}$/);
    const names = (await t.db.select({ name: schema.neighbourhoods.name }).from(schema.neighbourhoods)).map((n) => n.name);
    expect(names).toEqual(expect.arrayContaining(['San Cristoforo', 'San Berillo Vecchio', 'Civita']));
    const trail = await auditTrail(t.db);
    expect(trail.filter((e) => e.action === 'demo.seeded')).toEqual([
      expect.objectContaining({ action: 'demo.seeded', entityId: programme!.id, actorId: null, summary: expect.objectContaining({ origin }) }),
    ]);
    expect(trail.filter((e) => e.action === 'startup.created')).toHaveLength(3);
  });

  it('every demo account signs in with the demo password and has its roles', async () => {
    await seedDemo(t.db, { origin });
    for (const account of demoAccounts) {
      const session = await signIn(t.db, testContext(), { email: account.email, password: DEMO_PASSWORD }, null);
      expect(await rolesOf(t.db, session.userId)).toEqual([...account.roles].sort());
      const [user] = await t.db.select().from(schema.users).where(eq(schema.users.id, session.userId));
      expect(user).toMatchObject({ name: account.name, locale: account.locale });
      expect(user!.emailVerifiedAt).not.toBeNull();
    }
  });

  it('is idempotent: a second run changes nothing', async () => {
    await seedDemo(t.db, { origin });
    const before = await counts(t.db);
    const again = await seedDemo(t.db, { origin });
    expect(again).toEqual({ ...nothing });
    expect(await counts(t.db)).toEqual(before);
  });

  it('adds back only what is missing, and leaves changed rows alone', async () => {
    await seedDemo(t.db, { origin });
    await t.db.update(schema.users).set({ name: 'Marco Renamed' }).where(eq(schema.users.email, 'staff@vivaio.example'));
    // The one demo account no demo record refers to (the others score, coach, fund, apply…).
    await t.db.delete(schema.users).where(eq(schema.users.email, 'admin@vivaio.example'));
    expect(await seedDemo(t.db, { origin })).toEqual({ ...nothing, accounts: 1 });
    const [staff] = await t.db.select().from(schema.users).where(eq(schema.users.email, 'staff@vivaio.example'));
    expect(staff!.name).toBe('Marco Renamed');
    expect(await rowCount(t.db, schema.auditEvents)).toBe(9);
  });

  it('seedIfEmpty seeds an empty database once, and never one that has accounts', async () => {
    expect(await seedIfEmpty(t.db, { origin })).toBe(true);
    expect(await seedIfEmpty(t.db, { origin })).toBe(false);
    expect(await rowCount(t.db, schema.users)).toBe(16);
  });

  it('seedIfEmpty leaves a database with real accounts untouched', async () => {
    await createUser(t.db, 'admin');
    expect(await seedIfEmpty(t.db, { origin })).toBe(false);
    expect(await counts(t.db)).toMatchObject({ users: 1, programmes: 0, auditEvents: 0 });
  });

  it.skipIf(t.kind !== 'postgres')('two instances starting at once seed exactly once', async () => {
    const other = await t.connect();
    const results = await Promise.all([seedIfEmpty(t.db, { origin }), seedIfEmpty(other.db, { origin })]);
    expect(results.sort()).toEqual([false, true]);
    expect(await counts(t.db)).toMatchObject({ users: 16, programmes: 1, auditEvents: 8 });
  });
});
