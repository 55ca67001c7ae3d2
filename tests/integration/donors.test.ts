import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { donorUsers, donors, invitations, userRoles } from '../../db/schema/index.ts';
import { rolesOf } from '../../src/domain/accounts/accounts.repo.server.ts';
import { acceptInvitation } from '../../src/domain/accounts/invitations.server.ts';
import { createDonorRecord } from '../../src/domain/donors/create-donor.server.ts';
import { approveDonor, rejectDonor } from '../../src/domain/donors/decide-donor.server.ts';
import type { JoinInput } from '../../src/domain/donors/donor.schema.ts';
import { getDonorArea } from '../../src/domain/donors/donor-area.server.ts';
import { claimInvitedDonors, linkDonorAccount } from '../../src/domain/donors/link-donor-account.server.ts';
import { setWallConsent } from '../../src/domain/donors/set-wall-consent.server.ts';
import { joinStatus, signUpDonor } from '../../src/domain/donors/sign-up-donor.server.ts';
import { listDonors } from '../../src/domain/donors/staff-donors.server.ts';
import { createDonor, createUser } from '../factories/index.ts';
import { actor, testContext } from '../support/context.ts';
import { useTestDb } from '../support/db.ts';
import { auditTrail, domainError, outbox, rowCount, tokenFrom } from './helpers.ts';

const t = useTestDb();

const join = (over: Partial<JoinInput> = {}): JoinInput => ({
  kind: 'organisation',
  name: 'Fondazione del Borgo',
  email: 'info@fondazioneborgo.it',
  taxCode: '97102345671',
  publicConsent: true,
  declaration: 'on',
  ...over,
});

async function staff() {
  const user = await createUser(t.db, 'staff');
  return { user, ctx: testContext({ actor: user.actor }) };
}

describe('sign-up', () => {
  it('a signed-in person with a confirmed address asks once: a pending donor linked to the account, audited', async () => {
    const person = await createUser(t.db, 'resident');
    const ctx = testContext({ actor: person.actor });
    const donor = await signUpDonor(t.db, ctx, join());
    expect(donor).toMatchObject({ status: 'pending', kind: 'organisation', name: 'Fondazione del Borgo', taxCode: '97102345671', publicConsent: true, createdBy: person.id });
    expect(donor.publicConsentAt).toBeInstanceOf(Date);
    expect(await t.db.select().from(donorUsers)).toEqual([{ donorId: donor.id, userId: person.id }]);
    expect((await auditTrail(t.db)).map((a) => [a.action, a.entityId, a.actorId])).toEqual([['donor.signed-up', donor.id, person.id]]);
    // Waiting: no role yet, and no way into the donor area.
    expect(await rolesOf(t.db, person.id)).toEqual(['resident']);
    expect(await joinStatus(t.db, ctx)).toMatchObject({ pending: { id: donor.id }, approved: null, rejected: null });

    expect(await domainError(signUpDonor(t.db, ctx, join({ name: 'Altro', email: 'altro@esempio.it' })))).toMatchObject({ kind: 'conflict', code: 'donor_request_pending' });
    expect(await rowCount(t.db, donors)).toBe(1);
  });

  it('refuses anonymous visitors, unconfirmed addresses, and a contact address already recorded', async () => {
    expect(await domainError(signUpDonor(t.db, testContext(), join()))).toMatchObject({ kind: 'forbidden', code: 'not_signed_in' });
    const unverified = await createUser(t.db, 'unverified');
    expect(await domainError(signUpDonor(t.db, testContext({ actor: unverified.actor }), join()))).toMatchObject({ kind: 'forbidden', code: 'not_verified' });
    await createDonor(t.db, { email: 'info@fondazioneborgo.it' });
    const other = await createUser(t.db, 'resident');
    expect(await domainError(signUpDonor(t.db, testContext({ actor: other.actor }), join()))).toMatchObject({ code: 'donor_exists', details: { field: 'email' } });
    expect(await rowCount(t.db, donors)).toBe(1);
  });
});

describe('staff decisions', () => {
  it('approval grants the donor role, welcomes each linked account in its language, and is audited', async () => {
    const person = await createUser(t.db, 'resident', 'english');
    const donor = await signUpDonor(t.db, testContext({ actor: person.actor }), join());
    const { user: office, ctx } = await staff();
    const approved = await approveDonor(t.db, ctx, donor.id);
    expect(approved).toMatchObject({ status: 'approved', decidedBy: office.id, decisionReason: null });
    expect(await rolesOf(t.db, person.id)).toEqual(['donor', 'resident']);
    const [grant] = await t.db.select().from(userRoles).where(eq(userRoles.role, 'donor'));
    expect(grant?.grantedBy).toBe(office.id);

    const [mail] = await outbox(t.db);
    expect(mail).toMatchObject({ toAddress: person.email, toUserId: person.id, locale: 'en', template: 'donorApproved' });
    expect(mail!.textBody).toContain('“Fondazione del Borgo”');
    expect(mail!.textBody).toContain('http://vivaio.test/en/donor');
    const trail = await auditTrail(t.db);
    expect(trail.at(-1)).toMatchObject({ action: 'donor.approved', entityId: donor.id, actorId: office.id, summary: { accounts: [person.id] } });

    // Decided once: a second decision (two staff at once) is refused and changes nothing.
    expect(await domainError(rejectDonor(t.db, ctx, { donorId: donor.id, reason: 'tardi' }))).toMatchObject({ kind: 'conflict', code: 'donor_already_decided' });
    expect(await domainError(approveDonor(t.db, ctx, donor.id))).toMatchObject({ code: 'donor_already_decided' });
    expect(await outbox(t.db)).toHaveLength(1);
  });

  it('two staff approving at once give one decision and one email', async () => {
    const person = await createUser(t.db, 'resident');
    const donor = await signUpDonor(t.db, testContext({ actor: person.actor }), join());
    const [a, b] = [(await staff()).ctx, (await staff()).ctx];
    const results = await Promise.allSettled([approveDonor(t.db, a, donor.id), approveDonor(t.db, b, donor.id)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await outbox(t.db)).toHaveLength(1);
    expect((await auditTrail(t.db)).filter((e) => e.action === 'donor.approved')).toHaveLength(1);
  });

  it('rejection keeps the reason for the applicant, grants nothing, and lets them ask again', async () => {
    const person = await createUser(t.db, 'resident');
    const ctxPerson = testContext({ actor: person.actor });
    const donor = await signUpDonor(t.db, ctxPerson, join());
    const { ctx } = await staff();
    const rejected = await rejectDonor(t.db, ctx, { donorId: donor.id, reason: 'Manca lo statuto della fondazione.' });
    expect(rejected).toMatchObject({ status: 'rejected', decisionReason: 'Manca lo statuto della fondazione.' });
    expect(await rolesOf(t.db, person.id)).toEqual(['resident']);
    // The applicant is told why, by email, in their language.
    expect(await outbox(t.db)).toEqual([expect.objectContaining({ toAddress: person.email, template: 'donorRejected' })]);
    expect((await auditTrail(t.db)).at(-1)).toMatchObject({ action: 'donor.rejected', summary: { reason: 'Manca lo statuto della fondazione.' } });
    expect(await joinStatus(t.db, ctxPerson)).toMatchObject({ rejected: { decisionReason: 'Manca lo statuto della fondazione.' }, pending: null });
    // A rejected record does not hold the address: a corrected request may follow.
    const again = await signUpDonor(t.db, ctxPerson, join());
    expect(again.status).toBe('pending');
  });

  it('only staff decide and list', async () => {
    const person = await createUser(t.db, 'resident');
    const donor = await signUpDonor(t.db, testContext({ actor: person.actor }), join());
    const asPerson = testContext({ actor: person.actor });
    expect(await domainError(approveDonor(t.db, asPerson, donor.id))).toMatchObject({ kind: 'forbidden', code: 'missing_role' });
    expect(await domainError(rejectDonor(t.db, asPerson, { donorId: donor.id, reason: 'x' }))).toMatchObject({ kind: 'forbidden' });
    expect(await domainError(listDonors(t.db, asPerson, { status: null, q: null, page: 1 }))).toMatchObject({ kind: 'forbidden' });
    expect(await domainError(approveDonor(t.db, (await staff()).ctx, 'not-a-uuid'))).toMatchObject({ kind: 'not_found', code: 'donor_not_found' });
  });

  it('the list filters by status and searches name or email, waiting sign-ups first, with counts', async () => {
    await createDonor(t.db, { name: 'Fondazione Alfa', email: 'alfa@esempio.it' });
    await createDonor(t.db, { name: 'Beta srl', email: 'beta@esempio.it', status: 'rejected' });
    const person = await createUser(t.db, 'resident');
    await signUpDonor(t.db, testContext({ actor: person.actor }), join({ name: 'Gamma APS', email: 'gamma@esempio.it' }));
    const { ctx } = await staff();
    const all = await listDonors(t.db, ctx, { status: null, q: null, page: 1 });
    expect(all.rows.map((r) => r.name)[0]).toBe('Gamma APS');
    expect(all.counts).toEqual({ pending: 1, approved: 1, rejected: 1 });
    expect(all.rows.find((r) => r.name === 'Gamma APS')).toMatchObject({ accounts: 1, committedCents: 0 });
    expect((await listDonors(t.db, ctx, { status: 'approved', q: null, page: 1 })).rows.map((r) => r.name)).toEqual(['Fondazione Alfa']);
    expect((await listDonors(t.db, ctx, { status: null, q: 'BETA@', page: 1 })).rows.map((r) => r.name)).toEqual(['Beta srl']);
  });
});

describe('donors recorded by staff', () => {
  it('links an existing account at once: donor role, welcome email, audit', async () => {
    const person = await createUser(t.db, 'resident', { email: 'referente@fondazione.it' });
    const { ctx } = await staff();
    const { donor, outcome } = await createDonorRecord(t.db, ctx, { kind: 'organisation', name: 'Fondazione Mare', email: 'referente@fondazione.it', taxCode: null, publicConsent: false, locale: 'it' });
    expect(outcome).toBe('linked');
    expect(donor.status).toBe('approved');
    expect(await rolesOf(t.db, person.id)).toEqual(['donor', 'resident']);
    expect((await outbox(t.db)).map((m) => m.template)).toEqual(['donorApproved']);
    expect((await auditTrail(t.db)).map((a) => a.action)).toEqual(['donor.account-linked', 'donor.created']);
  });

  it('invites a new address with the donor role; accepting the invitation and entering the area links the account', async () => {
    const { ctx } = await staff();
    const { donor, outcome } = await createDonorRecord(t.db, ctx, { kind: 'person', name: 'Piero Gallo', email: 'piero.gallo@esempio.it', taxCode: null, publicConsent: true, locale: 'it' });
    expect(outcome).toBe('invited');
    const [invitation] = await t.db.select().from(invitations);
    expect(invitation).toMatchObject({ email: 'piero.gallo@esempio.it', roles: ['donor'] });
    const [mail] = await outbox(t.db);
    expect(mail!.template).toBe('invitation');

    // A second record for the same address is refused.
    expect(await domainError(createDonorRecord(t.db, ctx, { kind: 'person', name: 'Piero Gallo', email: 'piero.gallo@esempio.it', taxCode: null, publicConsent: false, locale: 'it' }))).toMatchObject({ code: 'donor_exists' });

    const token = tokenFrom(mail!.textBody, '/invitation');
    const accepted = await acceptInvitation(t.db, testContext(), { token, name: 'Piero Gallo', password: 'orto-di-quartiere-2026' }, null);
    const newcomer = testContext({ actor: actor(accepted.userId, ['donor']) });
    const area = await getDonorArea(t.db, newcomer);
    expect(area?.donor.id).toBe(donor.id);
    expect(await t.db.select().from(donorUsers)).toEqual([{ donorId: donor.id, userId: accepted.userId }]);
    expect((await auditTrail(t.db)).filter((a) => a.action === 'donor.account-linked')).toMatchObject([{ entityId: donor.id, summary: { via: 'invitation' } }]);
    // Idempotent: nothing more to link.
    expect(await claimInvitedDonors(t.db, newcomer)).toEqual([]);
  });

  it('invites rather than links an existing account whose address is unconfirmed (it may not be the donor’s)', async () => {
    const squatter = await createUser(t.db, 'unverified', { email: 'cassa@fondazione.it' });
    const { ctx } = await staff();
    const { outcome } = await createDonorRecord(t.db, ctx, { kind: 'organisation', name: 'Fondazione Cassa', email: 'cassa@fondazione.it', taxCode: null, publicConsent: false, locale: 'it' });
    expect(outcome).toBe('invited');
    expect(await rowCount(t.db, donorUsers)).toBe(0);
    expect(await rolesOf(t.db, squatter.id)).toEqual(['resident']);
    expect((await outbox(t.db)).map((m) => m.template)).toEqual(['invitation']);
    const donor = await createDonor(t.db, { email: 'altro@fondazione.it' });
    expect(await domainError(linkDonorAccount(t.db, ctx, { donorId: donor.id, email: 'cassa@fondazione.it' }))).toMatchObject({ code: 'account_not_verified' });
  });

  it('never links an account that is unconfirmed, lacks the donor role, or when the donor already has one', async () => {
    const { ctx } = await staff();
    await createDonorRecord(t.db, ctx, { kind: 'person', name: 'Ada', email: 'ada@esempio.it', taxCode: null, publicConsent: false, locale: 'it' });
    const resident = await createUser(t.db, 'resident', { email: 'ada@esempio.it' });
    expect(await claimInvitedDonors(t.db, testContext({ actor: resident.actor }))).toEqual([]);
    expect(await claimInvitedDonors(t.db, testContext({ actor: actor(resident.id, ['donor'], false) }))).toEqual([]);
    expect(await rowCount(t.db, donorUsers)).toBe(0);
    // A donor someone already acts for is not claimed by address.
    const colleague = await createUser(t.db, 'resident');
    await createDonor(t.db, { email: 'bea@esempio.it', userIds: [colleague.id] });
    const bea = await createUser(t.db, 'donor', { email: 'bea@esempio.it' });
    expect(await claimInvitedDonors(t.db, testContext({ actor: bea.actor }))).toEqual([]);
    expect(await rowCount(t.db, donorUsers)).toBe(1);
  });

  it('waits for an invitation with the donor role already pending; refuses one without it', async () => {
    const { ctx } = await staff();
    await t.db.insert(invitations).values({ id: 'inv0', email: 'ente@esempio.it', name: 'Ente', roles: ['donor'], secretHash: 'x', expiresAt: new Date(Date.now() + 86_400_000) });
    const waiting = await createDonorRecord(t.db, ctx, { kind: 'organisation', name: 'Ente', email: 'ente@esempio.it', taxCode: null, publicConsent: false, locale: 'it' });
    expect(waiting.outcome).toBe('awaiting');
    expect(await rowCount(t.db, invitations)).toBe(1);
    expect(await outbox(t.db)).toHaveLength(0);

    await t.db.insert(invitations).values({ id: 'inv1', email: 'coach@esempio.it', name: 'Coach', roles: ['coach'], secretHash: 'x', expiresAt: new Date(Date.now() + 86_400_000) });
    const error = await domainError(createDonorRecord(t.db, ctx, { kind: 'person', name: 'Coach', email: 'coach@esempio.it', taxCode: null, publicConsent: false, locale: 'it' }));
    expect(error).toMatchObject({ code: 'invitation_pending_other_roles', details: { field: 'email' } });
    expect(await rowCount(t.db, donors)).toBe(1);
  });

  it('staff link a further account by email; unknown addresses and double links are refused', async () => {
    const { ctx } = await staff();
    const donor = await createDonor(t.db, { name: 'Fondazione Lago' });
    const colleague = await createUser(t.db, 'resident', { email: 'tesoriere@lago.it' });
    await linkDonorAccount(t.db, ctx, { donorId: donor.id, email: 'tesoriere@lago.it' });
    expect(await rolesOf(t.db, colleague.id)).toEqual(['donor', 'resident']);
    expect((await outbox(t.db)).map((m) => m.toAddress)).toEqual(['tesoriere@lago.it']);
    expect(await domainError(linkDonorAccount(t.db, ctx, { donorId: donor.id, email: 'tesoriere@lago.it' }))).toMatchObject({ code: 'account_already_linked' });
    expect(await domainError(linkDonorAccount(t.db, ctx, { donorId: donor.id, email: 'nessuno@lago.it' }))).toMatchObject({ code: 'no_account_for_email', details: { email: 'nessuno@lago.it' } });
  });
});

describe('consent to the donor wall', () => {
  it('the donor gives and withdraws it, audited; another donor cannot', async () => {
    const member = await createUser(t.db, 'donor');
    const donor = await createDonor(t.db, { userIds: [member.id] });
    const ctx = testContext({ actor: member.actor });
    const on = await setWallConsent(t.db, ctx, { donorId: donor.id, consent: true });
    expect(on.publicConsent).toBe(true);
    expect(on.publicConsentAt).toBeInstanceOf(Date);
    const off = await setWallConsent(t.db, ctx, { donorId: donor.id, consent: false });
    expect(off).toMatchObject({ publicConsent: false, publicConsentAt: null });
    expect((await auditTrail(t.db)).map((a) => a.action)).toEqual(['donor.wall-consent-given', 'donor.wall-consent-withdrawn']);

    const stranger = await createUser(t.db, 'donor');
    await createDonor(t.db, { userIds: [stranger.id] });
    expect(await domainError(setWallConsent(t.db, testContext({ actor: stranger.actor }), { donorId: donor.id, consent: true }))).toMatchObject({ kind: 'forbidden', code: 'not_donor' });
  });
});
