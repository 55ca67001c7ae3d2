import { describe, expect, it } from 'vitest';
import { sessions } from '../../db/schema/index.ts';
import { rolesOf } from '../../src/domain/accounts/accounts.repo.server.ts';
import { listUsers, setUserDisabled, setUserRoles } from '../../src/domain/accounts/manage-users.server.ts';
import { createSession, validateSessionToken } from '../../src/domain/accounts/session.server.ts';
import { signIn } from '../../src/domain/accounts/sign-in.server.ts';
import { createUser } from '../factories/index.ts';
import { testContext } from '../support/context.ts';
import { useTestDb } from '../support/db.ts';
import { auditTrail, domainError, rowCount, T0 } from './helpers.ts';

const t = useTestDb();

describe('roles', () => {
  it('an administrator changes someone’s roles, and it is audited', async () => {
    const admin = await createUser(t.db, 'admin');
    const user = await createUser(t.db, 'resident');
    await setUserRoles(t.db, testContext({ actor: admin.actor, requestId: 'req-roles' }), user.id, ['resident', 'coach']);
    expect(await rolesOf(t.db, user.id)).toEqual(['coach', 'resident']);
    expect(await auditTrail(t.db)).toEqual([
      expect.objectContaining({ action: 'user.roles_changed', entityId: user.id, actorId: admin.id, requestId: 'req-roles', summary: { added: ['coach'], removed: [] } }),
    ]);
  });

  it('staff cannot change roles', async () => {
    const staff = await createUser(t.db, 'staff');
    const user = await createUser(t.db, 'resident');
    expect(await domainError(setUserRoles(t.db, testContext({ actor: staff.actor }), user.id, ['staff']))).toMatchObject({ kind: 'forbidden' });
    expect(await rolesOf(t.db, user.id)).toEqual(['resident']);
  });

  it('the last administrator cannot lose the admin role', async () => {
    const admin = await createUser(t.db, 'admin');
    const error = await domainError(setUserRoles(t.db, testContext({ actor: admin.actor }), admin.id, ['staff']));
    expect(error).toMatchObject({ kind: 'conflict', code: 'last_admin' });
    expect(await rolesOf(t.db, admin.id)).toEqual(['admin', 'staff']);
  });

  it('a disabled administrator does not count as another one', async () => {
    const admin = await createUser(t.db, 'admin');
    await createUser(t.db, 'admin', 'disabled');
    expect((await domainError(setUserRoles(t.db, testContext({ actor: admin.actor }), admin.id, ['staff']))).code).toBe('last_admin');
  });

  it('with two administrators, one may step down', async () => {
    const [first] = [await createUser(t.db, 'admin'), await createUser(t.db, 'admin')];
    await setUserRoles(t.db, testContext({ actor: first!.actor }), first!.id, ['staff']);
    expect(await rolesOf(t.db, first!.id)).toEqual(['staff']);
  });

  it('an unknown user is not found', async () => {
    const admin = await createUser(t.db, 'admin');
    const error = await domainError(setUserRoles(t.db, testContext({ actor: admin.actor }), crypto.randomUUID(), ['coach']));
    expect(error).toMatchObject({ kind: 'not_found' });
  });
});

describe('disabling accounts', () => {
  it('ends every session at once and blocks sign-in; enabling lets them back in', async () => {
    const admin = await createUser(t.db, 'admin');
    const user = await createUser(t.db, 'donor');
    const s1 = await createSession(t.db, user.id, T0);
    const s2 = await createSession(t.db, user.id, T0);
    const adminSession = await createSession(t.db, admin.id, T0);
    const ctx = testContext({ actor: admin.actor, now: () => T0, requestId: 'req-disable' });

    await setUserDisabled(t.db, ctx, user.id, true);

    expect(await validateSessionToken(t.db, s1.token, T0)).toBeNull();
    expect(await validateSessionToken(t.db, s2.token, T0)).toBeNull();
    expect(await validateSessionToken(t.db, adminSession.token, T0)).not.toBeNull();
    expect(await rowCount(t.db, sessions)).toBe(1);
    const refused = await domainError(signIn(t.db, testContext({ now: () => T0 }), { email: user.email, password: user.password }, null));
    expect(refused.code).toBe('account_disabled');

    await setUserDisabled(t.db, { ...ctx, requestId: 'req-enable' }, user.id, false);
    await expect(signIn(t.db, testContext({ now: () => T0 }), { email: user.email, password: user.password }, null)).resolves.toBeTruthy();

    const trail = (await auditTrail(t.db)).filter((r) => r.entityId === user.id);
    expect(trail.map((r) => [r.action, r.requestId, r.summary])).toEqual([
      ['user.disabled', 'req-disable', { sessionsEnded: 2 }],
      ['user.enabled', 'req-enable', { sessionsEnded: 0 }],
    ]);
  });

  it('an administrator cannot disable themselves, and staff cannot disable anyone', async () => {
    const admin = await createUser(t.db, 'admin');
    const staff = await createUser(t.db, 'staff');
    expect(await domainError(setUserDisabled(t.db, testContext({ actor: admin.actor }), admin.id, true))).toMatchObject({ kind: 'forbidden' });
    expect(await domainError(setUserDisabled(t.db, testContext({ actor: staff.actor }), admin.id, true))).toMatchObject({ kind: 'forbidden' });
    await expect(signIn(t.db, testContext(), { email: admin.email, password: admin.password }, null)).resolves.toBeTruthy();
  });
});

describe('listing users', () => {
  it('staff search by name or email and filter by role; residents may not list', async () => {
    const staff = await createUser(t.db, 'staff', { name: 'Ilaria Zappalà' });
    await createUser(t.db, 'coach', { name: 'Gaetano Musumeci', email: 'g.musumeci@esempio.it' });
    await createUser(t.db, 'resident', { name: 'Santa Musumeci' });
    const ctx = testContext({ actor: staff.actor });

    const byName = await listUsers(t.db, ctx, { q: 'musumeci', page: 1 });
    expect(byName.rows.map((r) => r.name).sort()).toEqual(['Gaetano Musumeci', 'Santa Musumeci']);
    expect(byName.total).toBe(2);
    const coaches = await listUsers(t.db, ctx, { role: 'coach', page: 1 });
    expect(coaches.rows).toEqual([expect.objectContaining({ email: 'g.musumeci@esempio.it', roles: ['coach'] })]);
    const wildcard = await listUsers(t.db, ctx, { q: '%', page: 1 });
    expect(wildcard.total).toBe(0); // % is a character to find, not a wildcard

    const resident = await createUser(t.db, 'resident');
    expect(await domainError(listUsers(t.db, testContext({ actor: resident.actor }), { page: 1 }))).toMatchObject({ kind: 'forbidden' });
  });
});
