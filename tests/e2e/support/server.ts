import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * The built app (dist/, made by `npm run build` in `test:e2e`) on a free port with a fresh data
 * folder, so each test file gets an empty demo database: migrated and seeded on first start.
 * Started through the real launcher (src/cli/serve.mjs) so the e2e suite also covers warm-up and
 * graceful shutdown.
 */
export type AppServer = {
  baseUrl: string;
  /** Everything the server printed so far (JSON log lines). */
  output: () => string;
  /** Log lines at level "error", and requests that ended in a 5xx. */
  serverErrors: () => string[];
  stop: () => Promise<void>;
};

const root = process.cwd();
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;

export async function startAppServer(env: Record<string, string> = {}): Promise<AppServer> {
  // VIVAIO_DIST: a build elsewhere (`astro build --outDir …`), so two checkouts' builds do not collide.
  const entry = path.join(process.env.VIVAIO_DIST ?? path.join(root, 'dist'), 'server/entry.mjs');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\` (or \`npm run test:e2e\`, which builds first)`);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'vivaio-e2e-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(nodeBinary(), ['src/cli/serve.mjs'], {
    cwd: root,
    env: {
      ...cleanEnv(),
      HOST: '127.0.0.1',
      PORT: String(port),
      VIVAIO_DATA_DIR: dataDir,
      VIVAIO_SKIP_BUILD: '1',
      VIVAIO_LOG_LEVEL: 'info',
      ASTRO_TELEMETRY_DISABLED: '1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const server: AppServer = {
    baseUrl,
    output: () => output,
    serverErrors: () => errorLines(output),
    stop: async () => {
      await stopProcess(child);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  try {
    await waitForHealth(baseUrl, child, () => output);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

/** The project's Node (24, a devDependency): vitest runs on it; the fallback covers odd launches. */
function nodeBinary(): string {
  const major = Number(process.versions.node.split('.')[0]);
  if (major >= 22) return process.execPath;
  const local = path.join(root, 'node_modules/node/bin/node');
  if (existsSync(local)) return local;
  throw new Error(`Node ${process.versions.node} is too old for the app; put node_modules/node/bin first on the PATH`);
}

/** The server under test must not inherit a real database or mail server from the shell. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of ['DATABASE_URL', 'TEST_DATABASE_URL', 'SMTP_URL', 'UPLOADTHING_TOKEN', 'VIVAIO_PUBLIC_URL', 'VIVAIO_DEMO', 'VIVAIO_TRUST_PROXY']) {
    delete env[name];
  }
  return env;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

async function waitForHealth(baseUrl: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the server exited (code ${child.exitCode ?? child.signalCode}) before it was healthy:\n${output()}`);
    }
    try {
      const response = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(5_000) });
      const body = await response.text();
      if (response.ok && JSON.parse(body).status === 'ok') return;
      last = `${response.status} ${body}`;
    } catch (error) {
      last = String(error);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the server did not become healthy in ${START_TIMEOUT_MS / 1000} s (last: ${last}):\n${output()}`);
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timedOut = await Promise.race([exited.then(() => false), new Promise<boolean>((r) => setTimeout(() => r(true), STOP_TIMEOUT_MS))]);
  if (timedOut) {
    child.kill('SIGKILL');
    await exited;
    throw new Error(`the server did not stop within ${STOP_TIMEOUT_MS / 1000} s of SIGTERM`);
  }
}

function errorLines(output: string): string[] {
  return output
    .split('\n')
    .filter((line) => {
      if (!line.trim()) return false;
      try {
        const entry = JSON.parse(line) as { level?: string; status?: number };
        return entry.level === 'error' || (typeof entry.status === 'number' && entry.status >= 500);
      } catch {
        // Anything not in the JSON log format (a stack trace, a crash) counts as an error.
        return /error/i.test(line);
      }
    });
}
