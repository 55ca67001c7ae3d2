import { readConfig, type Config } from '../../src/lib/server/config.ts';
import { openDatabase, type Database } from '../../src/lib/server/db/index.ts';
import { DataDirLockedError } from '../../src/lib/server/db/dir-lock.ts';

/**
 * Shared plumbing of the db:* and admin:* commands: settings from the environment, one database
 * connection, and errors people can act on turned into one clear line and an exit code
 * (0 done, 1 failed, 2 wrong usage) instead of a stack trace.
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export const usageError = (message: string, usage: string) => new CliError(`${message}\n\n${usage}`, 2);

export function loadConfig(): Config {
  try {
    return readConfig(process.env);
  } catch (error) {
    throw new CliError((error as Error).message);
  }
}

/** Where the command works, for its output; a password in the URL is masked. */
export function describeTarget(config: Config): string {
  if (!config.databaseUrl) return `embedded database in ${config.pgliteDir}`;
  const url = new URL(config.databaseUrl);
  if (url.password) url.password = '***';
  return `PostgreSQL ${url.toString()}`;
}

export async function withDatabase<T>(config: Config, work: (database: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: config.pgliteDir, maxConnections: 1 });
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

export async function runCli(main: () => Promise<void>): Promise<void> {
  try {
    await main();
    process.exitCode = 0;
  } catch (error) {
    process.exitCode = report(error);
  }
}

/** postgres.js and Node network errors that mean "cannot reach the server", not a bug. */
const connectionCodes = new Set(['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'EAI_AGAIN', '28P01', '28000', '3D000']);

function report(error: unknown): number {
  if (error instanceof CliError) {
    console.error(error.message);
    return error.exitCode;
  }
  if (error instanceof DataDirLockedError) {
    console.error(error.message);
    return 1;
  }
  const connection = connectionError(error);
  if (connection) {
    console.error(`Cannot use the database (${connection.code}): ${connection.message}`);
    return 1;
  }
  console.error(error);
  return 1;
}

/** Drizzle wraps driver errors (DrizzleQueryError), so look down the `cause` chain. */
function connectionError(error: unknown): { code: string; message: string } | null {
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && connectionCodes.has(code)) return { code, message: (e as Error).message };
  }
  return null;
}
