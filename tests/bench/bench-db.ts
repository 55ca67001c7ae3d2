/**
 * What the "at scale" benchmarks share: the same measurement on a throw-away PostgreSQL database
 * (BENCH_DATABASE_URL, TEST_DATABASE_URL or the local server; skipped with a line when none
 * answers) and on an in-memory PGlite, both migrated, and the Markdown table of the results
 * (timings: median() of tests/support/timing.ts).
 */
import { openDatabase, wrapPglite, type Database, type Db } from '../../src/lib/server/db/index.ts';

export type BenchRow = { database: string; step: string; ms: number; note?: string };
type Measure<R> = (label: 'PostgreSQL' | 'PGlite', db: Db) => Promise<R[]>;

/** PostgreSQL rows first (or the line saying why it was skipped), then PGlite's. */
export async function onBothDatabases<R>(databaseName: string, measure: Measure<R>): Promise<R[]> {
  const pg = await onPostgres(databaseName, measure);
  if (typeof pg === 'string') console.log(pg);
  return [...(typeof pg === 'string' ? [] : pg), ...(await onPglite(measure))];
}

/** A Markdown table; the notes column only when the benchmark writes notes. */
export function printRows(rows: BenchRow[], withNotes = false): void {
  console.log(withNotes ? '| database | step | ms | notes |\n|---|---|---|---|' : '| database | step | ms |\n|---|---|---|');
  for (const r of rows) console.log(`| ${r.database} | ${r.step} | ${r.ms.toFixed(1)} |${withNotes ? ` ${r.note ?? ''} |` : ''}`);
}

async function onPostgres<R>(databaseName: string, measure: Measure<R>): Promise<R[] | string> {
  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const { default: postgres } = await import('postgres');
  const admin = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 3 });
  const name = `${databaseName}_${process.pid}`;
  try {
    await admin.unsafe(`CREATE DATABASE ${name}`);
  } catch (error) {
    await admin.end({ timeout: 1 }).catch(() => {});
    return `PostgreSQL not reachable at ${new URL(url).host} (${error instanceof Error ? error.message : String(error)}): skipped.`;
  }
  let database: Database | null = null;
  try {
    const u = new URL(url);
    u.pathname = `/${name}`;
    database = await openDatabase({ databaseUrl: u.toString(), pgliteDir: '', maxConnections: 4 });
    await database.migrate();
    return await measure('PostgreSQL', database.db);
  } finally {
    await database?.close();
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

async function onPglite<R>(measure: Measure<R>): Promise<R[]> {
  const { PGlite } = await import('@electric-sql/pglite');
  const database = await wrapPglite(await PGlite.create());
  try {
    await database.migrate();
    return await measure('PGlite', database.db);
  } finally {
    await database.close();
  }
}
