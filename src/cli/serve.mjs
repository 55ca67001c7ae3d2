#!/usr/bin/env node
// `npm start`: builds the app when the build is missing or older than the sources, starts the
// server, warms it up (migrations, demo seed, mail worker) and shuts down gracefully on SIGTERM.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = process.cwd();
// VIVAIO_DIST: a build made elsewhere (`astro build --outDir …`, used by parallel browser-test runs).
const entry = path.join(process.env.VIVAIO_DIST ?? path.join(root, 'dist'), 'server/entry.mjs');
const sources = ['src', 'db', 'content', 'public', 'astro.config.mjs', 'package.json'];

function newestMtime(target) {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, name)));
  return newest;
}

const builtAt = existsSync(entry) ? statSync(entry).mtimeMs : 0;
if (process.env.VIVAIO_SKIP_BUILD !== '1' && sources.some((s) => newestMtime(path.join(root, s)) > builtAt)) {
  console.log(JSON.stringify({ time: new Date().toISOString(), level: 'info', msg: 'building the app (sources changed)' }));
  const astro = path.join(root, 'node_modules/astro/bin/astro.mjs');
  const result = spawnSync(process.execPath, [astro, 'build'], {
    stdio: 'inherit',
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

process.env.ASTRO_NODE_AUTOSTART = 'disabled';
const { startServer } = await import(pathToFileURL(entry).href);
const { server } = startServer();
const port = Number(process.env.PORT ?? 4321);
server.server.on('error', (error) => {
  const hint = error.code === 'EADDRINUSE' ? ` Port ${port} is already in use: stop the other server or set PORT.` : '';
  console.error(JSON.stringify({ time: new Date().toISOString(), level: 'error', msg: `cannot listen: ${error.message}.${hint}` }));
  process.exit(1);
});
const host = process.env.HOST && process.env.HOST !== '0.0.0.0' && process.env.HOST !== '::' ? process.env.HOST : '127.0.0.1';

// The first request opens and migrates the database; do it now rather than for a visitor, and
// stop with the reason if it cannot start (database unreachable, data folder in use…).
server.server.once('listening', async () => {
  let failure = null;
  try {
    const response = await fetch(`http://${host.includes(':') ? `[${host}]` : host}:${port}/healthz`);
    if (!response.ok) failure = (await response.json().catch(() => null))?.error ?? `health check answered ${response.status}`;
  } catch (error) {
    failure = String(error);
  }
  if (failure) {
    console.error(JSON.stringify({ time: new Date().toISOString(), level: 'error', msg: `start-up failed: ${failure}` }));
    await shutdown('start-up failure', 1);
  }
});

let stopping = false;
async function shutdown(signal, exitCode = 0) {
  if (stopping) return;
  stopping = true;
  console.log(JSON.stringify({ time: new Date().toISOString(), level: 'info', msg: 'stopping', signal }));
  // Stop accepting connections and let requests in flight finish (at most 10 s).
  const closed = new Promise((resolve) => server.server.close(resolve));
  server.server.closeIdleConnections?.();
  const timeout = new Promise((resolve) => setTimeout(resolve, 10_000).unref());
  await Promise.race([closed, timeout]);
  try {
    await globalThis[Symbol.for('vivaio.shutdown')]?.();
  } finally {
    process.exit(exitCode);
  }
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
