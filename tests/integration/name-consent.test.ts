import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { proposalSubmissions, proposals } from '../../db/schema/index.ts';
import { setNameConsent } from '../../src/domain/proposals/set-name-consent.server.ts';
import { submitProposal } from '../../src/domain/proposals/submit-proposal.server.ts';
import { createCall, createNeighbourhood, createProposal, createUser, type TestUser } from '../factories/index.ts';
import { attachFile } from '../factories/proposal-files.ts';
import type { ProposalOptions } from '../factories/proposals.ts';
import { testContext } from '../support/context.ts';
import { useTestDb } from '../support/db.ts';
import { auditTrail, domainError } from './helpers.ts';

/**
 * Issue 4: consent to show the proposer's name in published rankings — asked with the
 * declarations of individuals and informal groups, kept on the proposal and in the sent
 * snapshot, withdrawn (or given) later from the proposal's page. The pages that read it:
 * ranking-pages.test.ts.
 */
const t = useTestDb();
const ctx = (user: TestUser) => testContext({ actor: user.actor });

/** A proposal ready to send on an open call (the same as proposals.test.ts builds). */
async function ready(options: Partial<ProposalOptions> = {}) {
  const owner = await createUser(t.db, 'resident');
  const neighbourhood = await createNeighbourhood(t.db);
  const call = await createCall(t.db, 'open', { neighbourhoodIds: [neighbourhood.id] });
  const proposal = await createProposal(t.db, { callId: call.id, proposerId: owner.id, neighbourhoodId: neighbourhood.id, ...options });
  await attachFile(t.db, { proposalId: proposal.id, purpose: 'budget' });
  await attachFile(t.db, { proposalId: proposal.id, purpose: 'id_document' });
  return { owner, proposal };
}

const row = async (id: string) => (await t.db.select().from(proposals).where(eq(proposals.id, id)))[0]!;
const snapshotOf = async (id: string) => (await t.db.select().from(proposalSubmissions).where(eq(proposalSubmissions.proposalId, id)))[0]!.snapshot as { declarations: Record<string, boolean> };

describe('consent to be named, when sending', () => {
  it('is stored on the proposal and in the sent snapshot, and audited', async () => {
    const { owner, proposal } = await ready();
    await submitProposal(t.db, ctx(owner), { proposalId: proposal.id, declarations: { truthfulness: true, privacy: true, publicName: true } });
    expect((await row(proposal.id)).publicNameConsent).toBe(true);
    expect((await snapshotOf(proposal.id)).declarations).toEqual({ truthfulness: true, privacy: true, publicName: true });
    expect((await auditTrail(t.db)).find((a) => a.action === 'proposal.submitted')?.summary).toMatchObject({ publicNameConsent: true });
  });

  it('is optional: left unticked, nobody is named', async () => {
    const { owner, proposal } = await ready({ applicantType: 'individual', team: [] });
    await submitProposal(t.db, ctx(owner), { proposalId: proposal.id, declarations: { truthfulness: true, privacy: true } });
    expect((await row(proposal.id)).publicNameConsent).toBe(false);
    expect((await snapshotOf(proposal.id)).declarations.publicName).toBe(false);
  });

  it('is not asked of an organisation, whose name is public by law: a ticked box posted anyway is not stored', async () => {
    const { owner, proposal } = await ready({ applicantType: 'association', organisationName: 'APS Il Cortile' });
    await submitProposal(t.db, ctx(owner), { proposalId: proposal.id, declarations: { truthfulness: true, privacy: true, publicName: true } });
    expect((await row(proposal.id)).publicNameConsent).toBe(false);
  });
});

describe('consent to be named, after sending', () => {
  it('is withdrawn and given again by the proposer, each change audited, a repeated click changing nothing', async () => {
    const { owner, proposal } = await ready();
    await submitProposal(t.db, ctx(owner), { proposalId: proposal.id, declarations: { truthfulness: true, privacy: true, publicName: true } });
    expect(await setNameConsent(t.db, ctx(owner), { proposalId: proposal.id, consent: false })).toEqual({ consent: false, changed: true });
    expect((await row(proposal.id)).publicNameConsent).toBe(false);
    expect(await setNameConsent(t.db, ctx(owner), { proposalId: proposal.id, consent: false })).toEqual({ consent: false, changed: false });
    await setNameConsent(t.db, ctx(owner), { proposalId: proposal.id, consent: true });
    const changes = (await auditTrail(t.db)).filter((a) => a.action.startsWith('proposal.name_consent'));
    expect(changes.map((a) => [a.action, a.summary])).toEqual([
      ['proposal.name_consent_withdrawn', { from: true, to: false }],
      ['proposal.name_consent_given', { from: false, to: true }],
    ]);
    // The sent snapshot keeps what was declared when sending.
    expect((await snapshotOf(proposal.id)).declarations.publicName).toBe(true);
  });

  it('belongs to the proposer alone, for a sent proposal of a person or group', async () => {
    const { owner, proposal } = await ready();
    expect(await domainError(setNameConsent(t.db, ctx(owner), { proposalId: proposal.id, consent: true }))).toMatchObject({ code: 'name_consent_at_submission' });
    await submitProposal(t.db, ctx(owner), { proposalId: proposal.id, declarations: { truthfulness: true, privacy: true } });
    const stranger = await createUser(t.db, 'resident');
    expect(await domainError(setNameConsent(t.db, ctx(stranger), { proposalId: proposal.id, consent: true }))).toMatchObject({ kind: 'not_found' });
    const staff = await createUser(t.db, 'staff');
    expect(await domainError(setNameConsent(t.db, ctx(staff), { proposalId: proposal.id, consent: true }))).toMatchObject({ kind: 'forbidden', code: 'not_owner' });

    const org = await ready({ applicantType: 'social_cooperative', organisationName: 'Coop Girasole' });
    await submitProposal(t.db, ctx(org.owner), { proposalId: org.proposal.id, declarations: { truthfulness: true, privacy: true } });
    expect(await domainError(setNameConsent(t.db, ctx(org.owner), { proposalId: org.proposal.id, consent: true }))).toMatchObject({ code: 'name_consent_not_asked' });
    expect((await row(proposal.id)).publicNameConsent).toBe(false);
  });
});
