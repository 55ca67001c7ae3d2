import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { auditEvents, calls, files, proposalEvents, proposalSubmissions, proposals } from '../../db/schema/index.ts';
import { removeProposalFile, uploadProposalFile } from '../../src/domain/proposals/proposal-files.server.ts';
import { createLocalStorage } from '../../src/lib/server/storage/local.ts';
import { samples } from '../support/file-samples.ts';
import { contentSha256, type SubmittedContent } from '../../src/domain/proposals/content-hash.ts';
import { reopenProposal } from '../../src/domain/proposals/reopen-proposal.server.ts';
import { saveDraft } from '../../src/domain/proposals/save-draft.server.ts';
import { startProposal } from '../../src/domain/proposals/start-proposal.server.ts';
import { submitProposal } from '../../src/domain/proposals/submit-proposal.server.ts';
import { withdrawProposal } from '../../src/domain/proposals/withdraw-proposal.server.ts';
import { getProposalDetail, listMyProposals } from '../../src/domain/proposals/proposals.repo.server.ts';
import { renderEmail } from '../../src/domain/mail/templates.ts';
import { createCall, createNeighbourhood, createProposal, createUser, type CallRow, type TestUser } from '../factories/index.ts';
import { attachFile } from '../factories/proposal-files.ts';
import { testContext } from '../support/context.ts';
import { useTestDb } from '../support/db.ts';
import { DAY, domainError, outbox, rowCount } from './helpers.ts';

const t = useTestDb();
const root = mkdtempSync(path.join(tmpdir(), 'vivaio-proposals-'));
const storage = createLocalStorage(path.join(root, 'uploads'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const pdf = (name = 'piano costi.pdf') => new File([samples.pdf as Uint8Array<ArrayBuffer>], name, { type: 'application/pdf' });
const ctx = (user: TestUser | null, now?: Date) => testContext({ actor: user?.actor ?? null, ...(now ? { now: () => now } : {}) });
const accepted = { truthfulness: true, privacy: true };

async function proposalRow(id: string) {
  const [row] = await t.db.select().from(proposals).where(eq(proposals.id, id));
  return row!;
}
async function callRow(id: string) {
  const [row] = await t.db.select().from(calls).where(eq(calls.id, id));
  return row!;
}

/** An open call with a neighbourhood, and a proposal on it that is ready to submit. */
async function ready(options: { call?: CallRow; owner?: TestUser } = {}) {
  const owner = options.owner ?? (await createUser(t.db, 'resident'));
  const call = options.call ?? (await openCall());
  const [link] = await t.db.execute(sql`select neighbourhood_id from call_neighbourhoods where call_id = ${call.id} limit 1`).then((r) => (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows) as { neighbourhood_id: string }[]);
  const proposal = await createProposal(t.db, { callId: call.id, proposerId: owner.id, neighbourhoodId: link?.neighbourhood_id ?? null });
  await attachFile(t.db, { proposalId: proposal.id, purpose: 'budget' });
  await attachFile(t.db, { proposalId: proposal.id, purpose: 'id_document' });
  return { owner, call, proposal };
}

async function openCall(options: Parameters<typeof createCall>[1] = {}) {
  const neighbourhood = await createNeighbourhood(t.db);
  return createCall(t.db, 'open', { neighbourhoodIds: [neighbourhood.id], ...(typeof options === 'object' ? options : {}) });
}

describe('startProposal', () => {
  it('creates one draft per person and call, and returns it again on a second start', async () => {
    const user = await createUser(t.db, 'resident');
    const call = await openCall();
    const first = await startProposal(t.db, ctx(user), { callId: call.id });
    expect(first.created).toBe(true);
    const again = await startProposal(t.db, ctx(user), { callId: call.id });
    expect(again).toEqual({ proposalId: first.proposalId, created: false });
    expect(await proposalRow(first.proposalId)).toMatchObject({ status: 'draft', proposerId: user.id, callId: call.id, version: 1 });
    expect(await rowCount(t.db, proposals)).toBe(1);
    const events = await t.db.select().from(proposalEvents);
    expect(events).toMatchObject([{ fromStatus: null, toStatus: 'draft', actorId: user.id }]);
    expect(await rowCount(t.db, auditEvents, eq(auditEvents.action, 'proposal.started'))).toBe(1);
  });

  it('gives two simultaneous starts (a double click) the same draft', async () => {
    const user = await createUser(t.db, 'resident');
    const call = await openCall();
    const results = await Promise.all([1, 2, 3].map(() => startProposal(t.db, ctx(user), { callId: call.id })));
    expect(new Set(results.map((r) => r.proposalId)).size).toBe(1);
    expect(await rowCount(t.db, proposals)).toBe(1);
  });

  it('refuses a call that is not open, with a reason the person can act on', async () => {
    const user = await createUser(t.db, 'resident');
    const upcoming = await createCall(t.db, 'upcoming');
    const closed = await createCall(t.db, 'closed');
    const draft = await createCall(t.db, 'draft');
    expect(await domainError(startProposal(t.db, ctx(user), { callId: upcoming.id }))).toMatchObject({ kind: 'invalid', code: 'call_not_open_yet' });
    expect(await domainError(startProposal(t.db, ctx(user), { callId: closed.id }))).toMatchObject({ kind: 'invalid', code: 'call_closed' });
    // Unpublished calls do not exist for residents.
    expect(await domainError(startProposal(t.db, ctx(user), { callId: draft.id }))).toMatchObject({ kind: 'not_found', code: 'call_not_found' });
    expect(await domainError(startProposal(t.db, ctx(user), { callId: 'nope' }))).toMatchObject({ kind: 'not_found' });
    expect(await rowCount(t.db, proposals)).toBe(0);
  });

  it('needs a signed-in resident with a confirmed email address', async () => {
    const call = await openCall();
    const unverified = await createUser(t.db, 'unverified');
    const staff = await createUser(t.db, 'staff');
    expect(await domainError(startProposal(t.db, ctx(unverified), { callId: call.id }))).toMatchObject({ kind: 'forbidden', code: 'not_verified' });
    expect(await domainError(startProposal(t.db, ctx(staff), { callId: call.id }))).toMatchObject({ kind: 'forbidden', code: 'missing_role' });
    expect(await domainError(startProposal(t.db, ctx(null), { callId: call.id }))).toMatchObject({ kind: 'forbidden', code: 'not_signed_in' });
    expect(await rowCount(t.db, proposals)).toBe(0);
  });

  it('lets someone who withdrew start afresh', async () => {
    const { owner, call, proposal } = await ready();
    await withdrawProposal(t.db, ctx(owner), { proposalId: proposal.id });
    const next = await startProposal(t.db, ctx(owner), { callId: call.id });
    expect(next.created).toBe(true);
    expect(next.proposalId).not.toBe(proposal.id);
  });
});

describe('saveDraft', () => {
  it('saves the form, bumps the version and flags wrong values while keeping the last good ones', async () => {
    const { owner, call, proposal } = await ready();
    const result = await saveDraft(t.db, ctx(owner), {
      proposalId: proposal.id,
      version: 1,
      form: { title: '  Orto di via Plebiscito ', requested: '2.000,50', answers: { need: 'Mancano spazi verdi curati.', users: ['molti'] } },
    });
    expect(result).toMatchObject({ version: 2, changed: true, errors: { 'answers.users': { key: 'validation.integer' } } });
    const row = await proposalRow(proposal.id);
    expect(row).toMatchObject({ title: 'Orto di via Plebiscito', requestedCents: 200_050, version: 2 });
    // The wrong number kept its last good value; the text was saved although still too short.
    expect(row.answers).toEqual({ need: 'Mancano spazi verdi curati.', users: 40 });
    expect(call.maxGrantCents).toBe(2_500_000);
  });

  it('refuses a stale autosave and changes nothing', async () => {
    const { owner, proposal } = await ready();
    await saveDraft(t.db, ctx(owner), { proposalId: proposal.id, version: 1, form: { title: 'Versione nuova, dal telefono' } });
    const before = await proposalRow(proposal.id);
    const error = await domainError(saveDraft(t.db, ctx(owner), { proposalId: proposal.id, version: 1, form: { title: 'Versione vecchia, dal computer' } }));
    expect(error).toMatchObject({ kind: 'conflict', code: 'stale_draft', details: { version: 2 } });
    expect(await proposalRow(proposal.id)).toEqual(before);
  });

  it('does not write when nothing changed', async () => {
    const { owner, proposal } = await ready();
    const result = await saveDraft(t.db, ctx(owner), { proposalId: proposal.id, version: 1, form: { title: proposal.title } });
    expect(result).toMatchObject({ version: 1, changed: false });
    expect(await rowCount(t.db, auditEvents, eq(auditEvents.action, 'proposal.draft_saved'))).toBe(0);
  });

  it('keeps an amount above the maximum grant in the draft, flagged with the limit', async () => {
    const { owner, proposal } = await ready();
    const result = await saveDraft(t.db, testContext({ actor: owner.actor, locale: 'en' }), { proposalId: proposal.id, version: 1, form: { requested: '30000' } });
    expect(result.errors.requested).toEqual({ key: 'proposals.errors.overMaxGrant', params: { max: '€25,000.00' } });
    expect((await proposalRow(proposal.id)).requestedCents).toBe(3_000_000);
  });

  it('accepts only the call’s neighbourhoods and applicant types', async () => {
    const { owner, proposal } = await ready();
    const elsewhere = await createNeighbourhood(t.db);
    const result = await saveDraft(t.db, ctx(owner), { proposalId: proposal.id, version: 1, form: { neighbourhoodId: elsewhere.id, applicantType: 'company' } });
    expect(result.errors).toEqual({ neighbourhoodId: { key: 'validation.choice' }, applicantType: { key: 'proposals.errors.applicantType' } });
    expect(await proposalRow(proposal.id)).toMatchObject({ neighbourhoodId: proposal.neighbourhoodId, applicantType: 'informal_group' });
  });

  it('is not found for someone else’s draft, and forbidden for staff; nothing changes', async () => {
    const { proposal } = await ready();
    const other = await createUser(t.db, 'resident');
    const staff = await createUser(t.db, 'staff');
    const before = await proposalRow(proposal.id);
    const form = { title: 'Rubato' };
    expect(await domainError(saveDraft(t.db, ctx(other), { proposalId: proposal.id, version: 1, form }))).toMatchObject({ kind: 'not_found', code: 'proposal_not_found' });
    expect(await domainError(saveDraft(t.db, ctx(staff), { proposalId: proposal.id, version: 1, form }))).toMatchObject({ kind: 'forbidden', code: 'not_owner' });
    expect(await domainError(saveDraft(t.db, ctx(null), { proposalId: proposal.id, version: 1, form }))).toMatchObject({ kind: 'not_found' });
    expect(await proposalRow(proposal.id)).toEqual(before);
    expect(await domainError(getProposalDetail(t.db, ctx(other), proposal.id))).toMatchObject({ kind: 'not_found' });
  });

  it('is refused after the deadline', async () => {
    const { owner, proposal, call } = await ready();
    const late = new Date(call.closesAt.getTime() + 1000);
    expect(await domainError(saveDraft(t.db, ctx(owner, late), { proposalId: proposal.id, version: 1, form: { title: 'Troppo tardi' } }))).toMatchObject({ code: 'deadline_passed' });
  });

  it('stores markup in answers as plain text, exactly as typed', async () => {
    const { owner, proposal } = await ready();
    const xss = '<img src=x onerror=alert(1)><script>alert("x")</script> & più';
    await saveDraft(t.db, ctx(owner), { proposalId: proposal.id, version: 1, form: { title: '<b>Titolo</b>', answers: { need: [xss] } } });
    const row = await proposalRow(proposal.id);
    expect(row.answers.need).toBe(xss);
    expect(row.title).toBe('<b>Titolo</b>');
    // The receipt email escapes it in HTML (Astro escapes it in pages).
    const mail = renderEmail('proposalSubmitted', 'it', { name: 'A', link: 'http://x', protocol: 'P', title: row.title, call: 'C', when: 'w', sha: 's', deadline: 'd' });
    expect(mail.html).not.toContain('<b>Titolo</b>');
    expect(mail.html).toContain('&lt;b&gt;Titolo&lt;/b&gt;');
  });
});

describe('submitProposal', () => {
  it('checks required answers, attachments, team and both declarations, and changes nothing when something is missing', async () => {
    const owner = await createUser(t.db, 'resident');
    const call = await openCall({ minGroupMembers: 3 });
    const proposal = await createProposal(t.db, { callId: call.id, proposerId: owner.id, answers: { need: 'breve' } });
    const error = await domainError(submitProposal(t.db, ctx(owner), { proposalId: proposal.id, declarations: { truthfulness: false, privacy: false } }));
    expect(error).toMatchObject({ kind: 'invalid', code: 'proposal_incomplete' });
    expect(error.details.errors).toEqual({
      neighbourhoodId: { key: 'validation.required' },
      team: { key: 'proposals.errors.teamTooSmall', params: { min: 3 } },
      'answers.need': { key: 'validation.tooShort', params: { min: 50 } },
      'answers.users': { key: 'validation.required' },
      'attachments.budget': { key: 'proposals.errors.attachmentMissing' },
      'attachments.id_document': { key: 'proposals.errors.attachmentMissing' },
      truthfulness: { key: 'validation.mustAccept' },
      privacy: { key: 'validation.mustAccept' },
    });
    expect(await proposalRow(proposal.id)).toMatchObject({ status: 'draft', protocolNumber: null, submittedAt: null });
    expect((await callRow(call.id)).lastProtocolSeq).toBe(0);
    expect(await rowCount(t.db, proposalSubmissions)).toBe(0);
    expect(await outbox(t.db)).toEqual([]);
  });

  it('gives a protocol number, records the exact content with its SHA-256 and sends the receipt', async () => {
    // Opens at 00:30 on 1 January in Rome, still 31 December in UTC: the protocol year is Rome's.
    const call = await openCall({ protocolPrefix: 'IDEA', opensAt: new Date('2025-12-31T23:30:00Z'), closesAt: new Date(Date.now() + 30 * DAY) });
    const { owner, proposal } = await ready({ call });
    const result = await submitProposal(t.db, ctx(owner), { proposalId: proposal.id, version: 1, declarations: accepted });
    expect(result).toMatchObject({ protocolNumber: 'IDEA-2026-000001', resubmission: false });
    expect(result.sha256).toMatch(/^[0-9a-f]{64}$/);

    const row = await proposalRow(proposal.id);
    expect(row).toMatchObject({ status: 'submitted', protocolSeq: 1, protocolNumber: 'IDEA-2026-000001', contentSha256: result.sha256, version: 2 });
    expect(row.submittedAt!.getTime()).toBe(result.submittedAt.getTime());
    expect(row.firstSubmittedAt).toEqual(row.submittedAt);
    expect(row.declarationsAcceptedAt).not.toBeNull();
    expect(row.submittedAt!.getTime()).toBeLessThan(call.closesAt.getTime());

    const [submission] = await t.db.select().from(proposalSubmissions);
    expect(submission).toMatchObject({ proposalId: proposal.id, seq: 1, contentSha256: result.sha256 });
    const snapshot = submission!.snapshot as { content: SubmittedContent; files: { purpose: string }[] };
    expect(contentSha256(snapshot.content)).toBe(result.sha256);
    expect(snapshot.content).toMatchObject({ title: proposal.title, requestedCents: 1_500_000, call: { id: call.id, version: 1 } });
    expect(snapshot.files.map((f) => f.purpose).sort()).toEqual(['budget', 'id_document']);

    const events = await t.db.select().from(proposalEvents).where(eq(proposalEvents.proposalId, proposal.id)).orderBy(asc(proposalEvents.id));
    expect(events.map((e) => e.toStatus)).toEqual(['submitted']);
    const [audit] = await t.db.select().from(auditEvents).where(eq(auditEvents.action, 'proposal.submitted'));
    expect(audit).toMatchObject({ entityId: proposal.id, actorId: owner.id, summary: { protocolNumber: 'IDEA-2026-000001', sha256: result.sha256 } });
    const [mail] = await outbox(t.db);
    expect(mail).toMatchObject({ toAddress: owner.email, template: 'proposalSubmitted', subject: 'Ricevuta della proposta IDEA-2026-000001' });
    expect(mail!.textBody).toContain(result.sha256);
    expect(mail!.textBody).toContain(`/it/me/proposals/${proposal.id}`);
  });

  it('numbers a call’s submissions 1, 2, 3…, separately for each call', async () => {
    const call = await openCall({ protocolPrefix: 'ORTI', opensAt: new Date('2026-02-01T09:00:00Z') });
    const other = await openCall({ protocolPrefix: 'CURA', opensAt: new Date('2026-02-01T09:00:00Z') });
    const numbers: string[] = [];
    for (const c of [call, call, other, call]) {
      const { owner, proposal } = await ready({ call: c });
      numbers.push((await submitProposal(t.db, ctx(owner), { proposalId: proposal.id, declarations: accepted })).protocolNumber);
    }
    expect(numbers).toEqual(['ORTI-2026-000001', 'ORTI-2026-000002', 'CURA-2026-000001', 'ORTI-2026-000003']);
    expect((await callRow(call.id)).lastProtocolSeq).toBe(3);
  });

  it('refuses a second submit of a submitted proposal, and a stale one', async () => {
    const { owner, proposal } = await ready();
    await submitProposal(t.db, ctx(owner), { proposalId: proposal.id, declarations: accepted });
    expect(await domainError(submitProposal(t.db, ctx(owner), { proposalId: proposal.id, declarations: accepted }))).toMatchObject({ kind: 'conflict', code: 'already_submitted' });
    const second = await ready({ owner: await createUser(t.db, 'resident') });
    expect(await domainError(submitProposal(t.db, ctx(second.owner), { proposalId: second.proposal.id, version: 7, declarations: accepted }))).toMatchObject({ code: 'stale_draft' });
  });

  it('refuses someone else’s draft without revealing it, and takes no number', async () => {
    const { proposal, call } = await ready();
    const other = await createUser(t.db, 'resident');
    expect(await domainError(submitProposal(t.db, ctx(other), { proposalId: proposal.id, declarations: accepted }))).toMatchObject({ kind: 'not_found' });
    expect(await proposalRow(proposal.id)).toMatchObject({ status: 'draft', protocolNumber: null });
    expect((await callRow(call.id)).lastProtocolSeq).toBe(0);
  });

  it('is judged on the database clock: late by the database, it rolls back entirely and the draft stays', async () => {
    const { owner, proposal, call } = await ready();
    const closesAt = new Date(Date.now() - 1000);
    await t.db.update(calls).set({ closesAt }).where(eq(calls.id, call.id));
    // The application server's clock is a minute behind: only the database can tell it is late.
    const slowClock = new Date(closesAt.getTime() - 60_000);
    const before = await proposalRow(proposal.id);
    const error = await domainError(submitProposal(t.db, ctx(owner, slowClock), { proposalId: proposal.id, declarations: accepted }));
    expect(error).toMatchObject({ kind: 'invalid', code: 'deadline_passed' });
    expect(await proposalRow(proposal.id)).toEqual(before);
    expect((await callRow(call.id)).lastProtocolSeq).toBe(0);
    expect(await rowCount(t.db, proposalSubmissions)).toBe(0);
    expect(await rowCount(t.db, proposalEvents)).toBe(0);
    expect(await rowCount(t.db, auditEvents, eq(auditEvents.action, 'proposal.submitted'))).toBe(0);
    expect(await outbox(t.db)).toEqual([]);
  });
});

describe('reopen and resubmit', () => {
  it('keeps the protocol number, adds a submission and keeps the history', async () => {
    const { owner, proposal, call } = await ready();
    const first = await submitProposal(t.db, ctx(owner), { proposalId: proposal.id, declarations: accepted });
    await reopenProposal(t.db, ctx(owner), { proposalId: proposal.id });
    const reopened = await proposalRow(proposal.id);
    expect(reopened).toMatchObject({ status: 'draft', protocolNumber: first.protocolNumber, contentSha256: first.sha256 });

    await saveDraft(t.db, ctx(owner), { proposalId: proposal.id, version: reopened.version, form: { title: 'Doposcuola di cortile e di strada' } });
    const second = await submitProposal(t.db, ctx(owner), { proposalId: proposal.id, declarations: accepted });
    expect(second).toMatchObject({ protocolNumber: first.protocolNumber, resubmission: true });
    expect(second.sha256).not.toBe(first.sha256);

    const row = await proposalRow(proposal.id);
    expect(row.firstSubmittedAt).toEqual((await t.db.select().from(proposalSubmissions).where(eq(proposalSubmissions.seq, 1)))[0]!.submittedAt);
    expect((await callRow(call.id)).lastProtocolSeq).toBe(1);
    const submissions = await t.db.select().from(proposalSubmissions).orderBy(asc(proposalSubmissions.seq));
    expect(submissions.map((s) => [s.seq, s.contentSha256])).toEqual([
      [1, first.sha256],
      [2, second.sha256],
    ]);
    const events = await t.db.select().from(proposalEvents).orderBy(asc(proposalEvents.id));
    expect(events.map((e) => [e.fromStatus, e.toStatus, e.note])).toEqual([
      ['draft', 'submitted', null],
      ['submitted', 'draft', 'reopened'],
      ['draft', 'submitted', 'resubmitted'],
    ]);
    expect(await outbox(t.db)).toHaveLength(2);
  });

  it('only reopens a submitted proposal, only its proposer, only before the deadline', async () => {
    const { owner, proposal, call } = await ready();
    expect(await domainError(reopenProposal(t.db, ctx(owner), { proposalId: proposal.id }))).toMatchObject({ kind: 'conflict', code: 'not_submitted' });
    await submitProposal(t.db, ctx(owner), { proposalId: proposal.id, declarations: accepted });
    const other = await createUser(t.db, 'resident');
    expect(await domainError(reopenProposal(t.db, ctx(other), { proposalId: proposal.id }))).toMatchObject({ kind: 'not_found' });
    const late = new Date(call.closesAt.getTime() + 1);
    expect(await domainError(reopenProposal(t.db, ctx(owner, late), { proposalId: proposal.id }))).toMatchObject({ code: 'deadline_passed' });
    // The database clock has the last word here too.
    await t.db.update(calls).set({ closesAt: new Date(Date.now() - 1000) }).where(eq(calls.id, call.id));
    expect(await domainError(reopenProposal(t.db, ctx(owner, new Date(Date.now() - 60_000)), { proposalId: proposal.id }))).toMatchObject({ code: 'deadline_passed' });
    expect((await proposalRow(proposal.id)).status).toBe('submitted');
  });
});

describe('withdrawProposal', () => {
  it('withdraws a draft or a submitted proposal before the deadline, keeping its record', async () => {
    const { owner, proposal } = await ready();
    const submitted = await submitProposal(t.db, ctx(owner), { proposalId: proposal.id, declarations: accepted });
    await withdrawProposal(t.db, ctx(owner), { proposalId: proposal.id });
    expect(await proposalRow(proposal.id)).toMatchObject({ status: 'withdrawn', protocolNumber: submitted.protocolNumber });
    expect((await proposalRow(proposal.id)).withdrawnAt).not.toBeNull();
    expect(await rowCount(t.db, auditEvents, and(eq(auditEvents.action, 'proposal.withdrawn'), eq(auditEvents.entityId, proposal.id)))).toBe(1);
    expect(await domainError(withdrawProposal(t.db, ctx(owner), { proposalId: proposal.id }))).toMatchObject({ code: 'already_withdrawn' });
  });

  it('is refused after the deadline and for anyone but the proposer', async () => {
    const { owner, proposal, call } = await ready();
    const staff = await createUser(t.db, 'staff');
    const other = await createUser(t.db, 'resident');
    expect(await domainError(withdrawProposal(t.db, ctx(owner, new Date(call.closesAt.getTime() + 1)), { proposalId: proposal.id }))).toMatchObject({ code: 'deadline_passed' });
    expect(await domainError(withdrawProposal(t.db, ctx(staff), { proposalId: proposal.id }))).toMatchObject({ kind: 'forbidden', code: 'not_owner' });
    expect(await domainError(withdrawProposal(t.db, ctx(other), { proposalId: proposal.id }))).toMatchObject({ kind: 'not_found' });
    expect((await proposalRow(proposal.id)).status).toBe('draft');
  });
});

describe('read models', () => {
  it('list only the person’s own proposals, with call, status and protocol', async () => {
    const { owner, proposal, call } = await ready();
    await ready();
    await submitProposal(t.db, ctx(owner), { proposalId: proposal.id, declarations: accepted });
    const mine = await listMyProposals(t.db, ctx(owner));
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ id: proposal.id, status: 'submitted', call: { slug: call.slug, closesAt: call.closesAt } });
    expect(mine[0]!.protocolNumber).toMatch(/^IDEA-\d{4}-000001$/);

    const detail = await getProposalDetail(t.db, ctx(owner), proposal.id);
    expect(detail.files.map((f) => f.purpose).sort()).toEqual(['budget', 'id_document']);
    expect(detail.submissions).toHaveLength(1);
    expect(detail.events.map((e) => e.toStatus)).toEqual(['submitted']);
    expect(detail.neighbourhoods).toHaveLength(1);
  });
});

describe('attachments on a draft', () => {
  const current = (proposalId: string, purpose: string) =>
    t.db.select().from(files).where(and(eq(files.ownerId, proposalId), eq(files.purpose, purpose), isNull(files.deletedAt)));

  it('uploads for a requirement, replaces the previous file and removes on request', async () => {
    const owner = await createUser(t.db, 'resident');
    const call = await openCall();
    const proposal = await createProposal(t.db, { callId: call.id, proposerId: owner.id });
    const first = await uploadProposalFile(t.db, storage, ctx(owner), { proposalId: proposal.id, purpose: 'budget', file: pdf() });
    const second = await uploadProposalFile(t.db, storage, ctx(owner), { proposalId: proposal.id, purpose: 'budget', file: pdf('piano v2.pdf') });
    expect((await current(proposal.id, 'budget')).map((f) => f.id)).toEqual([second.id]);
    expect(first.sha256).toMatch(/^[0-9a-f]{64}$/);
    await removeProposalFile(t.db, ctx(owner), { proposalId: proposal.id, fileId: second.id });
    expect(await current(proposal.id, 'budget')).toEqual([]);
  });

  it('refuses a file of the wrong kind, an unknown purpose, someone else’s draft and a late upload', async () => {
    const owner = await createUser(t.db, 'resident');
    const other = await createUser(t.db, 'resident');
    const call = await openCall();
    const proposal = await createProposal(t.db, { callId: call.id, proposerId: owner.id });
    const exe = new File([new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0]) as Uint8Array<ArrayBuffer>], 'budget.pdf');
    expect(await domainError(uploadProposalFile(t.db, storage, ctx(owner), { proposalId: proposal.id, purpose: 'budget', file: exe }))).toMatchObject({ code: 'file_type_not_allowed' });
    expect(await domainError(uploadProposalFile(t.db, storage, ctx(owner), { proposalId: proposal.id, purpose: '../../etc', file: pdf() }))).toMatchObject({ code: 'unknown_attachment' });
    expect(await domainError(uploadProposalFile(t.db, storage, ctx(other), { proposalId: proposal.id, purpose: 'budget', file: pdf() }))).toMatchObject({ kind: 'not_found' });
    const late = new Date(call.closesAt.getTime() + 1);
    expect(await domainError(uploadProposalFile(t.db, storage, ctx(owner, late), { proposalId: proposal.id, purpose: 'budget', file: pdf() }))).toMatchObject({ code: 'deadline_passed' });
    expect(await rowCount(t.db, files)).toBe(0);
  });

  it('cannot change the files of a submitted proposal', async () => {
    const { owner, proposal } = await ready();
    await submitProposal(t.db, ctx(owner), { proposalId: proposal.id, declarations: accepted });
    expect(await domainError(uploadProposalFile(t.db, storage, ctx(owner), { proposalId: proposal.id, purpose: 'budget', file: pdf() }))).toMatchObject({ kind: 'forbidden', code: 'not_editable' });
    const [attached] = await current(proposal.id, 'budget');
    expect(await domainError(removeProposalFile(t.db, ctx(owner), { proposalId: proposal.id, fileId: attached!.id }))).toMatchObject({ code: 'not_editable' });
    expect(await current(proposal.id, 'budget')).toHaveLength(1);
  });
});
