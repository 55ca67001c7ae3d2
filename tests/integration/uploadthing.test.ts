import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDownload } from '../../src/domain/files/open-download.server.ts';
import { saveUpload } from '../../src/domain/files/save-upload.server.ts';
import { createLogger } from '../../src/lib/server/logger.ts';
import { createStorage, newStorageKey, type Storage } from '../../src/lib/server/storage/index.ts';
import { createCall, createProposal, createUser } from '../factories/index.ts';
import { testContext } from '../support/context.ts';
import { useTestDb } from '../support/db.ts';
import { samples } from '../support/file-samples.ts';
import { startUploadThingStandIn, type UploadThingStandIn } from '../support/uploadthing-stand-in.ts';

/**
 * The UploadThing adapter against a local stand-in (tests/support/uploadthing-stand-in.ts): the
 * SDK is pointed at it with UPLOADTHING_API_URL / UPLOADTHING_INGEST_URL / UPLOADTHING_UFS_HOST,
 * exactly as an operator would point it at another endpoint. Nothing leaves the machine.
 */
const t = useTestDb();
let standIn: UploadThingStandIn;
let storage: Storage;
const saved: Record<string, string | undefined> = {};
const read = async (body: ReadableStream<Uint8Array> | null) => new Uint8Array(await new Response(body).arrayBuffer());

beforeAll(async () => {
  standIn = await startUploadThingStandIn();
  for (const [name, value] of Object.entries(standIn.env)) {
    saved[name] = process.env[name];
    process.env[name] = value;
  }
  storage = createStorage({ uploadthingToken: standIn.token, uploadsDir: '/nonexistent/never-used' }, createLogger('error'));
});

afterAll(async () => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  await standIn?.close();
});

describe('UploadThing storage', () => {
  it('is chosen when a token is configured', () => {
    expect(storage.kind).toBe('uploadthing');
  });

  it('round-trips bytes: put, then get through a signed URL, then remove', async () => {
    const key = newStorageKey();
    await storage.put(key, samples.pdf, 'application/pdf');

    const stored = [...standIn.objects.values()].find((o) => o.customId === key.replaceAll('/', '-'));
    expect(stored).toMatchObject({ type: 'application/pdf', acl: 'private', disposition: 'attachment' });
    expect(stored!.bytes).toEqual(samples.pdf);

    expect(await read(await storage.get(key))).toEqual(samples.pdf);
    expect(standIn.requests).toContain(`GET /a/${standIn.appId}/${key.replaceAll('/', '-')}`);

    await storage.remove(key);
    expect(standIn.objects.has(stored!.key)).toBe(false);
    expect(await storage.get(key)).toBeNull();
  });

  it('answers null for a key that was never stored, and removing it is not an error', async () => {
    const key = newStorageKey();
    expect(await storage.get(key)).toBeNull();
    await expect(storage.remove(key)).resolves.toBeUndefined();
  });

  it('refuses keys it did not make, before any request', async () => {
    const before = standIn.requests.length;
    await expect(storage.put('../../etc/passwd', samples.pdf, 'application/pdf')).rejects.toThrow(/Refused storage key/);
    await expect(storage.get('ab/cd/../../x')).rejects.toThrow(/Refused storage key/);
    await expect(storage.remove('')).rejects.toThrow(/Refused storage key/);
    expect(standIn.requests.length).toBe(before);
  });

  it('fails loudly when the service refuses the credentials', async () => {
    const forged = Buffer.from(JSON.stringify({ apiKey: 'sk_live_forged', appId: standIn.appId, regions: ['fra1'] })).toString('base64');
    const before = standIn.objects.size;
    const logged: string[] = [];
    const logger = { ...createLogger('error'), error: (msg: string) => void logged.push(msg) };
    const wrong = createStorage({ uploadthingToken: forged, uploadsDir: '/nonexistent' }, { ...logger, child: () => logger });
    await expect(wrong.put(newStorageKey(), samples.pdf, 'application/pdf')).rejects.toThrow(/UPLOAD_FAILED/);
    expect(logged).toEqual(['upload failed']);
    expect(standIn.objects.size).toBe(before);
  });

  it('serves an uploaded attachment through the policy, like the local disk', async () => {
    const owner = await createUser(t.db, 'resident');
    const call = await createCall(t.db, 'open');
    const proposal = await createProposal(t.db, { callId: call.id, proposerId: owner.id });
    const file = new File([samples.docx as Uint8Array<ArrayBuffer>], 'Piano dei costi.docx');
    const row = await saveUpload(t.db, storage, testContext({ actor: owner.actor }), {
      ownerType: 'proposal',
      ownerId: proposal.id,
      purpose: 'budget',
      file,
      kinds: ['pdf', 'office'],
      maxBytes: 1024 * 1024,
    });
    expect(row.storage).toBe('uploadthing');

    const download = await openDownload(t.db, storage, testContext({ actor: owner.actor }), row.id);
    expect(await read(download.body)).toEqual(samples.docx);
    const stranger = await createUser(t.db, 'resident');
    await expect(openDownload(t.db, storage, testContext({ actor: stranger.actor }), row.id)).rejects.toMatchObject({ code: 'not_owner' });
  });
});
