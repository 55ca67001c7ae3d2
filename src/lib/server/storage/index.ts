import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import { createLocalStorage } from './local.ts';
import { createUploadThingStorage } from './uploadthing.ts';
import type { Storage } from './types.ts';

export type { Storage, StorageKind } from './types.ts';
export { isStorageKey, newStorageKey } from './types.ts';

/** UploadThing when UPLOADTHING_TOKEN is set, otherwise the local disk under `<data dir>/uploads`. */
export function createStorage(config: Pick<Config, 'uploadsDir' | 'uploadthingToken'>, logger: Logger): Storage {
  if (config.uploadthingToken) return createUploadThingStorage({ token: config.uploadthingToken, logger });
  return createLocalStorage(config.uploadsDir);
}
