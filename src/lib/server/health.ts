import { readFileSync } from 'node:fs';
import path from 'node:path';
import { appliedMigrations, migrationsFolder } from './db/index.ts';
import type { Runtime } from './runtime.ts';
import pkg from '../../../package.json' with { type: 'json' };

export type HealthReport = {
  status: 'ok' | 'error';
  database: 'pglite' | 'postgres';
  /** Applied migrations by name (drizzle-kit tags), oldest first, and how many the code expects. */
  migrations: { applied: string[]; expected: number };
  version: string;
  demo: boolean;
  mail: string;
  error?: string;
};

function journalTags(): string[] {
  try {
    const journal = JSON.parse(readFileSync(path.join(migrationsFolder(), 'meta/_journal.json'), 'utf8')) as { entries: { tag: string }[] };
    return journal.entries.map((e) => e.tag);
  } catch {
    return [];
  }
}

export async function health(runtime: Runtime): Promise<HealthReport> {
  const tags = journalTags();
  const base = { database: runtime.database.kind, version: pkg.version, demo: runtime.config.demo, mail: runtime.mailKind };
  try {
    const applied = await appliedMigrations(runtime.database.db);
    const names = tags.slice(0, applied);
    const status = applied >= tags.length ? 'ok' : 'error';
    return { status, migrations: { applied: names, expected: tags.length }, ...base };
  } catch (error) {
    runtime.logger.error('health check failed', { error });
    return { status: 'error', migrations: { applied: [], expected: tags.length }, error: 'database unavailable', ...base };
  }
}
