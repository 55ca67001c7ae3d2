import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { auditEvents, files, integrationRequests } from '../../db/schema/index.ts';
import { openDownload } from '../../src/domain/files/open-download.server.ts';
import { listFiles, type FileRow } from '../../src/domain/files/files.repo.server.ts';
import { removeUpload, saveUpload, type SaveUploadInput } from '../../src/domain/files/save-upload.server.ts';
import { createLocalStorage } from '../../src/lib/server/storage/local.ts';
import { GET } from '../../src/pages/files/[id].ts';
import { createCall, createProposal, createUser, type TestUser } from '../factories/index.ts';
import { testContext } from '../support/context.ts';
import { useTestDb } from '../support/db.ts';
import { samples } from '../support/file-samples.ts';
import { auditTrail, DAY, domainError, rowCount, T0 } from './helpers.ts';

const t = useTestDb();
const root = mkdtempSync(path.join(tmpdir(), 'vivaio-files-'));
const uploads = path.join(root, 'uploads');
const storage = createLocalStorage(uploads);
afterAll(() => rmSync(root, { recursive: true, force: true }));
// The database is emptied before each test (useTestDb); empty the disk with it.
beforeEach(() => rmSync(uploads, { recursive: true, force: true }));

const file = (sample: Uint8Array, name: string, type = 'application/octet-stream') => new File([sample as Uint8Array<ArrayBuffer>], name, { type });
const MB = 1024 * 1024;

/** Every regular file under `dir`, relative to `root` (where a traversal would land). */
function storedFiles(dir = root): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? storedFiles(full) : [path.relative(root, full)];
  });
}
const read = async (body: ReadableStream<Uint8Array>) => new Uint8Array(await new Response(body).arrayBuffer());

async function proposalWithOwner() {
  const owner = await createUser(t.db, 'resident');
  const call = await createCall(t.db, 'open');
  const proposal = await createProposal(t.db, { callId: call.id, proposerId: owner.id });
  return { owner, call, proposal };
}

function upload(actor: TestUser | null, input: Partial<SaveUploadInput> & Pick<SaveUploadInput, 'ownerType' | 'ownerId' | 'file'>) {
  return saveUpload(t.db, storage, testContext({ actor: actor?.actor ?? null, now: () => T0 }), { purpose: 'budget', kinds: ['pdf', 'office'], maxBytes: 5 * MB, ...input });
}

describe('saveUpload', () => {
  it('stores the bytes under a random key, keeps the SHA-256 and the sniffed type, and audits', async () => {
    const { owner, proposal } = await proposalWithOwner();
    const row = await upload(owner, { ownerType: 'proposal', ownerId: proposal.id, file: file(samples.pdf, 'Piano dei costi.pdf') });

    expect(row).toMatchObject({
      storage: 'local',
      originalName: 'Piano dei costi.pdf',
      mime: 'application/pdf',
      sizeBytes: samples.pdf.length,
      sha256: createHash('sha256').update(samples.pdf).digest('hex'),
      ownerType: 'proposal',
      ownerId: proposal.id,
      purpose: 'budget',
      uploadedBy: owner.id,
      deletedAt: null,
    });
    expect(row.storageKey).toMatch(/^[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f-]{36}$/);
    expect(row.storageKey).not.toContain('Piano');
    const onDisk = path.join(uploads, row.storageKey);
    expect(new Uint8Array(readFileSync(onDisk))).toEqual(samples.pdf);
    expect(statSync(onDisk).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(onDisk)).mode & 0o777).toBe(0o700);
    expect(statSync(uploads).mode & 0o777).toBe(0o700);
    expect(await auditTrail(t.db)).toEqual([
      expect.objectContaining({ action: 'file.uploaded', entityId: row.id, actorId: owner.id, summary: expect.objectContaining({ purpose: 'budget', sha256: row.sha256 }) }),
    ]);
  });

  it('gives the same content uploaded twice two different keys', async () => {
    const { owner, proposal } = await proposalWithOwner();
    const a = await upload(owner, { ownerType: 'proposal', ownerId: proposal.id, file: file(samples.docx, 'a.docx') });
    const b = await upload(owner, { ownerType: 'proposal', ownerId: proposal.id, file: file(samples.docx, 'a.docx') });
    expect(a.storageKey).not.toBe(b.storageKey);
    expect(a.sha256).toBe(b.sha256);
    expect(a.mime).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  });

  it('refuses a file over the limit, an empty file and a wrong type, leaving nothing behind', async () => {
    const { owner, proposal } = await proposalWithOwner();
    const before = storedFiles();
    const owned = { ownerType: 'proposal', ownerId: proposal.id } as const;

    const big = new Uint8Array(2048).fill(0x41);
    big.set(samples.pdf);
    expect(await domainError(upload(owner, { ...owned, file: file(big, 'big.pdf'), maxBytes: 2047 }))).toMatchObject({
      kind: 'invalid',
      code: 'file_too_large',
      details: { field: 'budget', max: 2047 },
    });
    expect(await domainError(upload(owner, { ...owned, file: file(new Uint8Array(), 'vuoto.pdf') }))).toMatchObject({ code: 'file_empty', details: { field: 'budget' } });
    // A program renamed .pdf and declared application/pdf by the browser.
    expect(await domainError(upload(owner, { ...owned, file: file(samples.exe, 'bando.pdf', 'application/pdf') }))).toMatchObject({
      code: 'file_type_not_allowed',
      details: { field: 'budget', allowed: ['pdf', 'office'] },
    });
    // A genuine image where only PDF and office documents are accepted.
    expect(await domainError(upload(owner, { ...owned, file: file(samples.png, 'foto.pdf') }))).toMatchObject({ code: 'file_type_not_allowed' });
    for (const sample of [samples.html, samples.svg, samples.shell, samples.elf, samples.zip]) {
      expect(await domainError(upload(owner, { ...owned, file: file(sample, 'documento.pdf'), kinds: ['pdf', 'image', 'office', 'text'] }))).toMatchObject({ code: 'file_type_not_allowed' });
    }

    expect(await rowCount(t.db, files)).toBe(0);
    expect(await rowCount(t.db, auditEvents)).toBe(0);
    expect(storedFiles()).toEqual(before);
  });

  it('never accepts more than 20 MB, whatever limit the caller passes', async () => {
    const { owner, proposal } = await proposalWithOwner();
    const huge = new Uint8Array(20 * MB + 1).fill(0x41);
    huge.set(samples.pdf);
    expect(await domainError(upload(owner, { ownerType: 'proposal', ownerId: proposal.id, file: file(huge, 'enorme.pdf'), maxBytes: 100 * MB }))).toMatchObject({
      code: 'file_too_large',
      details: { max: 20 * MB },
    });
    expect(await rowCount(t.db, files)).toBe(0);
  });

  it('neutralises path-traversal names: the name is only a label, the bytes stay under the uploads folder', async () => {
    const { owner, proposal } = await proposalWithOwner();
    const names: Record<string, string> = {
      '../../etc/passwd': 'passwd.pdf',
      '..\\x.pdf': 'x.pdf',
      '/var/www/../../tmp/evil.pdf': 'evil.pdf',
      '..': 'file.pdf',
      '<script>alert(1)</script>.pdf': 'script_.pdf',
      '<img src=x onerror=alert(1)>.pdf': '_img src=x onerror=alert(1)_.pdf',
    };
    for (const [name, expected] of Object.entries(names)) {
      const row = await upload(owner, { ownerType: 'proposal', ownerId: proposal.id, file: file(samples.pdf, name) });
      expect(row.originalName).toBe(expected);
    }
    const stored = storedFiles();
    expect(stored).toHaveLength(Object.keys(names).length);
    for (const relative of stored) expect(relative).toMatch(/^uploads\/[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f-]{36}$/);
  });

  it('removes the stored object again when the row cannot be written', async () => {
    const { proposal } = await proposalWithOwner();
    const ghost = { userId: '00000000-0000-4000-8000-000000000000', roles: ['resident'] as const, emailVerified: true };
    const ctx = testContext({ actor: { ...ghost, roles: [...ghost.roles] } });
    const before = storedFiles();
    await expect(
      saveUpload(t.db, storage, ctx, { ownerType: 'proposal', ownerId: proposal.id, purpose: 'budget', file: file(samples.pdf, 'a.pdf'), kinds: ['pdf'], maxBytes: MB }),
    ).rejects.toThrow();
    expect(await rowCount(t.db, files)).toBe(0);
    expect(storedFiles()).toEqual(before);
  });
});

describe('openDownload', () => {
  const open = (actor: TestUser | null, row: FileRow) => openDownload(t.db, storage, testContext({ actor: actor?.actor ?? null }), row.id);

  it('gives a proposal’s file to its proposer and to staff, not to another resident or an anonymous visitor', async () => {
    const { owner, proposal } = await proposalWithOwner();
    const row = await upload(owner, { ownerType: 'proposal', ownerId: proposal.id, file: file(samples.pdf, 'a.pdf') });
    const staff = await createUser(t.db, 'staff');
    const stranger = await createUser(t.db, 'resident');
    const evaluator = await createUser(t.db, 'evaluator');

    for (const allowed of [owner, staff]) {
      const download = await open(allowed, row);
      expect(download.file.id).toBe(row.id);
      expect(await read(download.body)).toEqual(samples.pdf);
    }
    expect(await domainError(open(stranger, row))).toMatchObject({ kind: 'forbidden', code: 'not_owner' });
    expect(await domainError(open(evaluator, row))).toMatchObject({ kind: 'forbidden', code: 'not_assigned' });
    expect(await domainError(open(null, row))).toMatchObject({ kind: 'forbidden', code: 'not_signed_in' });
  });

  it('follows an integration request to its proposal', async () => {
    const { owner, proposal } = await proposalWithOwner();
    const [request] = await t.db
      .insert(integrationRequests)
      .values({ proposalId: proposal.id, message: 'Manca il documento d’identità.', requirements: ['id_document'], dueAt: new Date(Date.now() + 10 * DAY) })
      .returning();
    const row = await upload(owner, { ownerType: 'integration_request', ownerId: request!.id, purpose: 'id_document', file: file(samples.jpeg, 'carta.jpg'), kinds: ['image'] });
    expect(await read((await open(owner, row)).body)).toEqual(samples.jpeg);
    expect(await domainError(open(await createUser(t.db, 'resident'), row))).toMatchObject({ code: 'not_owner' });
  });

  it('makes a published call’s documents public, and a draft’s documents staff-only', async () => {
    const staff = await createUser(t.db, 'staff');
    const resident = await createUser(t.db, 'resident');
    const published = await createCall(t.db, 'closed');
    const draft = await createCall(t.db, 'draft');
    const publicDoc = await upload(staff, { ownerType: 'call', ownerId: published.id, purpose: 'notice', file: file(samples.pdf, 'avviso.pdf') });
    const draftDoc = await upload(staff, { ownerType: 'call', ownerId: draft.id, purpose: 'notice', file: file(samples.pdf, 'bozza.pdf') });

    for (const anyone of [null, resident, staff]) expect(await read((await open(anyone, publicDoc)).body)).toEqual(samples.pdf);
    expect(await domainError(open(null, draftDoc))).toMatchObject({ code: 'not_signed_in' });
    expect(await domainError(open(resident, draftDoc))).toMatchObject({ code: 'missing_role' });
    expect(await read((await open(staff, draftDoc)).body)).toEqual(samples.pdf);
  });

  it('does not find unknown or malformed ids', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid', "1' or '1'='1", '../../etc/passwd']) {
      expect(await domainError(openDownload(t.db, storage, testContext(), id))).toMatchObject({ kind: 'not_found', code: 'file_not_found' });
    }
  });
});

describe('removeUpload', () => {
  it('hides the file from its owner but keeps it, and the history, for staff', async () => {
    const { owner, proposal } = await proposalWithOwner();
    const staff = await createUser(t.db, 'staff');
    const keep = await upload(owner, { ownerType: 'proposal', ownerId: proposal.id, file: file(samples.pdf, 'tieni.pdf') });
    const row = await upload(owner, { ownerType: 'proposal', ownerId: proposal.id, file: file(samples.pdf, 'togli.pdf') });
    const ctx = testContext({ actor: owner.actor, now: () => T0, requestId: 'req-remove' });

    const removed = await removeUpload(t.db, ctx, row.id, { ownerType: 'proposal', ownerId: proposal.id });
    expect(removed.deletedAt).toEqual(T0);
    expect((await listFiles(t.db, 'proposal', proposal.id)).map((f) => f.id)).toEqual([keep.id]);
    expect((await listFiles(t.db, 'proposal', proposal.id, { includeDeleted: true })).map((f) => f.id)).toEqual([keep.id, row.id]);
    expect((await auditTrail(t.db)).at(-1)).toMatchObject({ action: 'file.removed', entityId: row.id, actorId: owner.id, requestId: 'req-remove' });

    expect(await domainError(openDownload(t.db, storage, testContext({ actor: owner.actor }), row.id))).toMatchObject({ kind: 'not_found' });
    const forStaff = await openDownload(t.db, storage, testContext({ actor: staff.actor }), row.id);
    expect(await read(forStaff.body)).toEqual(samples.pdf);
    expect(storedFiles()).toContain(path.join('uploads', row.storageKey));
  });

  it('refuses a file of another owner, or one already removed, and changes nothing', async () => {
    const { owner, proposal } = await proposalWithOwner();
    const other = await proposalWithOwner();
    const row = await upload(other.owner, { ownerType: 'proposal', ownerId: other.proposal.id, file: file(samples.pdf, 'altrui.pdf') });
    const ctx = testContext({ actor: owner.actor });

    expect(await domainError(removeUpload(t.db, ctx, row.id, { ownerType: 'proposal', ownerId: proposal.id }))).toMatchObject({ kind: 'not_found' });
    expect((await listFiles(t.db, 'proposal', other.proposal.id)).map((f) => f.id)).toEqual([row.id]);

    await removeUpload(t.db, testContext({ actor: other.owner.actor }), row.id, { ownerType: 'proposal', ownerId: other.proposal.id });
    expect(await domainError(removeUpload(t.db, testContext({ actor: other.owner.actor }), row.id))).toMatchObject({ code: 'file_not_found' });
    expect((await auditTrail(t.db)).filter((e) => e.action === 'file.removed')).toHaveLength(1);
  });
});

describe('GET /files/{id}', () => {
  /** The endpoint with the parts of Astro's context it uses; the middleware supplies them in the app. */
  function get(actor: TestUser | null, id: string) {
    const url = new URL(`http://vivaio.test/files/${id}`);
    const context = {
      params: { id },
      url,
      locals: { runtime: { database: { db: t.db }, storage }, ctx: testContext({ actor: actor?.actor ?? null }), locale: 'en' },
      redirect: (location: string, status: number) => new Response(null, { status, headers: { Location: location } }),
    };
    return GET(context as unknown as Parameters<typeof GET>[0]) as Promise<Response>;
  }

  it('streams the file as a download the browser may not sniff, render or cache', async () => {
    const { owner, proposal } = await proposalWithOwner();
    const row = await upload(owner, { ownerType: 'proposal', ownerId: proposal.id, file: file(samples.pdf, 'Città – piano.pdf', 'text/html') });
    const response = await get(owner, row.id);
    expect(response.status).toBe(200);
    expect(Object.fromEntries(response.headers)).toMatchObject({
      'content-type': 'application/pdf',
      'content-length': String(samples.pdf.length),
      'content-disposition': `attachment; filename="Citta _ piano.pdf"; filename*=UTF-8''Citt%C3%A0%20%E2%80%93%20piano.pdf`,
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-store',
      'content-security-policy': "sandbox; default-src 'none'",
    });
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(samples.pdf);
  });

  it('sends anonymous visitors to sign in and back, and leaves refusals to the 403 page', async () => {
    const { owner, proposal } = await proposalWithOwner();
    const row = await upload(owner, { ownerType: 'proposal', ownerId: proposal.id, file: file(samples.pdf, 'a.pdf') });
    const anonymous = await get(null, row.id);
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toBe(`/en/login?next=${encodeURIComponent(`/files/${row.id}`)}`);
    expect(await domainError(get(await createUser(t.db, 'resident'), row.id))).toMatchObject({ kind: 'forbidden', code: 'not_owner' });
    expect(await domainError(get(owner, 'nope'))).toMatchObject({ kind: 'not_found' });
  });
});
