import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { throttles } from '../../db/schema/index.ts';
import { signIn } from '../../src/domain/accounts/sign-in.server.ts';
import { ACCOUNT_LOGIN, IP_LOGIN, recordFailure, throttleKeys } from '../../src/domain/accounts/throttle.server.ts';
import type { Db } from '../../src/lib/server/db/index.ts';
import { createUser, type TestUser } from '../factories/index.ts';
import { testContext } from '../support/context.ts';
import { useTestDb } from '../support/db.ts';
import { at, domainError, T0 } from './helpers.ts';

const t = useTestDb();
const MIN = 60_000;
const WRONG = 'non è la password';

function attempt(db: Db, user: Pick<TestUser, 'email'>, password: string, when = T0, ip = '198.51.100.20') {
  return signIn(db, testContext({ now: () => when, ip }), { email: user.email, password }, null);
}
async function failTimes(n: number, user: Pick<TestUser, 'email'>, when = T0, ip?: string) {
  for (let i = 0; i < n; i++) expect((await domainError(attempt(t.db, user, WRONG, when, ip))).code).toBe('invalid_credentials');
}

describe('sign-in throttling per account', () => {
  it('five wrong passwords lock the account for 15 minutes, even for the right password', async () => {
    const user = await createUser(t.db);
    await failTimes(5, user);
    const locked = await domainError(attempt(t.db, user, user.password, at(MIN)));
    expect(locked).toMatchObject({ kind: 'throttled', code: 'login_throttled', details: { until: at(15 * MIN) } });
    // From any address: the lock is on the account.
    expect((await domainError(attempt(t.db, user, user.password, at(14 * MIN), '203.0.113.99'))).code).toBe('login_throttled');
    await expect(attempt(t.db, user, user.password, at(15 * MIN))).resolves.toMatchObject({ userId: user.id });
  });

  it('four wrong passwords do not lock', async () => {
    const user = await createUser(t.db);
    await failTimes(4, user);
    await expect(attempt(t.db, user, user.password)).resolves.toMatchObject({ userId: user.id });
  });

  it('a successful sign-in clears the account’s count', async () => {
    const user = await createUser(t.db);
    await failTimes(4, user);
    await attempt(t.db, user, user.password);
    await failTimes(4, user);
    await expect(attempt(t.db, user, user.password)).resolves.toMatchObject({ userId: user.id });
  });

  it('another account is not affected', async () => {
    const [victim, neighbour] = [await createUser(t.db), await createUser(t.db)];
    await failTimes(5, victim);
    await expect(attempt(t.db, neighbour, neighbour.password)).resolves.toMatchObject({ userId: neighbour.id });
  });

  it('each failure past the limit doubles the lock, up to a day', async () => {
    const key = throttleKeys.account('x@esempio.it');
    const locks: number[] = [];
    for (let i = 0; i < 12; i++) {
      const until = await recordFailure(t.db, key, ACCOUNT_LOGIN, T0);
      locks.push(until ? (until.getTime() - T0.getTime()) / MIN : 0);
    }
    expect(locks).toEqual([0, 0, 0, 0, 15, 30, 60, 120, 240, 480, 960, 1440]);
  });

  it('a wrong password right after a lock ends locks again, for twice as long', async () => {
    const user = await createUser(t.db);
    await failTimes(5, user, T0);
    await failTimes(1, user, at(15 * MIN + 1000));
    const locked = await domainError(attempt(t.db, user, user.password, at(16 * MIN)));
    expect(locked).toMatchObject({ code: 'login_throttled', details: { until: at(45 * MIN + 1000) } });
  });

  it('failures older than the window are forgotten', async () => {
    const user = await createUser(t.db);
    await failTimes(4, user, T0);
    await failTimes(4, user, at(16 * MIN));
    await expect(attempt(t.db, user, user.password, at(17 * MIN))).resolves.toMatchObject({ userId: user.id });
  });
});

describe('sign-in throttling per address', () => {
  it(`${IP_LOGIN.limit} failures from one address lock that address for every account`, async () => {
    const user = await createUser(t.db);
    const ip = '192.0.2.44';
    for (let i = 0; i < IP_LOGIN.limit; i++) await domainError(attempt(t.db, { email: `sconosciuto${i}@esempio.it` }, WRONG, T0, ip));
    expect((await domainError(attempt(t.db, user, user.password, at(MIN), ip))).code).toBe('login_throttled');
    await expect(attempt(t.db, user, user.password, at(MIN), '192.0.2.45')).resolves.toMatchObject({ userId: user.id });
  });
});

describe('across app instances (PostgreSQL)', () => {
  it.skipIf(t.kind !== 'postgres')('a lock set through one connection pool holds on another', async () => {
    const other = await t.connect();
    const user = await createUser(t.db);
    await failTimes(5, user);
    expect((await domainError(attempt(other.db, user, user.password, at(MIN)))).code).toBe('login_throttled');
  });

  it.skipIf(t.kind !== 'postgres')('concurrent failures on two pools are all counted', async () => {
    const other = await t.connect();
    const email = 'bersaglio@esempio.it';
    const key = throttleKeys.account(email);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => recordFailure(i % 2 ? t.db : other.db, key, { ...ACCOUNT_LOGIN, limit: 100 }, T0)),
    );
    const [row] = await t.db.select().from(throttles).where(eq(throttles.key, key));
    expect(row!.failures).toBe(20);
  });
});
