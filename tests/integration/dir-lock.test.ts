import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataDirLockedError } from '../../src/lib/server/db/dir-lock.ts';
import { openDatabase } from '../../src/lib/server/db/index.ts';

/** One process per PGlite data folder (src/lib/server/db/dir-lock.ts), on a real folder. */
const root = mkdtempSync(path.join(tmpdir(), 'vivaio-lock-'));
const dir = path.join(root, 'data', 'pglite');
const lockFile = `${dir}.lock`;
afterAll(() => rmSync(root, { recursive: true, force: true }));

const repo = fileURLToPath(new URL('../..', import.meta.url));
function runCli(script: string) {
  return spawnSync(process.execPath, ['--import', 'tsx', script], {
    cwd: repo,
    encoding: 'utf8',
    env: { ...process.env, VIVAIO_DATA_DIR: path.dirname(dir), DATABASE_URL: '' },
  });
}

/** The pid of a process that has already exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

describe('PGlite data folder lock', () => {
  it('a second open of the same folder is refused with a clear message, and works after the first closes', async () => {
    const first = await openDatabase({ databaseUrl: null, pgliteDir: dir });
    expect(readFileSync(lockFile, 'utf8')).toBe(String(process.pid));

    const second = await openDatabase({ databaseUrl: null, pgliteDir: dir }).catch((e: unknown) => e);
    expect(second).toBeInstanceOf(DataDirLockedError);
    expect((second as Error).message).toContain(dir);
    expect((second as Error).message).toContain(`process ${process.pid}`);

    // The commands say so in one line and exit 1, without a stack trace.
    const cli = runCli('db/cli/migrate.ts');
    expect(cli.status).toBe(1);
    expect(cli.stderr.trim()).toBe((second as Error).message);
    expect(cli.stdout).toBe('');

    await first.close();
    expect(existsSync(lockFile)).toBe(false);
    const third = await openDatabase({ databaseUrl: null, pgliteDir: dir });
    await third.close();
  }, 60_000);

  it('a lock left by a process that died is taken over', async () => {
    writeFileSync(lockFile, String(deadPid()));
    const database = await openDatabase({ databaseUrl: null, pgliteDir: dir });
    expect(readFileSync(lockFile, 'utf8')).toBe(String(process.pid));
    await database.close();
    expect(existsSync(lockFile)).toBe(false);
  });

  it('a lock held by another live process is respected', async () => {
    writeFileSync(lockFile, String(process.ppid));
    await expect(openDatabase({ databaseUrl: null, pgliteDir: dir })).rejects.toBeInstanceOf(DataDirLockedError);
    expect(readFileSync(lockFile, 'utf8')).toBe(String(process.ppid)); // not stolen
    rmSync(lockFile);
  });
});
