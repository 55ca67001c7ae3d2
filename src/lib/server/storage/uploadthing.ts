import { UTApi, UTFile } from 'uploadthing/server';
import type { Logger } from '../logger.ts';
import { assertStorageKey, type Storage } from './types.ts';

/** How long a signed URL stays valid: we use it at once, server-side, and never hand it out. */
const SIGNED_URL_SECONDS = 60;

/**
 * Files on UploadThing, used when UPLOADTHING_TOKEN is set. Objects are uploaded with a private
 * ACL and `attachment` disposition under a customId derived from our random key; nobody is ever
 * given an UploadThing URL. Downloads still go through /files/{id}: after the policy says yes, the
 * server signs a short-lived URL, fetches the object and streams it back.
 *
 * The SDK also reads UPLOADTHING_API_URL, UPLOADTHING_INGEST_URL, UPLOADTHING_UFS_HOST and
 * UPLOADTHING_UFS_APP_ID_LOCATION from the environment (the tests point them at a local stand-in).
 */
export function createUploadThingStorage(options: { token: string; logger: Logger; fetch?: typeof fetch }): Storage {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  // The SDK's own error logs would print presigned upload URLs: we log what matters ourselves.
  const api = new UTApi({ token: options.token, fetch: fetchImpl, logLevel: 'None' });
  const logger = options.logger.child({ storage: 'uploadthing' });
  silenceInternalDeprecationWarnings();

  return {
    kind: 'uploadthing',

    async put(key, bytes, mime) {
      const customId = customIdOf(key);
      // The name is only metadata on UploadThing's side; the real name stays in our database.
      const file = new UTFile([bytes as Uint8Array<ArrayBuffer>], `${customId}.bin`, { type: mime, customId });
      const result = await api.uploadFiles(file, { acl: 'private', contentDisposition: 'attachment' });
      if (result.error) {
        logger.error('upload failed', { code: result.error.code, message: result.error.message });
        throw new Error(`UploadThing upload failed: ${result.error.code}`);
      }
    },

    async get(key) {
      const { ufsUrl } = await api.generateSignedURL(customIdOf(key), { expiresIn: SIGNED_URL_SECONDS });
      const response = await fetchImpl(ufsUrl, { redirect: 'follow' });
      if (response.status === 404) {
        await response.body?.cancel();
        return null;
      }
      if (!response.ok || !response.body) {
        await response.body?.cancel();
        logger.error('download failed', { status: response.status });
        throw new Error(`UploadThing download failed with status ${response.status}`);
      }
      return response.body as ReadableStream<Uint8Array>;
    },

    async remove(key) {
      await api.deleteFiles(customIdOf(key), { keyType: 'customId' });
    },
  };
}

/** `ab/cd/<uuid>` → `ab-cd-<uuid>`: one-to-one, and safe in a URL path segment. */
function customIdOf(key: string): string {
  assertStorageKey(key);
  return key.replaceAll('/', '-');
}

/**
 * uploadthing 7.7 reads its own deprecated `url`/`appUrl` getters inside `uploadFiles`, so every
 * upload prints two deprecation warnings we cannot act on (upstream: pingdotgg/uploadthing#1224).
 * Drop exactly those two lines; every other warning passes through.
 */
let silenced = false;
function silenceInternalDeprecationWarnings() {
  if (silenced) return;
  silenced = true;
  const warn = console.warn.bind(console);
  console.warn = (...args: unknown[]) => {
    const first = args[0];
    if (typeof first === 'string' && /^⚠️ \[uploadthing\]\[deprecated\] `file\.(url|appUrl)` is deprecated/.test(first)) return;
    warn(...args);
  };
}
