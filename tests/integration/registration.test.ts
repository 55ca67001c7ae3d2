import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { users, userTokens } from '../../db/schema/index.ts';
import { findUserByEmail, rolesOf } from '../../src/domain/accounts/accounts.repo.server.ts';
import { EMAIL_VERIFICATION_TTL_MS } from '../../src/domain/accounts/links.ts';
import { registerUser } from '../../src/domain/accounts/register-user.server.ts';
import { registerSchema, type RegisterInput } from '../../src/domain/accounts/schema.ts';
import { verifyPassword } from '../../src/domain/accounts/password.server.ts';
import { resendVerification, verifyEmail } from '../../src/domain/accounts/verify-email.server.ts';
import { createUser } from '../factories/index.ts';
import { testContext } from '../support/context.ts';
import { useTestDb } from '../support/db.ts';
import { at, auditTrail, domainError, HOUR, outbox, rowCount, T0, tokenFrom } from './helpers.ts';

const t = useTestDb();

function input(overrides: Partial<Record<keyof RegisterInput, string>> = {}): RegisterInput {
  return registerSchema.parse({
    name: 'Fatima Bonaccorsi',
    email: 'Fatima.Bonaccorsi@Esempio.it ',
    password: 'il tram passa alle sette',
    passwordConfirm: 'il tram passa alle sette',
    locale: 'en',
    privacy: 'on',
    ...overrides,
  });
}
const ctx = (requestId = 'req-register', when = T0, ip = '198.51.100.7') => testContext({ now: () => when, requestId, ip });

describe('registration', () => {
  it('creates an unverified resident and sends the link in the chosen language', async () => {
    await registerUser(t.db, ctx(), input());

    const user = await findUserByEmail(t.db, 'fatima.bonaccorsi@esempio.it');
    expect(user).toMatchObject({ name: 'Fatima Bonaccorsi', locale: 'en', emailVerifiedAt: null, disabledAt: null });
    expect(await rolesOf(t.db, user!.id)).toEqual(['resident']);
    expect(await verifyPassword(user!.passwordHash, 'il tram passa alle sette')).toBe(true);

    const [token] = await t.db.select().from(userTokens).where(eq(userTokens.userId, user!.id));
    expect(token).toMatchObject({ purpose: 'email_verification', expiresAt: at(EMAIL_VERIFICATION_TTL_MS), usedAt: null });

    const [mail, ...more] = await outbox(t.db);
    expect(more).toEqual([]);
    expect(mail).toMatchObject({ toAddress: user!.email, toUserId: user!.id, template: 'verifyEmail', locale: 'en', status: 'pending' });
    expect(mail!.subject).toMatch(/[A-Za-z]/);
    expect(mail!.textBody).toContain('Dear Fatima Bonaccorsi,');
    expect(mail!.textBody).toContain('http://vivaio.test/en/verify-email?token=');

    expect(await auditTrail(t.db)).toEqual([
      expect.objectContaining({ action: 'user.registered', entityId: user!.id, actorId: user!.id, requestId: 'req-register' }),
    ]);
  });

  it('an Italian registration gets Italian mail', async () => {
    await registerUser(t.db, ctx(), input({ locale: 'it' }));
    const [mail] = await outbox(t.db);
    expect(mail).toMatchObject({ locale: 'it' });
    expect(mail!.textBody).toContain('Gentile Fatima Bonaccorsi,');
    expect(mail!.textBody).toContain('/it/verify-email?token=');
  });

  it('an address already registered gets a warning email, and the form shows nothing different', async () => {
    const owner = await createUser(t.db, { email: 'fatima.bonaccorsi@esempio.it', name: 'Fatima Bonaccorsi', locale: 'it' });
    await expect(registerUser(t.db, ctx('req-dup'), input({ password: 'un tentativo diverso', passwordConfirm: 'un tentativo diverso' }))).resolves.toBeUndefined();

    expect(await rowCount(t.db, users)).toBe(1);
    expect(await rowCount(t.db, userTokens)).toBe(0);
    const [row] = await t.db.select().from(users).where(eq(users.id, owner.id));
    expect(await verifyPassword(row!.passwordHash, owner.password)).toBe(true); // untouched
    const [mail, ...more] = await outbox(t.db);
    expect(more).toEqual([]);
    expect(mail).toMatchObject({ toAddress: owner.email, template: 'accountExists', locale: 'it' });
    expect(mail!.textBody).toContain('/it/password/forgot');
    expect(await auditTrail(t.db)).toEqual([
      expect.objectContaining({ action: 'user.registration_refused', entityId: owner.id, requestId: 'req-dup' }),
    ]);
  });

  it('one address may send only so many sign-up emails an hour', async () => {
    for (let i = 0; i < 10; i++) await registerUser(t.db, ctx(), input({ email: `persona${i}@esempio.it` }));
    const error = await domainError(registerUser(t.db, ctx(), input({ email: 'undicesima@esempio.it' })));
    expect(error).toMatchObject({ kind: 'throttled', code: 'too_many_requests' });
    expect(await findUserByEmail(t.db, 'undicesima@esempio.it')).toBeNull();
    await expect(registerUser(t.db, ctx('r', T0, '198.51.100.8'), input({ email: 'altra.rete@esempio.it' }))).resolves.toBeUndefined();
  });
});

describe('email verification', () => {
  async function registered() {
    await registerUser(t.db, ctx(), input());
    const [mail] = await outbox(t.db);
    const user = await findUserByEmail(t.db, 'fatima.bonaccorsi@esempio.it');
    return { token: tokenFrom(mail!.textBody, '/verify-email'), user: user! };
  }

  it('the link confirms the address once', async () => {
    const { token, user } = await registered();
    const when = at(2 * HOUR);
    expect(await verifyEmail(t.db, testContext({ now: () => when, requestId: 'req-verify' }), token)).toBe(user.id);
    expect((await findUserByEmail(t.db, user.email))!.emailVerifiedAt).toEqual(when);
    expect((await domainError(verifyEmail(t.db, testContext({ now: () => when }), token))).code).toBe('token_invalid');
    expect((await auditTrail(t.db)).map((r) => [r.action, r.actorId, r.requestId])).toEqual([
      ['user.registered', user.id, 'req-register'],
      ['user.email_verified', user.id, 'req-verify'],
    ]);
  });

  it('the link expires after 48 hours', async () => {
    const { token, user } = await registered();
    const error = await domainError(verifyEmail(t.db, testContext({ now: () => at(EMAIL_VERIFICATION_TTL_MS) }), token));
    expect(error.code).toBe('token_expired');
    expect((await findUserByEmail(t.db, user.email))!.emailVerifiedAt).toBeNull();
  });

  it('a tampered link is refused', async () => {
    const { token } = await registered();
    const tampered = token.replace(/.$/, (c) => (c === 'a' ? 'b' : 'a'));
    expect((await domainError(verifyEmail(t.db, testContext({ now: () => T0 }), tampered))).code).toBe('token_invalid');
    expect((await domainError(verifyEmail(t.db, testContext({ now: () => T0 }), 'rubbish'))).code).toBe('token_invalid');
  });

  it('asking for a new link makes the old one stop working', async () => {
    const { token, user } = await registered();
    const actor = { userId: user.id, roles: ['resident' as const], emailVerified: false };
    await resendVerification(t.db, testContext({ actor, now: () => at(HOUR), requestId: 'req-resend' }));
    const fresh = tokenFrom((await outbox(t.db))[1]!.textBody, '/verify-email');
    expect((await domainError(verifyEmail(t.db, testContext({ now: () => at(HOUR) }), token))).code).toBe('token_invalid');
    await expect(verifyEmail(t.db, testContext({ now: () => at(HOUR) }), fresh)).resolves.toBe(user.id);
    expect((await domainError(resendVerification(t.db, testContext({ actor, now: () => at(HOUR) })))).code).toBe('already_verified');
  });
});
