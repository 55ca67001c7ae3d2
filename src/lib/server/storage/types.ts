import { randomUUID } from 'node:crypto';

/**
 * Where uploaded bytes live. The database (`files` table) holds everything else: who, what, the
 * SHA-256 and the sniffed type. Keys are always made by `newStorageKey()`; adapters refuse any
 * other string, so a key can never name a path or an object that is not ours.
 */
export type StorageKind = 'local' | 'uploadthing';

export type Storage = {
  readonly kind: StorageKind;
  /** Stores the bytes under a key from `newStorageKey()`. */
  put(key: string, bytes: Uint8Array, mime: string): Promise<void>;
  /** The stored bytes as a stream, or null when nothing is stored under the key. */
  get(key: string): Promise<ReadableStream<Uint8Array> | null>;
  /** Deletes the object; removing a missing object is not an error. */
  remove(key: string): Promise<void>;
};

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}';
const KEY = new RegExp(`^([0-9a-f]{2})/([0-9a-f]{2})/(${UUID})$`);

/**
 * A random key with a two-level fan-out taken from the UUID itself (`ab/cd/abcd…`), so that no
 * folder on disk grows past a few thousand entries.
 */
export function newStorageKey(): string {
  const id = randomUUID();
  return `${id.slice(0, 2)}/${id.slice(2, 4)}/${id}`;
}

/** Whether `key` has exactly the shape `newStorageKey()` produces (and nothing else). */
export function isStorageKey(key: unknown): key is string {
  if (typeof key !== 'string') return false;
  const match = KEY.exec(key);
  return match !== null && match[3]!.startsWith(match[1]! + match[2]!);
}

/** Refuses a key we did not make: a programming error, never something a visitor can cause. */
export function assertStorageKey(key: unknown): asserts key is string {
  if (!isStorageKey(key)) throw new Error(`Refused storage key ${JSON.stringify(String(key).slice(0, 80))}`);
}
