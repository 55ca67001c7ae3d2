import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { integrationRequests } from '../../db/schema/index.ts';
import { downloadNameFor } from '../../src/domain/evaluation/blind-download.server.ts';
import { declareInterest } from '../../src/domain/evaluation/conflict.server.ts';
import { reviewPage } from '../../src/domain/evaluation/evaluator-views.server.ts';
import { openDownload } from '../../src/domain/files/open-download.server.ts';
import { saveUpload } from '../../src/domain/files/save-upload.server.ts';
import { createLocalStorage } from '../../src/lib/server/storage/local.ts';
import { GET } from '../../src/pages/files/[id].ts';
import { createUser, type TestUser } from '../factories/index.ts';
import { setEvaluationSettings } from '../factories/review-assignments.ts';
import { useTestDb } from '../support/db.ts';
import { samples } from '../support/file-samples.ts';
import { domainError } from './helpers.ts';
import { ctxOf, reviewSetup } from './review-setup.ts';

/**
 * Blind review and access to files: what an evaluator reads of a proposal and downloads from it.
 * (The names offered by /files/{id} follow downloadNameFor once the route uses it.)
 */
const t = useTestDb();
const root = mkdtempSync(path.join(tmpdir(), 'vivaio-blind-'));
const storage = createLocalStorage(path.join(root, 'uploads'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const pdf = (name: string) => new File([samples.pdf as Uint8Array<ArrayBuffer>], name, { type: 'application/pdf' });

/** A proposal in review with identifying files, one cleared evaluator and one still to declare. */
async function proposalWithFiles(blind: boolean) {
  const setup = await reviewSetup(t.db, 2);
  const { owner, proposal, call, evaluators, assignments } = setup;
  await setEvaluationSettings(t.db, call.id, { blindReview: blind });
  const ownerCtx = ctxOf(owner);
  const budget = await saveUpload(t.db, storage, ownerCtx, { ownerType: 'proposal', ownerId: proposal.id, purpose: 'budget', kinds: ['pdf'], maxBytes: 1 << 20, file: pdf('Budget Cortile Aperto APS – Agata Russo.pdf') });
  const [request] = await t.db
    .insert(integrationRequests)
    .values({ proposalId: proposal.id, message: 'Manca il documento.', requirements: ['id_document'], dueAt: new Date(Date.now() + 86_400_000) })
    .returning();
  const idDoc = await saveUpload(t.db, storage, ownerCtx, { ownerType: 'integration_request', ownerId: request!.id, purpose: 'id_document', kinds: ['pdf'], maxBytes: 1 << 20, file: pdf('CI_Russo_Agata.pdf') });
  await declareInterest(t.db, ctxOf(evaluators[0]!), { assignmentId: assignments[0]!.id, declaration: 'none' });
  return { ...setup, files: [budget, idDoc], cleared: evaluators[0]!, pending: evaluators[1]! };
}

const seededNames = (owner: TestUser) => [owner.name, owner.email, 'Cortile Aperto APS', 'Agata Russo', 'Orazio Greco', 'Budget Cortile', 'CI_Russo_Agata', 'Russo'];

describe('blind review', () => {
  it('leaves no name of proposer, team, organisation or files in what the evaluator’s page shows', async () => {
    const { owner, assignments, cleared } = await proposalWithFiles(true);
    const view = await reviewPage(t.db, ctxOf(cleared), assignments[0]!.id);
    expect(view.stage).toBe('review');
    const shown = JSON.stringify(view);
    for (const name of seededNames(owner)) expect(shown).not.toContain(name);
    expect(shown).toContain('Membro 2');
    expect(view.stage === 'review' && view.proposal.attachments.map((a) => a.name)).toEqual(['Allegato – Piano dei costi.pdf', 'Allegato – Documento d’identità del referente.pdf']);
  });

  it('shows the names when the call does not ask for blind review', async () => {
    const { owner, assignments, cleared } = await proposalWithFiles(false);
    const view = await reviewPage(t.db, ctxOf(cleared), assignments[0]!.id);
    const shown = JSON.stringify(view);
    for (const name of [owner.name, 'Cortile Aperto APS', 'Orazio Greco', 'Budget Cortile Aperto APS – Agata Russo.pdf']) expect(shown).toContain(name);
  });

  it('offers neutral download names to evaluators only', async () => {
    const { owner, files, cleared } = await proposalWithFiles(true);
    const staff = await createUser(t.db, 'staff');
    const [budget, idDoc] = files as [(typeof files)[number], (typeof files)[number]];
    expect(await downloadNameFor(t.db, ctxOf(cleared), budget)).toBe('Allegato – Piano dei costi.pdf');
    expect(await downloadNameFor(t.db, { ...ctxOf(cleared), locale: 'en' }, idDoc)).toBe('Attachment – ID document of the contact person.pdf');
    expect(await downloadNameFor(t.db, ctxOf(owner), budget)).toBe(budget.originalName);
    expect(await downloadNameFor(t.db, ctxOf(staff), budget)).toBe(budget.originalName);
  });

  it('keeps the stored names for evaluators of a call without blind review', async () => {
    const { files, cleared } = await proposalWithFiles(false);
    expect(await downloadNameFor(t.db, ctxOf(cleared), files[0]!)).toBe(files[0]!.originalName);
  });
});

describe('files of a proposal under review', () => {
  it('open for a cleared evaluator only: not before the declaration, not for others', async () => {
    const { files, cleared, pending } = await proposalWithFiles(true);
    const stranger = await createUser(t.db, 'evaluator');
    for (const file of files) {
      await expect(openDownload(t.db, storage, ctxOf(cleared), file.id)).resolves.toMatchObject({ file: { id: file.id } });
      expect((await domainError(openDownload(t.db, storage, ctxOf(pending), file.id))).code).toBe('conflict_not_declared');
      expect((await domainError(openDownload(t.db, storage, ctxOf(stranger), file.id))).code).toBe('not_assigned');
    }
  });

  it('are closed for good to an evaluator who declared a conflict, through the download route too', async () => {
    const { files, cleared, assignments } = await proposalWithFiles(true);
    await declareInterest(t.db, ctxOf(cleared), { assignmentId: assignments[0]!.id, declaration: 'conflict', kind: 'family', reason: 'Parente.' });
    for (const file of files) {
      expect((await domainError(openDownload(t.db, storage, ctxOf(cleared), file.id))).code).toBe('conflict_of_interest');
      const context = {
        params: { id: file.id },
        url: new URL(`http://vivaio.test/files/${file.id}`),
        locals: { runtime: { database: { db: t.db }, storage }, ctx: ctxOf(cleared), locale: 'it' },
        redirect: (location: string, status: number) => new Response(null, { status, headers: { Location: location } }),
      };
      // The route leaves refusals to the middleware, which answers with the 403 page.
      const refusal = await domainError(GET(context as unknown as Parameters<typeof GET>[0]) as Promise<Response>);
      expect(refusal).toMatchObject({ kind: 'forbidden', code: 'conflict_of_interest' });
    }
  });
});
