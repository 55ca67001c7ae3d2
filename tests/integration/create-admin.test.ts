import { describe, expect, it } from 'vitest';
import { findUserByEmail, rolesOf } from '../../src/domain/accounts/accounts.repo.server.ts';
import { ADMIN_LINK_TTL_MS, createAdmin } from '../../src/domain/accounts/create-admin.server.ts';
import { resetPassword } from '../../src/domain/accounts/passwords.server.ts';
import { signIn } from '../../src/domain/accounts/sign-in.server.ts';
import { createUser } from '../factories/index.ts';
import { testContext } from '../support/context.ts';
import { useTestDb } from '../support/db.ts';
import { at, auditTrail, domainError, T0, tokenFrom } from './helpers.ts';

const t = useTestDb();
const cli = (locale: 'it' | 'en' = 'it') => testContext({ now: () => T0, requestId: 'cli-admin-create', locale, origin: 'https://vivaio.comune.example.it' });

describe('createAdmin (npm run admin:create)', () => {
  it('creates a verified administrator and a one-time link to choose the password', async () => {
    const result = await createAdmin(t.db, cli('en'), { email: 'agata.puglisi@comune.example.it', name: 'Agata Puglisi' });
    expect(result.created).toBe(true);
    expect(result.link).toMatch(/^https:\/\/vivaio\.comune\.example\.it\/en\/password\/reset\?token=/);
    const user = await findUserByEmail(t.db, 'agata.puglisi@comune.example.it');
    expect(user).toMatchObject({ id: result.userId, name: 'Agata Puglisi', locale: 'en', emailVerifiedAt: T0 });
    expect(await rolesOf(t.db, result.userId)).toEqual(['admin', 'staff']);
    expect(await auditTrail(t.db)).toEqual([
      expect.objectContaining({ action: 'user.admin_created', entityId: result.userId, actorId: null, requestId: 'cli-admin-create' }),
    ]);

    const password = 'la prima amministratrice';
    await resetPassword(t.db, testContext({ now: () => at(ADMIN_LINK_TTL_MS - 60_000) }), tokenFrom(result.link, '/password/reset'), password);
    await expect(signIn(t.db, testContext(), { email: 'agata.puglisi@comune.example.it', password }, null)).resolves.toMatchObject({ userId: result.userId });
  });

  it('the link lasts a day', async () => {
    const result = await createAdmin(t.db, cli(), { email: 'a@comune.example.it', name: 'A' });
    const error = await domainError(resetPassword(t.db, testContext({ now: () => at(ADMIN_LINK_TTL_MS) }), tokenFrom(result.link, '/password/reset'), 'troppo tardi ormai'));
    expect(error.code).toBe('token_expired');
  });

  it('makes an existing account an administrator without touching its password', async () => {
    const existing = await createUser(t.db, 'resident', { email: 'vincenzo.romeo@comune.example.it' });
    const result = await createAdmin(t.db, cli(), { email: existing.email, name: 'ignored' });
    expect(result).toMatchObject({ created: false, userId: existing.id });
    expect(await rolesOf(t.db, existing.id)).toEqual(['admin', 'resident', 'staff']);
    expect((await findUserByEmail(t.db, existing.email))!.name).toBe(existing.name);
    await expect(signIn(t.db, testContext(), { email: existing.email, password: existing.password }, null)).resolves.toBeTruthy();
  });
});
