import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { wrapPglite } from '../../src/lib/server/db/index.ts';
import { isAlive } from '../../src/lib/server/db/dir-lock.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** PostgreSQL: name of a migrated template database. PGlite: path of a migrated data-dir tarball. */
    dbTemplate: { kind: 'postgres'; url: string; template: string } | { kind: 'pglite'; tarball: string };
  }
}

/**
 * Migrates the schema once per run; each test file then gets its own database copied from it
 * (tests/support/db.ts): CREATE DATABASE … TEMPLATE on a server, a loaded tarball on PGlite.
 */
export default async function setup(project: TestProject) {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const { default: postgres } = await import('postgres');
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await dropLeftovers(admin);
    const template = `vivaio_tpl_${process.pid}`;
    await admin.unsafe(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    await admin.unsafe(`CREATE DATABASE ${template}`);
    const { openDatabase } = await import('../../src/lib/server/db/index.ts');
    const tpl = await openDatabase({ databaseUrl: withDatabase(url, template), pgliteDir: '', maxConnections: 1 });
    await tpl.migrate();
    await tpl.close();
    project.provide('dbTemplate', { kind: 'postgres', url, template });
    return async () => {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
      await admin.end();
    };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const client = await PGlite.create();
  const database = await wrapPglite(client);
  await database.migrate();
  const dump = await client.dumpDataDir('none');
  const dir = mkdtempSync(path.join(tmpdir(), 'vivaio-test-'));
  const tarball = path.join(dir, 'template.tar');
  writeFileSync(tarball, Buffer.from(await dump.arrayBuffer()));
  await database.close();
  project.provide('dbTemplate', { kind: 'pglite', tarball });
  return () => rmSync(dir, { recursive: true, force: true });
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Databases left by a run that was killed before its teardown (its process is gone). */
async function dropLeftovers(admin: { unsafe(q: string): Promise<unknown> }) {
  const rows = (await admin.unsafe(`SELECT datname FROM pg_database WHERE datname ~ '^vivaio_(tpl|t)_'`)) as { datname: string }[];
  for (const { datname } of rows) {
    const pid = Number(/^vivaio_tpl_(\d+)$/.exec(datname)?.[1] ?? /^vivaio_t_\d+_(\d+)_/.exec(datname)?.[1]);
    if (!Number.isFinite(pid) || isAlive(pid)) continue;
    await admin.unsafe(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  }
}
