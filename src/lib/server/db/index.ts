import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import * as schema from '../../../../db/schema/index.ts';
import { acquireDirLock, type DirLock } from './dir-lock.ts';

/** The driver-neutral handle the rest of the code uses (PGlite and postgres.js alike). */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Tx = PgTransaction<PgQueryResultHKT, typeof schema, ExtractTablesWithRelations<typeof schema>>;
/** Anything that runs queries: the database or an open transaction. */
export type Queryable = Db | Tx;
export type DatabaseKind = 'pglite' | 'postgres';

export type Database = {
  db: Db;
  kind: DatabaseKind;
  migrate(): Promise<void>;
  close(): Promise<void>;
};

export type OpenOptions = {
  databaseUrl: string | null;
  pgliteDir: string;
  /** Pool size for postgres.js (ignored by PGlite, which has one connection). */
  maxConnections?: number;
};

/** Migrations are read from the checkout (db/migrations), wherever the built server runs. */
export function migrationsFolder(): string {
  return path.resolve(process.env.VIVAIO_MIGRATIONS_DIR ?? 'db/migrations');
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  return options.databaseUrl ? openPostgres(options.databaseUrl, options.maxConnections ?? 10) : openPglite(options.pgliteDir);
}

async function openPostgres(url: string, max: number): Promise<Database> {
  const { default: postgres } = await import('postgres');
  const { drizzle } = await import('drizzle-orm/postgres-js');
  const { migrate } = await import('drizzle-orm/postgres-js/migrator');
  const client = postgres(url, { max, onnotice: () => {}, connection: { application_name: 'vivaio' } });
  const db = drizzle(client, { schema });
  return {
    db: db as unknown as Db,
    kind: 'postgres',
    migrate: () => migrate(db, { migrationsFolder: migrationsFolder() }),
    close: () => client.end({ timeout: 5 }),
  };
}

async function openPglite(dir: string): Promise<Database> {
  // PGlite creates only the last path segment itself; make the parents first.
  mkdirSync(path.dirname(dir), { recursive: true });
  const lock: DirLock = acquireDirLock(dir);
  try {
    const { PGlite } = await import('@electric-sql/pglite');
    const client = await PGlite.create(dir);
    return wrapPglite(client, () => lock.release());
  } catch (error) {
    lock.release();
    throw error;
  }
}

/** Wraps an already open PGlite (used by tests that load a migrated template). */
export async function wrapPglite(
  client: import('@electric-sql/pglite').PGlite,
  onClose: () => void = () => {},
): Promise<Database> {
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  const db = drizzle(client, { schema });
  return {
    db: db as unknown as Db,
    kind: 'pglite',
    migrate: () => migrate(db, { migrationsFolder: migrationsFolder() }),
    close: async () => {
      if (!client.closed) await client.close();
      onClose();
    },
  };
}

/** Names of the applied migrations, oldest first (drizzle's journal). */
export async function appliedMigrations(db: Db): Promise<number> {
  const { sql } = await import('drizzle-orm');
  const result = await db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { n: number }[];
  return rows[0]?.n ?? 0;
}

export function pgliteExists(dir: string): boolean {
  return existsSync(path.join(dir, 'PG_VERSION'));
}

export { schema };
