import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, inject } from 'vitest';
import { openDatabase, wrapPglite, type Database, type Db } from '../../src/lib/server/db/index.ts';
import { withDatabase } from './global-setup.ts';

export type TestDb = {
  readonly db: Db;
  readonly kind: 'pglite' | 'postgres';
  /** PostgreSQL only: the URL of this file's database, to open more independent pools. */
  readonly url: string | null;
  /** PostgreSQL only: a second, independent connection pool to the same database (another "instance"). */
  connect(): Promise<Database>;
};

/**
 * A fresh database for this test file, emptied before each test. Call at the top of a file:
 * `const t = useTestDb();` then use `t.db` inside tests.
 */
export function useTestDb(): TestDb {
  const template = inject('dbTemplate');
  let database: Database | null = null;
  let url: string | null = null;
  const extra: Database[] = [];
  let admin: { unsafe(q: string): Promise<unknown>; end(): Promise<void> } | null = null;
  const name = `vivaio_t_${process.env.VITEST_POOL_ID ?? '0'}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;

  beforeAll(async () => {
    if (template.kind === 'postgres') {
      const { default: postgres } = await import('postgres');
      admin = postgres(template.url, { max: 1, onnotice: () => {} });
      await admin.unsafe(`CREATE DATABASE ${name} TEMPLATE ${template.template}`);
      url = withDatabase(template.url, name);
      database = await openDatabase({ databaseUrl: url, pgliteDir: '' });
    } else {
      const { PGlite } = await import('@electric-sql/pglite');
      const client = await PGlite.create({ loadDataDir: new Blob([readFileSync(template.tarball)]) });
      database = await wrapPglite(client);
    }
  });

  beforeEach(async () => {
    await truncateAll(database!.db);
  });

  afterAll(async () => {
    for (const d of extra) await d.close();
    await database?.close();
    if (admin) {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });

  return {
    get db() {
      if (!database) throw new Error('useTestDb(): the database is opened in beforeAll');
      return database.db;
    },
    get kind() {
      return template.kind;
    },
    get url() {
      return url;
    },
    async connect() {
      if (!url) throw new Error('connect() needs PostgreSQL (TEST_DATABASE_URL)');
      const d = await openDatabase({ databaseUrl: url, pgliteDir: '' });
      extra.push(d);
      return d;
    },
  };
}

async function truncateAll(db: Db): Promise<void> {
  const result = await db.execute(sql`select tablename from pg_tables where schemaname = 'public'`);
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { tablename: string }[];
  if (rows.length === 0) return;
  const list = rows.map((r) => `"public"."${r.tablename}"`).join(', ');
  await db.execute(sql.raw(`TRUNCATE ${list} RESTART IDENTITY CASCADE`));
}
