import { describe, expect, it } from 'vitest';
import { findUserById } from '../../src/domain/accounts/accounts.repo.server.ts';
import { updateProfile } from '../../src/domain/accounts/update-profile.server.ts';
import { createUser } from '../factories/index.ts';
import { testContext } from '../support/context.ts';
import { useTestDb } from '../support/db.ts';
import { auditTrail, domainError, T0 } from './helpers.ts';

const t = useTestDb();

describe('updateProfile', () => {
  it('changes the signed-in user’s name and language, and records which fields changed', async () => {
    const user = await createUser(t.db, { name: 'Davide Costa', locale: 'it' });
    await updateProfile(t.db, testContext({ actor: user.actor, now: () => T0, requestId: 'req-profile' }), { name: 'Davide Costa', locale: 'en' });
    expect(await findUserById(t.db, user.id)).toMatchObject({ name: 'Davide Costa', locale: 'en', updatedAt: T0 });
    expect(await auditTrail(t.db)).toEqual([
      expect.objectContaining({ action: 'user.profile_updated', entityId: user.id, actorId: user.id, requestId: 'req-profile', summary: { changed: ['locale'] } }),
    ]);
  });

  it('writes nothing when nothing changed', async () => {
    const user = await createUser(t.db, { name: 'Davide Costa', locale: 'it' });
    await updateProfile(t.db, testContext({ actor: user.actor }), { name: 'Davide Costa', locale: 'it' });
    expect(await auditTrail(t.db)).toEqual([]);
  });

  it('needs a signed-in user', async () => {
    expect(await domainError(updateProfile(t.db, testContext(), { name: 'X', locale: 'it' }))).toMatchObject({ code: 'not_signed_in' });
  });
});
