import { appConfig } from './env.ts';
import type { Config } from './config.ts';
import { openDatabase, type Database } from './db/index.ts';
import { createLogger, type Logger } from './logger.ts';
import { seedIfEmpty } from '../../../db/seed/index.ts';
import { startMailWorker, type MailWorker } from './mail/worker.ts';
import { createTransport } from './mail/transport.ts';
import { startHousekeeping } from './housekeeping.ts';
import { createStorage, type Storage } from './storage/index.ts';

/**
 * Process-wide resources: the database handle, the logger and the background mail worker. Nothing
 * here holds user state, so any number of instances can run behind a load balancer (PostgreSQL
 * only; the embedded database is one process by design).
 */
export type Runtime = { config: Config; database: Database; logger: Logger; mailWorker: MailWorker; mailKind: string; storage: Storage };

/**
 * The boot promise lives on globalThis, not in a module variable: `astro dev` may load this module
 * twice in one process (after Vite re-optimises dependencies), and a second boot would find the
 * embedded database's folder locked by its own process.
 */
const BOOT = Symbol.for('vivaio.runtime');
const slot = globalThis as Record<symbol, Promise<Runtime> | null | undefined>;

export function getRuntime(): Promise<Runtime> {
  slot[BOOT] ??= boot().catch((error) => {
    slot[BOOT] = null;
    throw error;
  });
  return slot[BOOT];
}

async function boot(): Promise<Runtime> {
  const config = appConfig();
  const logger = createLogger(config.logLevel, { service: 'vivaio' });
  const started = Date.now();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: config.pgliteDir });
  await database.migrate();
  const storage = createStorage(config, logger);
  if (config.demo) {
    const seeded = await seedIfEmpty(database.db, { origin: config.publicUrl ?? 'http://localhost:4321', storage });
    if (seeded) logger.info('demo data seeded', { kind: database.kind });
  }
  const transport = createTransport(config, logger);
  const mailWorker = startMailWorker({ db: database.db, transport, logger });
  const housekeeping = startHousekeeping(database.db, logger);
  logger.info('runtime ready', { database: database.kind, demo: config.demo, mail: transport.kind, storage: storage.kind, ms: Date.now() - started });
  const runtime = { config, database, logger, mailWorker, mailKind: transport.kind, storage };
  registerShutdown(runtime, () => housekeeping.stop());
  return runtime;
}

/**
 * Called by the launcher (src/cli/serve.mjs) after the HTTP server has stopped accepting
 * connections: stop the worker, then close the database so PGlite flushes and frees its folder.
 */
function registerShutdown(runtime: Runtime, stopTimers: () => void) {
  (globalThis as Record<symbol, unknown>)[Symbol.for('vivaio.shutdown')] = async () => {
    runtime.logger.info('shutting down');
    stopTimers();
    await runtime.mailWorker.stop();
    await runtime.database.close();
    runtime.logger.info('stopped');
  };
}
