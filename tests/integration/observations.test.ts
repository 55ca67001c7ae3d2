import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { auditEvents, commissionMembers, files, observations, outboxMessages, reviewAssignments, reviewScores } from '../../db/schema/index.ts';
import { getProposerFeedback } from '../../src/domain/evaluation/feedback-view.server.ts';
import { sendFeedbackLetters } from '../../src/domain/evaluation/feedback.server.ts';
import { answerObservation, assignRescoring, fileObservation } from '../../src/domain/evaluation/observations.server.ts';
import { listObservations } from '../../src/domain/evaluation/observations-list.server.ts';
import { openDownload } from '../../src/domain/files/open-download.server.ts';
import { formatDateTime } from '../../src/lib/format.ts';
import { translateDynamic, translator } from '../../src/lib/i18n/index.ts';
import { createLocalStorage } from '../../src/lib/server/storage/local.ts';
import { createUser } from '../factories/index.ts';
import { testContext } from '../support/context.ts';
import { useTestDb } from '../support/db.ts';
import { samples } from '../support/file-samples.ts';
import { auditTrail, domainError, outbox, rowCount } from './helpers.ts';
import { dbNowPlus, publishRanking, rankedCall } from './observations-setup.ts';

const t = useTestDb();
const root = mkdtempSync(path.join(tmpdir(), 'vivaio-observations-'));
const uploads = path.join(root, 'uploads');
const storage = createLocalStorage(uploads);
afterAll(() => rmSync(root, { recursive: true, force: true }));
beforeEach(() => rmSync(uploads, { recursive: true, force: true }));

const HOUR = 3_600_000;
const file = (sample: Uint8Array, name: string) => new File([sample as Uint8Array<ArrayBuffer>], name);
const storedCount = (dir = uploads): number =>
  existsSync(dir) ? readdirSync(dir, { withFileTypes: true }).reduce((n, e) => n + (e.isDirectory() ? storedCount(path.join(dir, e.name)) : 1), 0) : 0;
const nothingWritten = async () => {
  // Not even the receipt: it was queued in the transaction that rolled back.
  for (const table of [observations, files, auditEvents, outboxMessages]) expect(await rowCount(t.db, table)).toBe(0);
  expect(storedCount()).toBe(0);
};
const text = 'Il punteggio sulla rilevanza del bisogno non tiene conto dei dati allegati sul quartiere.';

describe('feedback letters', () => {
  it('queue one letter per proposer, in their language, with scores and comments and no evaluator names', async () => {
    const setup = await rankedCall(t.db, new Date('2026-05-15T10:00:00Z'));
    const result = await t.db.transaction((tx) => sendFeedbackLetters(tx, setup.ctx, setup.ranking.id));
    expect(result).toEqual({ queued: 2 });

    const messages = await outbox(t.db);
    expect(messages.map((m) => [m.toAddress, m.locale, m.template])).toEqual([
      [setup.proposer.email, 'it', 'feedbackLetter'],
      [setup.english.email, 'en', 'feedbackLetter'],
    ]);
    const [it, en] = messages.map((m) => m.textBody) as [string, string];
    expect(messages[0]!.subject).toBe('Esito della valutazione della proposta IDEA-2026-000001');
    expect(it).toContain('Gentile Agata Russo,');
    expect(it).toContain('Esito: ammessa a finanziamento\nPosizione in graduatoria: 1 su 2\nPunteggio totale: 69 / 100');
    expect(it).toContain(
      'Rilevanza del bisogno: 17,5 / 30\n– Bisogno ben documentato con dati del quartiere.\n– Manca il confronto con i servizi esistenti.\n\nFattibilità: 21 / 30\n– Tempi realistici.',
    );
    expect(it).toContain('Gruppo proponente: 11,5 / 15\n– Squadra esperta.');
    expect(it).toContain(`entro il ${formatDateTime(new Date('2026-05-15T10:00:00Z'), 'it')}`);
    expect(it).toContain(`http://vivaio.test/it/me/proposals/${setup.first.id}/feedback`);
    // Only the second proposer's own scores, in English, with the failed sub-threshold.
    expect(en).toContain('Dear Mary Jones,');
    expect(en).toContain('Outcome: not eligible: score below the minimum threshold\nPosition in the ranking: 2 of 2\nTotal score: 43 / 100');
    expect(en).toContain('Relevance of the need: 10 / 30 (below the minimum threshold of 15 points)\n– The need is not shown with any evidence.');
    expect(en).toContain('Social impact: 10 / 25\n(no comments)');
    expect(en).not.toContain('Bisogno ben documentato');
    // A scoring still in draft is not the commission's word.
    expect(en).not.toContain('Bozza non ancora inviata');
    for (const m of messages) {
      for (const name of Object.values(setup.evaluators).map((e) => e.name)) {
        expect(m.textBody).not.toContain(name);
        expect(m.htmlBody).not.toContain(name);
      }
    }
  });

  it('only staff send them, and only for a provisional ranking', async () => {
    const setup = await rankedCall(t.db, new Date(Date.now() + 10 * 24 * HOUR));
    const asProposer = testContext({ actor: setup.proposer.actor });
    expect(await domainError(t.db.transaction((tx) => sendFeedbackLetters(tx, asProposer, setup.ranking.id)))).toMatchObject({ kind: 'forbidden' });
    const final = await publishRanking(t.db, setup.call.id, 'final', null, []);
    expect(await domainError(t.db.transaction((tx) => sendFeedbackLetters(tx, setup.ctx, final.id)))).toMatchObject({ code: 'ranking_not_provisional' });
    expect(await rowCount(t.db, outboxMessages)).toBe(0);
  });
});

describe('the proposer’s feedback page', () => {
  it('shows the same scores and anonymous comments, and the window; only to the proposer', async () => {
    const closesAt = new Date(Date.now() + 5 * 24 * HOUR);
    const setup = await rankedCall(t.db, closesAt);
    const page = await getProposerFeedback(t.db, testContext({ actor: setup.proposer.actor }), setup.first.id);
    expect(page.ranked).toMatchObject({ kind: 'provisional', position: 1, count: 2, outcome: 'funded', centipoints: 6900, maxPoints: 100, threshold: 60 });
    expect(page.ranked!.criteria.map((c) => [c.label, c.centipoints, c.comments.map((x) => x.text)])).toEqual([
      ['Rilevanza del bisogno', 1750, ['Bisogno ben documentato con dati del quartiere.', 'Manca il confronto con i servizi esistenti.']],
      ['Fattibilità', 2100, ['Tempi realistici.']],
      ['Impatto sociale', 1900, ['Impatto chiaro sui ragazzi.']],
      ['Gruppo proponente', 1150, ['Squadra esperta.']],
    ]);
    expect(JSON.stringify(page)).not.toContain(setup.evaluators.rossi.name);
    expect(page.window).toEqual({ closesAt, open: true });

    const stranger = await createUser(t.db, 'resident');
    const { rossi } = setup.evaluators;
    expect(await domainError(getProposerFeedback(t.db, testContext({ actor: stranger.actor }), setup.first.id))).toMatchObject({ kind: 'not_found' });
    for (const someone of [setup.staff, rossi]) {
      expect(await domainError(getProposerFeedback(t.db, testContext({ actor: someone.actor }), setup.first.id))).toMatchObject({ kind: 'forbidden' });
    }
  });
});

describe('after a re-scoring', () => {
  it('the feedback follows the ranking shown: the re-scoring’s comments replace the earlier ones only in the final ranking', async () => {
    const setup = await rankedCall(t.db, await dbNowPlus(t.db, HOUR));
    const asProposer = testContext({ actor: setup.proposer.actor });
    const filed = await fileObservation(t.db, storage, asProposer, { proposalId: setup.first.id, text });
    const { rescoreAssignmentId } = await answerObservation(t.db, setup.ctx, { observationId: filed.id, answer: 'Accolte.', upheld: true, rescoreEvaluatorId: setup.evaluators.fresh.id });
    await t.db.update(reviewAssignments).set({ status: 'submitted', submittedAt: new Date() }).where(eq(reviewAssignments.id, rescoreAssignmentId!));
    await t.db.insert(reviewScores).values([
      { assignmentId: rescoreAssignmentId!, criterion: 'need', points: 24, comment: 'I dati allegati documentano bene il bisogno.' },
      { assignmentId: rescoreAssignmentId!, criterion: 'feasibility', points: 21, comment: '' },
    ]);
    const comments = async () => (await getProposerFeedback(t.db, asProposer, setup.first.id)).ranked!.criteria[0]!.comments.map((c) => c.text);
    // Still the provisional ranking: its points, its comments.
    expect(await comments()).toEqual(['Bisogno ben documentato con dati del quartiere.', 'Manca il confronto con i servizi esistenti.']);

    await publishRanking(t.db, setup.call.id, 'final', null, [
      { proposalId: setup.first.id, position: 1, total: 7500, criteria: { need: 2400, feasibility: 2100, impact: 1900, team: 1100 }, outcome: 'funded' },
    ], new Date(Date.now() + 1_000));
    const page = await getProposerFeedback(t.db, asProposer, setup.first.id);
    expect(page.ranked).toMatchObject({ kind: 'final', centipoints: 7500 });
    expect(await comments()).toEqual(['I dati allegati documentano bene il bisogno.']);
    expect(page.window).toBeNull();
    expect(page.observation).toMatchObject({ id: filed.id, upheld: true });
  });
});

describe('filing an observation', () => {
  it('is accepted just before the window closes, audited, and only once', async () => {
    const setup = await rankedCall(t.db, await dbNowPlus(t.db, 3_000));
    const ctx = testContext({ actor: setup.proposer.actor });
    const filed = await fileObservation(t.db, storage, ctx, { proposalId: setup.first.id, text: `  ${text}  ` });
    expect(filed).toMatchObject({ proposalId: setup.first.id, rankingId: setup.ranking.id, text, status: 'filed', fileId: null });
    expect((await auditTrail(t.db)).map((a) => [a.action, a.entityId, a.actorId])).toEqual([['observation.filed', filed.id, setup.proposer.id]]);
    // The receipt, in the proposer's language, with the time the database recorded.
    const [receipt] = await outbox(t.db);
    expect(receipt).toMatchObject({ toAddress: setup.proposer.email, toUserId: setup.proposer.id, locale: 'it', template: 'observationReceived' });
    expect(receipt!.subject).toBe('Abbiamo ricevuto le tue osservazioni sulla proposta IDEA-2026-000001');
    expect(receipt!.textBody).toContain(`«Doposcuola di cortile» (protocollo IDEA-2026-000001) sono state ricevute il ${formatDateTime(filed.filedAt, 'it')}`);
    expect(receipt!.textBody).toContain(`http://vivaio.test/it/me/proposals/${setup.first.id}`);

    const again = await domainError(fileObservation(t.db, storage, ctx, { proposalId: setup.first.id, text: 'Un’altra cosa.' }));
    expect(again).toMatchObject({ kind: 'conflict', code: 'observation_already_filed' });
    expect(await rowCount(t.db, observations)).toBe(1);
    expect(await rowCount(t.db, outboxMessages)).toBe(1);
  });

  it('sends the receipt in English to an English-speaking proposer', async () => {
    const setup = await rankedCall(t.db, await dbNowPlus(t.db, HOUR));
    const filed = await fileObservation(t.db, storage, testContext({ actor: setup.english.actor }), { proposalId: setup.second.id, text: 'Our evidence was attached.' });
    const [receipt] = await outbox(t.db);
    expect(receipt).toMatchObject({ toAddress: setup.english.email, locale: 'en', template: 'observationReceived', subject: 'We received your observations on proposal IDEA-2026-000002' });
    expect(receipt!.textBody).toContain(`the observations you filed on the proposal “Bike repair corner” (protocol IDEA-2026-000002) were received on ${formatDateTime(filed.filedAt, 'en')}`);
    expect(receipt!.textBody).toContain(`http://vivaio.test/en/me/proposals/${setup.second.id}`);
  });

  it('holds under a double click: two posts at once file one observation', async () => {
    const setup = await rankedCall(t.db, await dbNowPlus(t.db, HOUR));
    const ctx = testContext({ actor: setup.proposer.actor });
    const results = await Promise.allSettled([1, 2].map((n) => fileObservation(t.db, storage, ctx, { proposalId: setup.first.id, text: `${text} (${n})` })));
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: 'observation_already_filed' });
    expect(await rowCount(t.db, observations)).toBe(1);
  });

  it('is refused one second after the window closed, with a message naming the deadline, and nothing is written', async () => {
    const closedAt = await dbNowPlus(t.db, -1_000);
    const setup = await rankedCall(t.db, closedAt);
    const ctx = testContext({ actor: setup.proposer.actor });
    const late = await domainError(fileObservation(t.db, storage, ctx, { proposalId: setup.first.id, text, file: file(samples.pdf, 'dati.pdf') }));
    expect(late).toMatchObject({ kind: 'invalid', code: 'observation_window_closed', details: { closedAt } });
    await nothingWritten();

    const when = formatDateTime(closedAt, 'it');
    expect(translateDynamic(translator('it'), `observations.errors.${late.code}`, { closedAt: when })).toBe(
      `Il termine per presentare osservazioni è scaduto il ${when}: le osservazioni non sono state inviate.`,
    );
    expect(translateDynamic(translator('en'), `observations.errors.${late.code}`, { closedAt: when })).toContain('deadline for observations passed');
  });

  it('is judged by the database clock: a server whose clock runs late still refuses, and the stored file is removed', async () => {
    const closedAt = await dbNowPlus(t.db, -1_000);
    const setup = await rankedCall(t.db, closedAt);
    // The application thinks there is a minute left; the database knows better.
    const ctx = testContext({ actor: setup.proposer.actor, now: () => new Date(closedAt.getTime() - 60_000) });
    const late = await domainError(fileObservation(t.db, storage, ctx, { proposalId: setup.first.id, text, file: file(samples.pdf, 'dati.pdf') }));
    expect(late).toMatchObject({ code: 'observation_window_closed' });
    await nothingWritten();
  });

  it('belongs to the proposer alone: another resident is told it does not exist, staff are refused', async () => {
    const setup = await rankedCall(t.db, await dbNowPlus(t.db, HOUR));
    const stranger = await createUser(t.db, 'resident');
    const asStranger = testContext({ actor: stranger.actor });
    expect(await domainError(fileObservation(t.db, storage, asStranger, { proposalId: setup.first.id, text }))).toMatchObject({ kind: 'not_found' });
    const asStaff = testContext({ actor: setup.staff.actor });
    expect(await domainError(fileObservation(t.db, storage, asStaff, { proposalId: setup.first.id, text }))).toMatchObject({ kind: 'forbidden', code: 'not_owner' });
    await nothingWritten();
  });

  it('needs a text and a ranking that places the proposal with its window open', async () => {
    const setup = await rankedCall(t.db, await dbNowPlus(t.db, HOUR));
    const ctx = testContext({ actor: setup.proposer.actor });
    expect(await domainError(fileObservation(t.db, storage, ctx, { proposalId: setup.first.id, text: '   ' }))).toMatchObject({ code: 'observation_required', details: { field: 'text' } });
    expect(await domainError(fileObservation(t.db, storage, ctx, { proposalId: setup.first.id, text: 'x'.repeat(8001) }))).toMatchObject({ code: 'text_too_long' });
    // The final ranking closes every window.
    await publishRanking(t.db, setup.call.id, 'final', null, [], new Date(Date.now() + 1_000));
    expect(await domainError(fileObservation(t.db, storage, ctx, { proposalId: setup.first.id, text }))).toMatchObject({ code: 'no_observation_window' });
    await nothingWritten();
  });

  it('keeps an accepted attachment for the proposer and staff, and refuses other types', async () => {
    const setup = await rankedCall(t.db, await dbNowPlus(t.db, HOUR));
    const ctx = testContext({ actor: setup.proposer.actor });
    for (const [sample, name, code] of [
      [samples.exe, 'dati.pdf', 'file_type_not_allowed'],
      [samples.html, 'pagina.html', 'file_type_not_allowed'],
      [samples.text, 'note.txt', 'file_type_not_allowed'],
      [new Uint8Array(0), 'vuoto.pdf', 'file_empty'],
      [new Uint8Array(10 * 1024 * 1024 + 1), 'enorme.pdf', 'file_too_large'],
    ] as const) {
      const refused = await domainError(fileObservation(t.db, storage, ctx, { proposalId: setup.first.id, text, file: file(sample, name) }));
      expect(refused).toMatchObject({ kind: 'invalid', code, details: { field: 'attachment' } });
    }
    await nothingWritten();

    const filed = await fileObservation(t.db, storage, ctx, { proposalId: setup.first.id, text, file: file(samples.pdf, 'dati quartiere.pdf') });
    const [stored] = await t.db.select().from(files);
    expect(stored).toMatchObject({ id: filed.fileId, ownerType: 'observation', ownerId: filed.id, mime: 'application/pdf', purpose: 'attachment' });
    expect((await openDownload(t.db, storage, ctx, stored!.id)).file.id).toBe(stored!.id);
    expect((await openDownload(t.db, storage, setup.ctx, stored!.id)).file.id).toBe(stored!.id);
    const stranger = await createUser(t.db, 'resident');
    expect(await domainError(openDownload(t.db, storage, testContext({ actor: stranger.actor }), stored!.id))).toMatchObject({ kind: 'forbidden' });
  });
});

describe('answering an observation', () => {
  async function filedObservation() {
    const setup = await rankedCall(t.db, await dbNowPlus(t.db, HOUR));
    const filed = await fileObservation(t.db, storage, testContext({ actor: setup.proposer.actor }), { proposalId: setup.first.id, text });
    await t.db.delete(outboxMessages);
    return { ...setup, filed };
  }

  it('upheld with a re-scoring: a new assignment for a commission member who had not assessed it, and an email', async () => {
    const setup = await filedObservation();
    const { fresh } = setup.evaluators;
    const answer = 'Le osservazioni sono fondate: i dati allegati non erano stati considerati.';
    const result = await answerObservation(t.db, setup.ctx, { observationId: setup.filed.id, answer, upheld: true, rescoreEvaluatorId: fresh.id });
    expect(result.observation).toMatchObject({ status: 'answered', answer, upheld: true, answeredBy: setup.staff.id });
    const [assignment] = await t.db.select().from(reviewAssignments).where(eq(reviewAssignments.id, result.rescoreAssignmentId!));
    expect(assignment).toMatchObject({ proposalId: setup.first.id, evaluatorId: fresh.id, observationId: setup.filed.id, status: 'assigned', assignedBy: setup.staff.id });

    const mails = await outbox(t.db);
    expect(mails.map((m) => [m.template, m.toAddress])).toEqual([
      ['reviewAssigned', fresh.email],
      ['observationAnswered', setup.proposer.email],
    ]);
    // The re-scorer is told like any evaluator: one proposal, a link to the dashboard, no names.
    expect(mails[0]!.subject).toBe(`Nuove proposte da valutare per l’avviso «${setup.call.titleIt}»`);
    expect(mails[0]!.textBody).toContain('http://vivaio.test/it/review');
    expect(mails[0]!.textBody).not.toContain(setup.proposer.name);
    const mail = mails[1];
    expect(mail).toMatchObject({ toAddress: setup.proposer.email, locale: 'it', template: 'observationAnswered' });
    expect(mail!.textBody).toContain('la proposta sarà valutata di nuovo');
    expect(mail!.textBody).toContain(answer);
    expect(mail!.textBody).not.toContain(fresh.name);
    const audit = (await auditTrail(t.db)).at(-1)!;
    expect(audit).toMatchObject({ action: 'observation.answered', entityId: setup.filed.id, actorId: setup.staff.id });
    expect(audit.summary).toMatchObject({ upheld: true, rescoreAssignmentId: result.rescoreAssignmentId, rescoreEvaluatorId: fresh.id });

    expect(await domainError(answerObservation(t.db, setup.ctx, { observationId: setup.filed.id, answer: 'Di nuovo', upheld: false }))).toMatchObject({
      code: 'observation_already_answered',
    });
  });

  it('never re-scores by someone who scored it, declared a conflict, keeps the minutes, or sits on no commission', async () => {
    const setup = await filedObservation();
    const outsider = await createUser(t.db, 'evaluator');
    const { rossi, verdi, secretary } = setup.evaluators;
    for (const evaluator of [rossi, verdi, secretary, outsider]) {
      const refused = await domainError(answerObservation(t.db, setup.ctx, { observationId: setup.filed.id, answer: 'Accolte.', upheld: true, rescoreEvaluatorId: evaluator.id }));
      expect(refused).toMatchObject({ kind: 'invalid', code: 'evaluator_not_eligible', details: { field: 'rescoreEvaluatorId' } });
    }
    const notUpheld = await domainError(answerObservation(t.db, setup.ctx, { observationId: setup.filed.id, answer: 'No.', upheld: false, rescoreEvaluatorId: setup.evaluators.fresh.id }));
    expect(notUpheld).toMatchObject({ code: 'rescore_needs_upheld' });
    expect(await domainError(answerObservation(t.db, setup.ctx, { observationId: setup.filed.id, answer: '  ', upheld: false }))).toMatchObject({ code: 'answer_required' });
    const asProposer = testContext({ actor: setup.proposer.actor });
    expect(await domainError(answerObservation(t.db, asProposer, { observationId: setup.filed.id, answer: 'Accolte!', upheld: true }))).toMatchObject({ kind: 'forbidden' });

    const [row] = await t.db.select().from(observations);
    expect(row).toMatchObject({ status: 'filed', answer: null, upheld: null });
    expect(await rowCount(t.db, reviewAssignments, eq(reviewAssignments.observationId, setup.filed.id))).toBe(0);
    expect(await rowCount(t.db, outboxMessages)).toBe(0);
  });

  it('upheld without a re-scoring: staff entrust one later, and another when the evaluator declares a conflict', async () => {
    const setup = await filedObservation();
    const { fresh } = setup.evaluators;
    const answered = await answerObservation(t.db, setup.ctx, { observationId: setup.filed.id, answer: 'Accolte.', upheld: true });
    expect(answered.rescoreAssignmentId).toBeNull();
    const row = async () => (await listObservations(t.db, setup.ctx, setup.call.id, { status: null, page: 1 })).rows[0]!;
    expect(await row()).toMatchObject({ needsRescorer: true, candidates: [{ id: fresh.id, name: fresh.name }] });

    const first = await assignRescoring(t.db, setup.ctx, { observationId: setup.filed.id, evaluatorId: fresh.id });
    expect(await domainError(assignRescoring(t.db, setup.ctx, { observationId: setup.filed.id, evaluatorId: fresh.id }))).toMatchObject({ code: 'rescoring_running' });
    expect((await row()).needsRescorer).toBe(false);

    // The chosen evaluator declares a conflict: nobody else is left, until the commission grows.
    await t.db.update(reviewAssignments).set({ status: 'conflict_declared', conflictKind: 'other', conflictReason: 'Conosco il gruppo.' }).where(eq(reviewAssignments.id, first.rescoreAssignmentId));
    expect(await row()).toMatchObject({ needsRescorer: true, candidates: [], rescoring: { evaluatorName: fresh.name, status: 'conflict_declared' } });
    const newcomer = await createUser(t.db, 'evaluator', { name: 'Zaira Nuova' });
    await t.db.insert(commissionMembers).values({ callId: setup.call.id, userId: newcomer.id });
    expect(await domainError(assignRescoring(t.db, setup.ctx, { observationId: setup.filed.id, evaluatorId: fresh.id }))).toMatchObject({ code: 'evaluator_not_eligible' });
    await assignRescoring(t.db, setup.ctx, { observationId: setup.filed.id, evaluatorId: newcomer.id });
    expect((await row()).rescoring).toEqual({ evaluatorName: 'Zaira Nuova', status: 'assigned' });
    expect((await auditTrail(t.db)).filter((a) => a.action === 'observation.rescoring_assigned')).toHaveLength(2);
    const told = (await outbox(t.db)).filter((m) => m.template === 'reviewAssigned');
    expect(told.map((m) => m.toAddress)).toEqual([fresh.email, newcomer.email]);
  });

  it('a re-scoring follows only an upheld answer', async () => {
    const setup = await filedObservation();
    const { fresh } = setup.evaluators;
    expect(await domainError(assignRescoring(t.db, setup.ctx, { observationId: setup.filed.id, evaluatorId: fresh.id }))).toMatchObject({ code: 'observation_not_upheld' });
    await answerObservation(t.db, setup.ctx, { observationId: setup.filed.id, answer: 'Non accolte.', upheld: false });
    expect(await domainError(assignRescoring(t.db, setup.ctx, { observationId: setup.filed.id, evaluatorId: fresh.id }))).toMatchObject({ code: 'observation_not_upheld' });
    expect(await rowCount(t.db, reviewAssignments, eq(reviewAssignments.observationId, setup.filed.id))).toBe(0);
  });

  it('not upheld: the proposer reads the answer in their language on the feedback page', async () => {
    const setup = await rankedCall(t.db, await dbNowPlus(t.db, HOUR));
    const asEnglish = testContext({ actor: setup.english.actor, locale: 'en' });
    const filed = await fileObservation(t.db, storage, asEnglish, { proposalId: setup.second.id, text: 'Our evidence was attached.' });
    await answerObservation(t.db, setup.ctx, { observationId: filed.id, answer: 'The attachment was considered.', upheld: false });
    const mail = (await outbox(t.db)).find((m) => m.template === 'observationAnswered')!;
    expect(mail).toMatchObject({ toAddress: setup.english.email, locale: 'en' });
    expect(mail.textBody).toContain('Your observations were not upheld.');
    const page = await getProposerFeedback(t.db, asEnglish, setup.second.id);
    expect(page.observation).toMatchObject({ id: filed.id, status: 'answered', answer: 'The attachment was considered.', upheld: false });
  });
});

describe('the staff list', () => {
  it('filters open and answered, counts both, and offers only eligible evaluators for re-scoring', async () => {
    const setup = await rankedCall(t.db, await dbNowPlus(t.db, HOUR));
    const first = await fileObservation(t.db, storage, testContext({ actor: setup.proposer.actor }), { proposalId: setup.first.id, text });
    await fileObservation(t.db, storage, testContext({ actor: setup.english.actor }), { proposalId: setup.second.id, text: 'Please look again.' });
    await answerObservation(t.db, setup.ctx, { observationId: first.id, answer: 'Accolte.', upheld: true, rescoreEvaluatorId: setup.evaluators.fresh.id });

    const all = await listObservations(t.db, setup.ctx, setup.call.id, { status: null, page: 1 });
    expect(all.counts).toEqual({ open: 1, answered: 1 });
    expect(all.rows.map((r) => r.protocol)).toEqual(['IDEA-2026-000001', 'IDEA-2026-000002']);
    expect(all.rows[0]!.rescoring).toEqual({ evaluatorName: setup.evaluators.fresh.name, status: 'assigned' });
    const open = await listObservations(t.db, setup.ctx, setup.call.id, { status: 'open', page: 1 });
    expect(open.rows.map((r) => r.protocol)).toEqual(['IDEA-2026-000002']);
    // Rossi scored it; Bianchi's scoring is a draft, but she is assigned all the same.
    expect(open.rows[0]!.candidates.map((c) => c.name)).toEqual([setup.evaluators.verdi.name, setup.evaluators.fresh.name].sort());
    const answered = await listObservations(t.db, setup.ctx, setup.call.id, { status: 'answered', page: 1 });
    expect(answered.rows.map((r) => [r.protocol, r.answeredByName])).toEqual([['IDEA-2026-000001', setup.staff.name]]);

    expect(await domainError(listObservations(t.db, testContext({ actor: setup.proposer.actor }), setup.call.id, { status: null, page: 1 }))).toMatchObject({
      kind: 'forbidden',
    });
  });
});
