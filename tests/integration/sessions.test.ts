import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { sessions, users } from '../../db/schema/index.ts';
import {
  createSession,
  invalidateUserSessions,
  SESSION_INACTIVITY_MS,
  validateSessionToken,
} from '../../src/domain/accounts/session.server.ts';
import { signIn, signOut } from '../../src/domain/accounts/sign-in.server.ts';
import { issueToken } from '../../src/domain/accounts/tokens.ts';
import { createUser } from '../factories/index.ts';
import { testContext } from '../support/context.ts';
import { useTestDb } from '../support/db.ts';
import { at, auditTrail, DAY, domainError, HOUR, rowCount, T0 } from './helpers.ts';

const t = useTestDb();

describe('sessions', () => {
  it('a new session validates and carries the user and roles', async () => {
    const user = await createUser(t.db, 'admin', { name: 'Carmela Grasso', locale: 'en' });
    const { token, session } = await createSession(t.db, user.id, T0, 'Firefox');
    const valid = await validateSessionToken(t.db, token, at(5 * 60_000));
    expect(valid).toMatchObject({
      session: { id: session.id, userId: user.id },
      user: { id: user.id, email: user.email, name: 'Carmela Grasso', locale: 'en', emailVerified: true, roles: ['admin', 'staff'] },
      refreshed: false,
    });
    const [row] = await t.db.select().from(sessions).where(eq(sessions.id, session.id));
    expect(row!.secretHash).not.toContain(token.split('.')[1]!); // only the hash is stored
  });

  it('a wrong secret, an unknown id or junk gives null', async () => {
    const user = await createUser(t.db);
    const { token } = await createSession(t.db, user.id, T0);
    const [id] = token.split('.');
    const otherSecret = issueToken().token.split('.')[1];
    expect(await validateSessionToken(t.db, `${id}.${otherSecret}`, T0)).toBeNull();
    expect(await validateSessionToken(t.db, issueToken().token, T0)).toBeNull();
    expect(await validateSessionToken(t.db, 'junk', T0)).toBeNull();
    expect(await rowCount(t.db, sessions)).toBe(1); // a bad guess does not end the real session
  });

  it('30 days without use ends the session and deletes its row', async () => {
    const user = await createUser(t.db);
    const { token } = await createSession(t.db, user.id, T0);
    expect(await validateSessionToken(t.db, token, at(SESSION_INACTIVITY_MS - 60_000))).not.toBeNull();
    const other = await createSession(t.db, user.id, T0);
    expect(await validateSessionToken(t.db, other.token, at(SESSION_INACTIVITY_MS))).toBeNull();
    expect(await rowCount(t.db, sessions, eq(sessions.id, other.session.id))).toBe(0);
  });

  it('activity moves the expiry forward, but writes at most once an hour', async () => {
    const user = await createUser(t.db);
    const { token, session } = await createSession(t.db, user.id, T0);
    const lastSeen = async () => (await t.db.select().from(sessions).where(eq(sessions.id, session.id)))[0]!.lastVerifiedAt;

    expect((await validateSessionToken(t.db, token, at(59 * 60_000)))!.refreshed).toBe(false);
    expect(await lastSeen()).toEqual(T0);

    expect((await validateSessionToken(t.db, token, at(HOUR)))!.refreshed).toBe(true);
    expect(await lastSeen()).toEqual(at(HOUR));

    // Used 29 days later, and 29 days after that: still signed in, 58 days after creation.
    expect(await validateSessionToken(t.db, token, at(29 * DAY))).not.toBeNull();
    expect(await validateSessionToken(t.db, token, at(58 * DAY))).not.toBeNull();
  });

  it('invalidateUserSessions ends every session of that user only, or all but one', async () => {
    const [a, b] = [await createUser(t.db), await createUser(t.db)];
    const a1 = await createSession(t.db, a.id, T0);
    const a2 = await createSession(t.db, a.id, T0);
    const a3 = await createSession(t.db, a.id, T0);
    const b1 = await createSession(t.db, b.id, T0);

    expect(await invalidateUserSessions(t.db, a.id, a1.session.id)).toBe(2);
    expect(await validateSessionToken(t.db, a1.token, T0)).not.toBeNull();
    expect(await validateSessionToken(t.db, a2.token, T0)).toBeNull();
    expect(await validateSessionToken(t.db, a3.token, T0)).toBeNull();

    expect(await invalidateUserSessions(t.db, a.id)).toBe(1);
    expect(await validateSessionToken(t.db, a1.token, T0)).toBeNull();
    expect(await validateSessionToken(t.db, b1.token, T0)).not.toBeNull();
  });

  it('a disabled user is signed out at the next request', async () => {
    const user = await createUser(t.db);
    const { token } = await createSession(t.db, user.id, T0);
    await t.db.update(users).set({ disabledAt: T0 }).where(eq(users.id, user.id));
    expect(await validateSessionToken(t.db, token, at(1000))).toBeNull();
    expect(await rowCount(t.db, sessions)).toBe(0);
  });
});

describe('sign in and out', () => {
  it('the right password opens a session; signing out ends it; both are audited', async () => {
    const user = await createUser(t.db, 'evaluator', { email: 'orazio.strano@esempio.it' });
    const ctx = testContext({ now: () => T0, requestId: 'req-sign-in' });
    const result = await signIn(t.db, ctx, { email: 'orazio.strano@esempio.it', password: user.password }, 'Safari');
    expect(result.userId).toBe(user.id);
    expect((await validateSessionToken(t.db, result.token, T0))!.user.roles).toEqual(['evaluator']);

    await signOut(t.db, testContext({ now: () => T0, requestId: 'req-sign-out', actor: user.actor }), result.sessionId);
    expect(await validateSessionToken(t.db, result.token, T0)).toBeNull();
    expect(await auditTrail(t.db)).toEqual([
      expect.objectContaining({ action: 'session.created', entityId: result.sessionId, actorId: user.id, requestId: 'req-sign-in' }),
      expect.objectContaining({ action: 'session.ended', entityId: result.sessionId, actorId: user.id, requestId: 'req-sign-out' }),
    ]);
  });

  it('a wrong password or an unknown address is refused the same way, and audited', async () => {
    const user = await createUser(t.db);
    const ctx = testContext({ now: () => T0, requestId: 'req-bad' });
    const wrong = await domainError(signIn(t.db, ctx, { email: user.email, password: 'not the password' }, null));
    const unknown = await domainError(signIn(t.db, ctx, { email: 'nessuno@esempio.it', password: user.password }, null));
    expect([wrong.code, unknown.code]).toEqual(['invalid_credentials', 'invalid_credentials']);
    expect(await rowCount(t.db, sessions)).toBe(0);
    const trail = await auditTrail(t.db);
    expect(trail.map((r) => [r.action, r.entityId, r.requestId])).toEqual([
      ['session.sign_in_failed', user.id, 'req-bad'],
      ['session.sign_in_failed', null, 'req-bad'],
    ]);
  });

  it('a disabled account cannot sign in, even with the right password', async () => {
    const user = await createUser(t.db, 'disabled');
    const error = await domainError(signIn(t.db, testContext({ now: () => T0 }), { email: user.email, password: user.password }, null));
    expect(error).toMatchObject({ kind: 'forbidden', code: 'account_disabled' });
    expect(await rowCount(t.db, sessions)).toBe(0);
  });
});
