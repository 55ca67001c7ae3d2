import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';

export type DirLock = { path: string; release(): void };

export class DataDirLockedError extends Error {
  constructor(dir: string, pid: number) {
    super(
      `The embedded database in ${dir} is already in use by process ${pid}. ` +
        'PGlite allows one process per data folder: stop the other process (the server, or a ' +
        'db:migrate / db:seed / admin:create command), or set VIVAIO_DATA_DIR to another folder.',
    );
    this.name = 'DataDirLockedError';
  }
}

/**
 * PGlite has no lock of its own, and two processes on one folder corrupt it. We hold a lock file
 * beside the folder, created with O_EXCL; a lock left by a process that has died is taken over.
 */
export function acquireDirLock(dir: string): DirLock {
  const lockPath = `${dir}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          if (readPid(lockPath) === process.pid) rmSync(lockPath, { force: true });
        } catch {
          // already gone
        }
      };
      process.once('exit', release);
      return { path: lockPath, release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = readPid(lockPath);
      if (pid !== null && isAlive(pid)) throw new DataDirLockedError(dir, pid);
      rmSync(lockPath, { force: true }); // stale: its owner is gone
    }
  }
  throw new Error(`Could not lock ${dir}`);
}

function readPid(lockPath: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(lockPath, 'utf8'), 10);
    return Number.isFinite(pid) ? pid : null;
  } catch {
    return null;
  }
}

/** Whether a process with this id exists (EPERM: it does, but belongs to another user). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
