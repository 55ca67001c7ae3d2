import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { sessions, users } from '../../db/schema/index.ts';
import { changePassword, requestPasswordReset, resetPassword } from '../../src/domain/accounts/passwords.server.ts';
import { createSession, validateSessionToken } from '../../src/domain/accounts/session.server.ts';
import { signIn } from '../../src/domain/accounts/sign-in.server.ts';
import { PASSWORD_RESET_TTL_MS } from '../../src/domain/accounts/links.ts';
import { createUser } from '../factories/index.ts';
import { testContext } from '../support/context.ts';
import { useTestDb } from '../support/db.ts';
import { at, auditTrail, domainError, outbox, rowCount, T0, tokenFrom } from './helpers.ts';

const t = useTestDb();
const NEW_PASSWORD = 'la metro arriva a Librino';

describe('changing the password', () => {
  it('ends the user’s other sessions, keeps the current one, and tells them by email', async () => {
    const user = await createUser(t.db, 'english');
    const stranger = await createUser(t.db);
    const current = await createSession(t.db, user.id, T0);
    const phone = await createSession(t.db, user.id, T0);
    const library = await createSession(t.db, user.id, T0);
    const theirs = await createSession(t.db, stranger.id, T0);
    const ctx = testContext({ actor: user.actor, now: () => T0, requestId: 'req-change' });

    const result = await changePassword(t.db, ctx, { sessionId: current.session.id, currentPassword: user.password, password: NEW_PASSWORD });

    expect(result).toEqual({ sessionsEnded: 2 });
    expect(await validateSessionToken(t.db, current.token, T0)).not.toBeNull();
    expect(await validateSessionToken(t.db, phone.token, T0)).toBeNull();
    expect(await validateSessionToken(t.db, library.token, T0)).toBeNull();
    expect(await validateSessionToken(t.db, theirs.token, T0)).not.toBeNull();

    const [mail] = await outbox(t.db);
    expect(mail).toMatchObject({ toAddress: user.email, template: 'passwordChanged', locale: 'en' });
    expect(await auditTrail(t.db)).toEqual([
      expect.objectContaining({ action: 'user.password_changed', entityId: user.id, requestId: 'req-change', summary: { sessionsEnded: 2 } }),
    ]);
    await expect(signIn(t.db, ctx, { email: user.email, password: NEW_PASSWORD }, null)).resolves.toBeTruthy();
    await expect(signIn(t.db, ctx, { email: user.email, password: user.password }, null)).rejects.toThrow();
  });

  it('refuses a wrong current password and changes nothing', async () => {
    const user = await createUser(t.db);
    const current = await createSession(t.db, user.id, T0);
    const other = await createSession(t.db, user.id, T0);
    const ctx = testContext({ actor: user.actor, now: () => T0 });
    const error = await domainError(changePassword(t.db, ctx, { sessionId: current.session.id, currentPassword: 'sbagliata!!', password: NEW_PASSWORD }));
    expect(error).toMatchObject({ kind: 'invalid', code: 'wrong_password' });
    expect(await validateSessionToken(t.db, other.token, T0)).not.toBeNull();
    expect(await outbox(t.db)).toEqual([]);
  });

  it('counts wrong current passwords like failed sign-ins: the fifth locks the account', async () => {
    const user = await createUser(t.db);
    const ctx = testContext({ actor: user.actor, now: () => T0 });
    const attempt = (currentPassword: string) => changePassword(t.db, ctx, { sessionId: 'x', currentPassword, password: NEW_PASSWORD });
    for (let i = 0; i < 5; i++) expect((await domainError(attempt('sbagliata!!'))).code).toBe('wrong_password');
    expect(await domainError(attempt(user.password))).toMatchObject({ kind: 'throttled', code: 'login_throttled' });
  });
});

describe('resetting a forgotten password', () => {
  async function requestLink(email: string, requestId = 'req-forgot') {
    await requestPasswordReset(t.db, testContext({ now: () => T0, requestId }), email);
    const mail = (await outbox(t.db)).find((m) => m.template === 'passwordReset');
    return mail ? tokenFrom(mail.textBody, '/password/reset') : null;
  }

  it('sends a one-time link; using it sets the password and ends every session', async () => {
    const user = await createUser(t.db, 'unverified');
    const sessionsBefore = [await createSession(t.db, user.id, T0), await createSession(t.db, user.id, T0)];
    const token = await requestLink(user.email);
    expect(token).not.toBeNull();

    await resetPassword(t.db, testContext({ now: () => at(10 * 60_000), requestId: 'req-reset' }), token!, NEW_PASSWORD);

    for (const s of sessionsBefore) expect(await validateSessionToken(t.db, s.token, at(11 * 60_000))).toBeNull();
    expect(await rowCount(t.db, sessions)).toBe(0);
    const [row] = await t.db.select().from(users).where(eq(users.id, user.id));
    expect(row!.emailVerifiedAt).toEqual(at(10 * 60_000)); // the link proved the address too
    await expect(signIn(t.db, testContext({ now: () => at(11 * 60_000) }), { email: user.email, password: NEW_PASSWORD }, null)).resolves.toBeTruthy();

    const again = await domainError(resetPassword(t.db, testContext({ now: () => at(20 * 60_000) }), token!, 'un’altra frase lunga'));
    expect(again.code).toBe('token_invalid');
    const trail = (await auditTrail(t.db)).map((r) => [r.action, r.requestId]);
    expect(trail.slice(0, 2)).toEqual([
      ['user.password_reset_requested', 'req-forgot'],
      ['user.password_reset', 'req-reset'],
    ]);
  });

  it('a link expires after an hour', async () => {
    const user = await createUser(t.db);
    const token = await requestLink(user.email);
    const error = await domainError(resetPassword(t.db, testContext({ now: () => at(PASSWORD_RESET_TTL_MS) }), token!, NEW_PASSWORD));
    expect(error.code).toBe('token_expired');
  });

  it('a newer link replaces the older one', async () => {
    const user = await createUser(t.db);
    const first = await requestLink(user.email);
    await requestPasswordReset(t.db, testContext({ now: () => T0 }), user.email);
    const error = await domainError(resetPassword(t.db, testContext({ now: () => T0 }), first!, NEW_PASSWORD));
    expect(error.code).toBe('token_invalid');
  });

  it('an unknown or disabled address gets no email and no error', async () => {
    const disabled = await createUser(t.db, 'disabled');
    expect(await requestLink('nessuno@esempio.it')).toBeNull();
    expect(await requestLink(disabled.email)).toBeNull();
    expect(await outbox(t.db)).toEqual([]);
  });

  it('a reset lifts a sign-in lock on the account', async () => {
    const user = await createUser(t.db);
    const ctx = testContext({ now: () => T0 });
    for (let i = 0; i < 5; i++) await signIn(t.db, ctx, { email: user.email, password: 'sbagliata!!' }, null).catch(() => {});
    const token = await requestLink(user.email);
    await resetPassword(t.db, ctx, token!, NEW_PASSWORD);
    await expect(signIn(t.db, ctx, { email: user.email, password: NEW_PASSWORD }, null)).resolves.toBeTruthy();
  });
});
