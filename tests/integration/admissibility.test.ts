import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { admissibilityChecks, auditEvents, integrationRequests, outboxMessages, proposalEvents, proposals } from '../../db/schema/index.ts';
import { completeIntegration, getIntegrationForProposer, uploadIntegrationDocuments } from '../../src/domain/admissibility/complete-integration.server.ts';
import { declareAdmissible, declareInadmissible } from '../../src/domain/admissibility/decide.server.ts';
import { exportProposalsCsv } from '../../src/domain/admissibility/export-csv.server.ts';
import { listProposals } from '../../src/domain/admissibility/list-proposals.server.ts';
import { getProposalForStaff } from '../../src/domain/admissibility/proposal-detail.server.ts';
import { recordChecks } from '../../src/domain/admissibility/record-check.server.ts';
import { requestIntegration } from '../../src/domain/admissibility/request-integration.server.ts';
import { parseListFilter, recordChecksFormSchema } from '../../src/domain/admissibility/schema.ts';
import { validate } from '../../src/lib/validation.ts';
import { createLocalStorage } from '../../src/lib/server/storage/local.ts';
import { createNeighbourhood, createProposal, createUser } from '../factories/index.ts';
import { testContext } from '../support/context.ts';
import { useTestDb } from '../support/db.ts';
import { samples } from '../support/file-samples.ts';
import { attach, office, openAtT0, protocol, submitted } from './admissibility-setup.ts';
import { at, DAY, domainError, outbox, rowCount } from './helpers.ts';

const t = useTestDb();
const root = mkdtempSync(path.join(tmpdir(), 'vivaio-admissibility-'));
const storage = createLocalStorage(path.join(root, 'uploads'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const filter = (query = '') => parseListFilter(new URLSearchParams(query));
const pdf = (name: string) => new File([samples.pdf as Uint8Array<ArrayBuffer>], name, { type: 'application/pdf' });
const allMet = ['on_time', 'applicant_type', 'amount', 'declarations', 'group_members', 'attachment:budget', 'attachment:id_document'];
const metChecks = (proposalId: string) => ({ proposalId, checks: allMet.map((requirement) => ({ requirement, met: true, motivation: '' })) });
const statusOf = async (id: string) => (await t.db.select({ s: proposals.status }).from(proposals).where(eq(proposals.id, id)))[0]!.s;

describe('the list of a call’s proposals', () => {
  it('filters by status, applicant type and neighbourhood, searches, counts and hides drafts', async () => {
    const { proposer, call, ctx } = await office(t.db);
    const other = await createUser(t.db, 'resident', { name: 'Rosaria Pappalardo', email: 'rosaria@esempio.it' });
    const librino = await createNeighbourhood(t.db, { name: 'Librino' });
    await submitted(t.db, call.id, proposer, 1, { title: 'Orto condiviso', neighbourhoodId: librino.id });
    await submitted(t.db, call.id, other, 2, { title: 'Ciclofficina', applicantType: 'association', organisationName: 'APS Ruote Libere' });
    await submitted(t.db, call.id, proposer, 3, { title: 'Biblioteca di strada', status: 'inadmissible' });
    await submitted(t.db, call.id, proposer, 4, { title: 'Reopened draft', status: 'draft' });
    await createProposal(t.db, { callId: call.id, proposerId: proposer.id, title: 'Secret draft' });
    await createProposal(t.db, { callId: call.id, proposerId: proposer.id, title: 'Withdrawn before submitting', status: 'withdrawn' });
    await submitted(t.db, call.id, other, 5, { title: 'Withdrawn after submitting', status: 'withdrawn' });

    const all = await listProposals(t.db, ctx, call.id, filter());
    expect(all.rows.map((r) => r.title)).toEqual(['Orto condiviso', 'Ciclofficina', 'Biblioteca di strada', 'Withdrawn after submitting']);
    expect(all.total).toBe(4);
    expect(all.counts).toMatchObject({ visible: 4, drafts: 2, byStatus: { submitted: 2, inadmissible: 1, withdrawn: 1, admissible: 0 } });

    const titles = async (q: string) => (await listProposals(t.db, ctx, call.id, filter(q))).rows.map((r) => r.title);
    expect(await titles('status=submitted')).toEqual(['Orto condiviso', 'Ciclofficina']);
    expect(await titles('applicantType=association')).toEqual(['Ciclofficina']);
    expect(await titles(`neighbourhood=${librino.id}`)).toEqual(['Orto condiviso']);
    expect(await titles(`q=${protocol(3)}`)).toEqual(['Biblioteca di strada']);
    expect(await titles('q=pappalardo')).toEqual(['Ciclofficina', 'Withdrawn after submitting']);
    expect(await titles('q=ROSARIA@esempio')).toEqual(['Ciclofficina', 'Withdrawn after submitting']);
    expect(await titles('q=ruote')).toEqual(['Ciclofficina']);
    expect(await titles('q=draft')).toEqual([]);
    expect(await titles('q=100%25')).toEqual([]);
    expect(await titles('status=draft')).toHaveLength(4);
    // Staff cannot open a draft either, even one that was submitted before and reopened.
    const [reopened] = await t.db.select().from(proposals).where(eq(proposals.title, 'Reopened draft'));
    expect((await domainError(getProposalForStaff(t.db, ctx, call.id, reopened!.id))).kind).toBe('not_found');
  });

  it('pages 25 at a time in protocol order, and a page past the end shows the last one', async () => {
    const { proposer, call, ctx } = await office(t.db);
    for (const seq of [...Array(30).keys()].map((i) => 30 - i)) await submitted(t.db, call.id, proposer, seq, { title: `P${seq}` });
    const first = await listProposals(t.db, ctx, call.id, filter());
    expect(first.rows.map((r) => r.protocolSeq)).toEqual([...Array(25).keys()].map((i) => i + 1));
    const second = await listProposals(t.db, ctx, call.id, filter('page=2'));
    expect(second.rows.map((r) => r.protocolSeq)).toEqual([26, 27, 28, 29, 30]);
    expect(await listProposals(t.db, ctx, call.id, filter('page=9'))).toMatchObject({ page: 2, total: 30 });
  });

  it('exports the same rows as CSV', async () => {
    const { proposer, call, ctx } = await office(t.db);
    await submitted(t.db, call.id, proposer, 1, { title: '=HYPERLINK("x")', requestedCents: 150_050 });
    await submitted(t.db, call.id, proposer, 2, { title: 'Fuori filtro', status: 'inadmissible' });
    const { chunks, fileName } = await exportProposalsCsv(t.db, ctx, call.id, filter('status=submitted'), 'it');
    let text = '';
    for await (const chunk of chunks) text += chunk;
    const lines = text.split('\r\n');
    expect(fileName).toBe(`proposte-${call.slug}-2026-03-02.csv`);
    expect(lines[0]).toBe('\uFEFFProtocollo;Inviata il (ora italiana);Stato;Tipo di proponente;Organizzazione;Titolo;Quartiere;Importo richiesto (euro);Proponente;Email');
    expect(lines[1]).toBe(`${protocol(1)};2026-02-28 10:00:00;Inviata;Gruppo informale;;"'=HYPERLINK(""x"")";;1500,50;${proposer.name};${proposer.email}`);
    expect(lines.slice(2)).toEqual(['']);
  });
});

describe('only staff', () => {
  it('a resident or an evaluator is refused everything, and nothing changes', async () => {
    const { proposer, call } = await office(t.db);
    const proposal = await submitted(t.db, call.id, proposer, 1);
    for (const someone of [proposer, await createUser(t.db, 'evaluator')]) {
      const ctx = testContext({ actor: someone.actor, now: () => at(0) });
      // Thunks, run one at a time: a rejection is always awaited where it happens.
      const attempts = [
        () => listProposals(t.db, ctx, call.id, filter()),
        () => getProposalForStaff(t.db, ctx, call.id, proposal.id),
        () => exportProposalsCsv(t.db, ctx, call.id, {}, 'it'),
        () => recordChecks(t.db, ctx, metChecks(proposal.id)),
        () => requestIntegration(t.db, ctx, { proposalId: proposal.id, message: 'Manca il piano', dueDate: '2026-03-10', dueTime: '12:00', requirements: [] }),
        () => declareAdmissible(t.db, ctx, { proposalId: proposal.id }),
        () => declareInadmissible(t.db, ctx, { proposalId: proposal.id, motivation: 'No' }),
      ];
      for (const attempt of attempts) expect(await domainError(attempt())).toMatchObject({ kind: 'forbidden', code: 'missing_role' });
    }
    expect(await statusOf(proposal.id)).toBe('submitted');
    for (const table of [admissibilityChecks, integrationRequests, proposalEvents, auditEvents, outboxMessages]) expect(await rowCount(t.db, table)).toBe(0);
  });
});

describe('the formal check', () => {
  it('needs a motivation when a requirement is not met, and records and audits each change once', async () => {
    const { staff, proposer, call, ctx } = await office(t.db);
    const proposal = await submitted(t.db, call.id, proposer, 1);

    const form = validate(recordChecksFormSchema, { proposalId: proposal.id, 'met.amount': 'no', 'motivation.amount': '  ', 'met.on_time': 'yes', 'met.declarations': '' });
    expect(form).toEqual({ ok: false, errors: { 'motivation.amount': { key: 'errors.motivation_required' } } });
    const direct = await domainError(recordChecks(t.db, ctx, { proposalId: proposal.id, checks: [{ requirement: 'amount', met: false, motivation: ' ' }] }));
    expect(direct).toMatchObject({ kind: 'invalid', code: 'motivation_required', details: { field: 'motivation.amount' } });
    expect(await rowCount(t.db, admissibilityChecks)).toBe(0);

    const checks = [
      { requirement: 'on_time', met: true, motivation: '' },
      { requirement: 'amount', met: false, motivation: 'Richiesti 30.000 euro, il massimo è 25.000.' },
    ];
    expect(await recordChecks(t.db, ctx, { proposalId: proposal.id, checks })).toEqual({ changed: ['on_time', 'amount'] });
    expect(await recordChecks(t.db, ctx, { proposalId: proposal.id, checks })).toEqual({ changed: [] });
    const fixed = [{ requirement: 'amount', met: true, motivation: 'Corretto dopo la verifica.' }];
    expect(await recordChecks(t.db, ctx, { proposalId: proposal.id, checks: fixed })).toEqual({ changed: ['amount'] });

    const rows = await t.db.select().from(admissibilityChecks).where(eq(admissibilityChecks.proposalId, proposal.id));
    expect(rows.map((r) => [r.requirement, r.met, r.motivation, r.checkedBy]).sort()).toEqual([
      ['amount', true, 'Corretto dopo la verifica.', staff.id],
      ['on_time', true, '', staff.id],
    ]);
    const audits = await t.db.select().from(auditEvents).where(eq(auditEvents.action, 'proposal.check_recorded'));
    expect(audits).toHaveLength(2);
    expect(await domainError(recordChecks(t.db, ctx, { proposalId: proposal.id, checks: [{ requirement: 'nonsense', met: true, motivation: '' }] }))).toMatchObject({
      code: 'unknown_requirement',
    });
  });

  it('lists one requirement per required attachment, with what the data suggest', async () => {
    const { proposer, call, ctx } = await office(t.db);
    const proposal = await submitted(t.db, call.id, proposer, 1, { requestedCents: 9_000_000 });
    await attach(t.db, 'proposal', proposal.id, 'budget');
    const detail = await getProposalForStaff(t.db, ctx, call.id, proposal.id);
    expect(detail.requirements.map((r) => [r.key, r.suggested])).toEqual([
      ['on_time', true],
      ['applicant_type', true],
      ['amount', false],
      ['declarations', true],
      ['group_members', true],
      ['attachment:budget', true],
      ['attachment:id_document', false],
    ]);
    expect(detail.answers[0]!.items[0]).toMatchObject({ key: 'need', display: { kind: 'text' } });
    expect(detail.can).toEqual({ check: true, requestIntegration: true, declare: true });
  });
});

describe('soccorso istruttorio', () => {
  async function requested() {
    const setup = await office(t.db);
    const proposal = await submitted(t.db, setup.call.id, setup.proposer, 1);
    await requestIntegration(t.db, { ...setup.ctx, requestId: 'req-ask' }, {
      proposalId: proposal.id,
      message: 'Manca il documento d’identità del referente.',
      dueDate: '2026-03-09',
      dueTime: '12:00',
      requirements: ['id_document'],
    });
    const proposerCtx = (now: Date) => testContext({ actor: setup.proposer.actor, now: () => now });
    return { ...setup, proposal, proposerCtx };
  }

  it('pauses the proposal, tells the proposer by email, and records the event and the audit', async () => {
    const { proposer, proposal } = await requested();
    expect(await statusOf(proposal.id)).toBe('integration_requested');
    const [request] = await t.db.select().from(integrationRequests);
    // 12:00 in Rome in winter is 11:00 UTC; the whole minute counts.
    expect(request).toMatchObject({ requirements: ['id_document'], dueAt: new Date('2026-03-09T11:00:59.999Z'), completedAt: null });
    const [event] = await t.db.select().from(proposalEvents);
    expect(event).toMatchObject({ fromStatus: 'submitted', toStatus: 'integration_requested', note: 'Manca il documento d’identità del referente.' });
    const [mail] = await outbox(t.db);
    expect(mail).toMatchObject({ toAddress: proposer.email, template: 'integrationRequested', locale: 'it' });
    expect(mail!.textBody).toContain('9 marzo 2026');
    expect(mail!.textBody).toContain(`/it/me/proposals/${proposal.id}/integration`);
    const [audit] = await t.db.select().from(auditEvents);
    expect(audit).toMatchObject({ action: 'proposal.integration_requested', entityId: proposal.id, requestId: 'req-ask' });
  });

  it('refuses a deadline in the past, and a second request while one is running', async () => {
    const { proposal, ctx } = await requested();
    const again = { proposalId: proposal.id, message: 'Altro', dueDate: '2026-03-20', dueTime: '', requirements: [] };
    expect(await domainError(requestIntegration(t.db, ctx, again))).toMatchObject({ code: 'wrong_status' });
    const { proposer, call } = await office(t.db);
    const fresh = await submitted(t.db, call.id, proposer, 1);
    const past = await domainError(requestIntegration(t.db, ctx, { ...again, proposalId: fresh.id, dueDate: '1/3/2026' }));
    expect(past).toMatchObject({ code: 'due_not_future', details: { field: 'dueDate' } });
    expect(await domainError(requestIntegration(t.db, ctx, { ...again, proposalId: fresh.id, dueDate: '31/2/2026' }))).toMatchObject({ code: 'due_invalid' });
    expect(await rowCount(t.db, integrationRequests)).toBe(1);
  });

  it('the proposer uploads the documents and answers before the deadline: back to submitted', async () => {
    const { proposer, proposal, proposerCtx } = await requested();
    const beforeDue = proposerCtx(new Date('2026-03-09T11:00:30Z'));
    const missing = await domainError(completeIntegration(t.db, beforeDue, { proposalId: proposal.id, note: 'Ecco' }));
    expect(missing).toMatchObject({ code: 'integration_missing_documents', details: { field: 'file.id_document' } });

    const [saved] = await uploadIntegrationDocuments(t.db, storage, beforeDue, proposal.id, [{ requirement: 'id_document', file: pdf('Carta identità.pdf') }]);
    expect(saved).toMatchObject({ ownerType: 'integration_request', purpose: 'id_document', uploadedBy: proposer.id });
    await completeIntegration(t.db, beforeDue, { proposalId: proposal.id, note: 'Allego il documento.' });

    expect(await statusOf(proposal.id)).toBe('submitted');
    const [request] = await t.db.select().from(integrationRequests);
    expect(request).toMatchObject({ completedAt: new Date('2026-03-09T11:00:30Z'), responseNote: 'Allego il documento.' });
    const page = await getIntegrationForProposer(t.db, beforeDue, proposal.id);
    expect(page).toMatchObject({ answerable: false, overdue: false, items: [{ key: 'id_document', files: [{ id: saved!.id }] }] });
    const actions = (await t.db.select({ a: auditEvents.action }).from(auditEvents)).map((r) => r.a);
    expect(actions).toEqual(['proposal.integration_requested', 'file.uploaded', 'proposal.integration_completed']);
  });

  it('a late answer is refused with the deadline, and nothing changes', async () => {
    const { proposal, proposerCtx } = await requested();
    const late = proposerCtx(new Date('2026-03-09T11:01:00Z'));
    const upload = await domainError(uploadIntegrationDocuments(t.db, storage, late, proposal.id, [{ requirement: 'id_document', file: pdf('tardi.pdf') }]));
    expect(upload).toMatchObject({ kind: 'conflict', code: 'integration_overdue', details: { dueAt: new Date('2026-03-09T11:00:59.999Z') } });
    expect(await domainError(completeIntegration(t.db, late, { proposalId: proposal.id }))).toMatchObject({ code: 'integration_overdue' });
    expect(await statusOf(proposal.id)).toBe('integration_requested');
    expect((await getIntegrationForProposer(t.db, late, proposal.id)).overdue).toBe(true);
  });

  it('someone else cannot answer, and staff cannot answer for the proposer', async () => {
    const { proposal, staff } = await requested();
    const stranger = await createUser(t.db, 'resident');
    const now = new Date('2026-03-05T10:00:00Z');
    expect(await domainError(completeIntegration(t.db, testContext({ actor: stranger.actor, now: () => now }), { proposalId: proposal.id }))).toMatchObject({ kind: 'not_found' });
    expect(await domainError(completeIntegration(t.db, testContext({ actor: staff.actor, now: () => now }), { proposalId: proposal.id }))).toMatchObject({ kind: 'forbidden' });
    expect(await statusOf(proposal.id)).toBe('integration_requested');
  });

  it('inadmissible waits for the deadline of a running request', async () => {
    const { proposal, staff } = await requested();
    const early = testContext({ actor: staff.actor, now: () => new Date('2026-03-05T10:00:00Z') });
    expect(await domainError(declareInadmissible(t.db, early, { proposalId: proposal.id, motivation: 'Documento mancante.' }))).toMatchObject({ code: 'integration_pending' });
    const after = testContext({ actor: staff.actor, now: () => new Date('2026-03-10T10:00:00Z') });
    await declareInadmissible(t.db, after, { proposalId: proposal.id, motivation: 'Documento non inviato entro il termine.' });
    expect(await statusOf(proposal.id)).toBe('inadmissible');
  });
});

describe('decisions', () => {
  it('inadmissible needs a motivation, emails the proposer in their language, writes the event and the audit', async () => {
    const { staff, call, ctx } = await office(t.db);
    const english = await createUser(t.db, 'resident', 'english');
    const proposal = await submitted(t.db, call.id, english, 7, { title: 'Street library' });
    expect(await domainError(declareInadmissible(t.db, ctx, { proposalId: proposal.id, motivation: '   ' }))).toMatchObject({ code: 'motivation_required', details: { field: 'motivation' } });
    expect(await rowCount(t.db, outboxMessages)).toBe(0);

    await declareInadmissible(t.db, { ...ctx, requestId: 'req-no' }, { proposalId: proposal.id, motivation: 'The budget plan is missing.' });
    const [row] = await t.db.select().from(proposals).where(eq(proposals.id, proposal.id));
    expect(row).toMatchObject({ status: 'inadmissible', decisionMotivation: 'The budget plan is missing.' });
    const [event] = await t.db.select().from(proposalEvents);
    expect(event).toMatchObject({ fromStatus: 'submitted', toStatus: 'inadmissible', note: 'The budget plan is missing.', actorId: staff.id });
    const [mail] = await outbox(t.db);
    expect(mail).toMatchObject({ toAddress: english.email, locale: 'en', template: 'proposalInadmissible', subject: `Outcome of the check of proposal ${protocol(7)}` });
    expect(mail!.textBody).toContain('The budget plan is missing.');
    expect(mail!.textBody).toContain(`/en/me/proposals/${proposal.id}`);
    const [audit] = await t.db.select().from(auditEvents);
    expect(audit).toMatchObject({ action: 'proposal.declared_inadmissible', entityId: proposal.id, actorId: staff.id, requestId: 'req-no' });
    expect(await domainError(declareAdmissible(t.db, ctx, { proposalId: proposal.id }))).toMatchObject({ code: 'already_decided' });
  });

  it('admissible only once every requirement is recorded as met', async () => {
    const { proposer, call, ctx } = await office(t.db);
    const proposal = await submitted(t.db, call.id, proposer, 1);
    await attach(t.db, 'proposal', proposal.id, 'budget');
    await attach(t.db, 'proposal', proposal.id, 'id_document');
    expect(await domainError(declareAdmissible(t.db, ctx, { proposalId: proposal.id }))).toMatchObject({ code: 'checks_incomplete' });
    await recordChecks(t.db, ctx, metChecks(proposal.id));
    expect(await declareAdmissible(t.db, ctx, { proposalId: proposal.id })).toEqual({ status: 'admissible' });
    const [mail] = await outbox(t.db);
    expect(mail).toMatchObject({ template: 'proposalAdmissible', locale: 'it', toAddress: proposer.email });
  });

  it('are refused while the call is still open: the proposal may still change', async () => {
    const { proposer, call, ctx } = await office(t.db, openAtT0);
    const proposal = await submitted(t.db, call.id, proposer, 1);
    for (const attempt of [
      () => declareInadmissible(t.db, ctx, { proposalId: proposal.id, motivation: 'Troppo presto' }),
      () => declareAdmissible(t.db, ctx, { proposalId: proposal.id }),
      () => recordChecks(t.db, ctx, metChecks(proposal.id)),
      () => requestIntegration(t.db, ctx, { proposalId: proposal.id, message: 'x', dueDate: '2026-03-20', dueTime: '', requirements: [] }),
    ]) {
      expect(await domainError(attempt())).toMatchObject({ kind: 'conflict', code: 'call_still_open', details: { closesAt: at(10 * DAY) } });
    }
    expect(await statusOf(proposal.id)).toBe('submitted');
    expect(await rowCount(t.db, auditEvents)).toBe(0);
    expect((await getProposalForStaff(t.db, ctx, call.id, proposal.id)).can).toEqual({ check: false, requestIntegration: false, declare: false });
  });
});
