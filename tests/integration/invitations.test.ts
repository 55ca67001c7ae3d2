import { describe, expect, it } from 'vitest';
import { invitations, users } from '../../db/schema/index.ts';
import { findUserByEmail, rolesOf } from '../../src/domain/accounts/accounts.repo.server.ts';
import { acceptInvitation, findOpenInvitation, inviteUser, revokeInvitation } from '../../src/domain/accounts/invitations.server.ts';
import { INVITATION_TTL_MS } from '../../src/domain/accounts/links.ts';
import type { InviteInput } from '../../src/domain/accounts/schema.ts';
import { validateSessionToken } from '../../src/domain/accounts/session.server.ts';
import { createUser, type TestUser } from '../factories/index.ts';
import { testContext } from '../support/context.ts';
import { useTestDb } from '../support/db.ts';
import { at, auditTrail, domainError, outbox, rowCount, T0, tokenFrom } from './helpers.ts';

const t = useTestDb();
const PASSWORD = 'valuto con cura le idee';

const invitee = (overrides: Partial<InviteInput> = {}): InviteInput => ({
  email: 'rosaria.ferlito@unict.example.it',
  name: 'Rosaria Ferlito',
  locale: 'en',
  roles: ['evaluator'],
  ...overrides,
});
async function invite(by: TestUser, input = invitee(), requestId = 'req-invite') {
  const id = await inviteUser(t.db, testContext({ actor: by.actor, now: () => T0, requestId }), input);
  const mail = (await outbox(t.db)).at(-1)!;
  return { id, mail, token: tokenFrom(mail.textBody, '/invitation') };
}
const accept = (token: string, extra: { name?: string; password?: string } = { name: 'Rosaria Ferlito', password: PASSWORD }, actor: TestUser | null = null, when = at(60_000)) =>
  acceptInvitation(t.db, testContext({ actor: actor?.actor ?? null, now: () => when, requestId: 'req-accept' }), { token, ...extra }, 'Firefox');

describe('inviting', () => {
  it('staff invite an evaluator, who gets an email in their language', async () => {
    const staff = await createUser(t.db, 'staff', { name: 'Marco Leonardi' });
    const { id, mail } = await invite(staff);
    expect(mail).toMatchObject({ toAddress: 'rosaria.ferlito@unict.example.it', template: 'invitation', locale: 'en', toUserId: null });
    expect(mail.textBody).toContain('Marco Leonardi');
    expect(mail.textBody).toContain('http://vivaio.test/en/invitation?token=');
    expect(await auditTrail(t.db)).toEqual([
      expect.objectContaining({ action: 'invitation.created', entityId: id, actorId: staff.id, requestId: 'req-invite' }),
    ]);
  });

  it('a resident cannot invite anyone', async () => {
    const resident = await createUser(t.db, 'resident');
    const error = await domainError(inviteUser(t.db, testContext({ actor: resident.actor }), invitee()));
    expect(error).toMatchObject({ kind: 'forbidden', code: 'missing_role' });
    expect(await rowCount(t.db, invitations)).toBe(0);
    expect(await outbox(t.db)).toEqual([]);
  });

  it('only an administrator may invite an administrator', async () => {
    const staff = await createUser(t.db, 'staff');
    const admin = await createUser(t.db, 'admin');
    const error = await domainError(inviteUser(t.db, testContext({ actor: staff.actor }), invitee({ roles: ['staff', 'admin'] })));
    expect(error).toMatchObject({ kind: 'forbidden', code: 'missing_role' });
    await expect(inviteUser(t.db, testContext({ actor: admin.actor }), invitee({ roles: ['staff', 'admin'] }))).resolves.toBeTypeOf('string');
  });

  it('refuses a second pending invitation for the same address', async () => {
    const staff = await createUser(t.db, 'staff');
    await invite(staff);
    const error = await domainError(inviteUser(t.db, testContext({ actor: staff.actor, now: () => T0 }), invitee({ roles: ['coach'] })));
    expect(error).toMatchObject({ kind: 'conflict', code: 'invitation_pending' });
  });
});

describe('accepting', () => {
  it('creates a verified account with the invited roles and signs it in', async () => {
    const staff = await createUser(t.db, 'staff');
    const { id, token } = await invite(staff, invitee({ roles: ['evaluator', 'coach'] }));
    const result = await accept(token);

    const user = await findUserByEmail(t.db, 'rosaria.ferlito@unict.example.it');
    expect(user).toMatchObject({ id: result.userId, name: 'Rosaria Ferlito', emailVerifiedAt: at(60_000) });
    expect(await rolesOf(t.db, result.userId)).toEqual(['coach', 'evaluator']);
    const session = await validateSessionToken(t.db, result.session!.token, at(120_000));
    expect(session!.user).toMatchObject({ id: result.userId, roles: ['coach', 'evaluator'], emailVerified: true });
    expect((await auditTrail(t.db)).map((r) => [r.action, r.entityId === id ? 'invitation' : r.entityId, r.requestId])).toEqual([
      ['invitation.created', 'invitation', 'req-invite'],
      ['user.registered', result.userId, 'req-accept'],
      ['invitation.accepted', 'invitation', 'req-accept'],
      ['session.created', result.session!.id, 'req-accept'],
    ]);
  });

  it('works once only', async () => {
    const staff = await createUser(t.db, 'staff');
    const { token } = await invite(staff);
    await accept(token);
    expect(await domainError(accept(token, { name: 'Altro', password: 'un’altra password lunga' }))).toMatchObject({ code: 'invitation_invalid' });
    expect(await rowCount(t.db, users)).toBe(2);
    expect(await findOpenInvitation(t.db, testContext({ now: () => T0 }), token)).toBeNull();
  });

  it('expires after 14 days, and a revoked invitation cannot be used', async () => {
    const staff = await createUser(t.db, 'staff');
    const { token } = await invite(staff);
    expect((await domainError(accept(token, undefined, null, at(INVITATION_TTL_MS)))).code).toBe('invitation_invalid');

    const second = await invite(staff, invitee({ email: 'alfio.caruso@esempio.it' }));
    await revokeInvitation(t.db, testContext({ actor: staff.actor, now: () => T0, requestId: 'req-revoke' }), second.id);
    expect((await domainError(accept(second.token))).code).toBe('invitation_invalid');
    expect((await auditTrail(t.db)).at(-1)).toMatchObject({ action: 'invitation.revoked', entityId: second.id, requestId: 'req-revoke' });
  });

  it('someone who already has an account must be signed in as that account, then gains the roles', async () => {
    const staff = await createUser(t.db, 'staff');
    const existing = await createUser(t.db, 'resident', { email: 'rosaria.ferlito@unict.example.it' });
    const intruder = await createUser(t.db, 'resident');
    const { token } = await invite(staff);

    expect((await domainError(accept(token))).code).toBe('not_signed_in');
    expect((await domainError(accept(token, {}, intruder))).code).toBe('not_signed_in');
    expect(await rolesOf(t.db, existing.id)).toEqual(['resident']);

    const result = await accept(token, {}, existing);
    expect(result).toEqual({ userId: existing.id, session: null });
    expect(await rolesOf(t.db, existing.id)).toEqual(['evaluator', 'resident']);
    expect(await rowCount(t.db, users)).toBe(3);
  });

  it('a tampered link finds nothing', async () => {
    const staff = await createUser(t.db, 'staff');
    const { token } = await invite(staff);
    const tampered = token.replace(/.$/, (c) => (c === 'a' ? 'b' : 'a'));
    expect(await findOpenInvitation(t.db, testContext({ now: () => T0 }), tampered)).toBeNull();
    expect((await domainError(accept(tampered))).code).toBe('invitation_invalid');
  });
});
