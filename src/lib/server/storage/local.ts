import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { assertStorageKey, type Storage } from './types.ts';

/**
 * Files on the local disk, under `<VIVAIO_DATA_DIR>/uploads` by default. Only the owner of the
 * process can read them (files 0600, folders 0700): the web server never serves this folder; every
 * download goes through /files/{id} after the policy has said yes.
 */
export function createLocalStorage(root: string): Storage {
  const base = path.resolve(root);

  /** The path of a key, checked twice: by the key's shape and by where it lands. */
  function pathOf(key: string): string {
    assertStorageKey(key);
    const full = path.resolve(base, ...key.split('/'));
    if (!full.startsWith(base + path.sep)) throw new Error('Refused storage key outside the uploads folder');
    return full;
  }

  return {
    kind: 'local',

    async put(key, bytes) {
      const target = pathOf(key);
      await ensureDir(path.dirname(target));
      // Write beside the target and rename: a reader never sees half a file, and a crash leaves
      // only a temporary file, never a truncated upload under a real key.
      const temporary = `${target}.${randomBytes(6).toString('hex')}.part`;
      try {
        await writeFile(temporary, bytes, { mode: 0o600, flag: 'wx' });
        await rename(temporary, target);
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
    },

    async get(key) {
      const target = pathOf(key);
      let handle;
      try {
        handle = await open(target, 'r');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
      // The stream closes the handle when it ends or is cancelled.
      return Readable.toWeb(handle.createReadStream()) as ReadableStream<Uint8Array>;
    },

    async remove(key) {
      await rm(pathOf(key), { force: true });
    },
  };
}

/** A folder only we can enter (the umask can only remove permission bits, never add them). */
async function ensureDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
}
