/**
 * `npm run bench`: timing targets live here, never in tests. Builds nothing: run `npm run build`
 * first (or `npm start` once). Prints a table; exits non-zero only if something broke.
 *
 * - Public page throughput and latency of the built server (PGlite, demo data) next to a bare
 *   Node HTTP server answering a page of the same size: DESIGN.md asks for "a large share" of it.
 * - Session validation and password hashing, the per-request and per-login costs.
 */
import http from 'node:http';
import { PGlite } from '@electric-sql/pglite';
import { wrapPglite } from '../../src/lib/server/db/index.ts';
import { createSession, validateSessionToken } from '../../src/domain/accounts/session.server.ts';
import { hashPassword, verifyPassword } from '../../src/domain/accounts/password.server.ts';
import { createUser } from '../factories/index.ts';
import { startAppServer } from '../e2e/support/server.ts';
import { deadlineSpike } from './deadline-spike.ts';
import { benchRankingAtScale } from './ranking-at-scale.ts';
import { benchOpenDataAtScale } from './open-data-at-scale.ts';

const DURATION_MS = Number(process.env.BENCH_SECONDS ?? 5) * 1000;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);

type Load = { requests: number; rps: number; p50: number; p99: number; errors: number };

async function load(url: string): Promise<Load> {
  const latencies: number[] = [];
  let errors = 0;
  const end = Date.now() + DURATION_MS;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (Date.now() < end) {
        const t0 = performance.now();
        try {
          const res = await fetch(url);
          await res.arrayBuffer();
          if (res.status !== 200) errors++;
        } catch {
          errors++;
        }
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((latencies.length * p) / 100))] ?? 0;
  return { requests: latencies.length, rps: latencies.length / seconds, p50: pct(50), p99: pct(99), errors };
}

async function bareServer(body: string): Promise<{ url: string; close(): void }> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return { url: `http://127.0.0.1:${address.port}/`, close: () => server.close() };
}

async function time(label: string, n: number, fn: () => Promise<unknown>) {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await fn();
  const ms = (performance.now() - t0) / n;
  return { label, ms };
}

const fmt = (n: number) => n.toFixed(1);

async function main() {
  const app = await startAppServer({ VIVAIO_LOG_LEVEL: 'warn' });
  try {
    const page = await (await fetch(`${app.baseUrl}/it/`)).text();
    await load(`${app.baseUrl}/it/`); // warm-up
    const appLoad = await load(`${app.baseUrl}/it/`);
    const bare = await bareServer(page);
    const bareLoad = await load(bare.url);
    bare.close();
    console.log(`\nPublic page /it/ (${page.length} bytes), ${CONCURRENCY} concurrent clients, ${DURATION_MS / 1000} s each`);
    console.log('| server | req/s | p50 ms | p99 ms | errors |\n|---|---|---|---|---|');
    for (const [name, r] of [['Vivaio (built, PGlite)', appLoad], ['bare node:http, same bytes', bareLoad]] as const) {
      console.log(`| ${name} | ${fmt(r.rps)} | ${fmt(r.p50)} | ${fmt(r.p99)} | ${r.errors} |`);
    }
    console.log(`Vivaio reaches ${fmt((100 * appLoad.rps) / bareLoad.rps)}% of the bare server's throughput.`);
  } finally {
    await app.stop();
  }

  const client = await PGlite.create();
  const database = await wrapPglite(client);
  await database.migrate();
  const user = await createUser(database.db);
  const { token } = await createSession(database.db, user.id, new Date());
  const hash = await hashPassword('una frase lunga e sicura');
  const rows = [
    await time('session validation (PGlite, per request)', 500, () => validateSessionToken(database.db, token, new Date())),
    await time('argon2id hash (registration, password change)', 10, () => hashPassword('una frase lunga e sicura')),
    await time('argon2id verify (sign-in)', 10, () => verifyPassword(hash, 'una frase lunga e sicura')),
  ];
  await database.close();
  console.log('\n| operation | mean ms |\n|---|---|');
  for (const r of rows) console.log(`| ${r.label} | ${fmt(r.ms)} |`);
  if (process.env.BENCH_SKIP_SPIKE !== '1') await deadlineSpike();
  if (process.env.BENCH_SKIP_RANKING !== '1') await benchRankingAtScale();
  if (process.env.BENCH_SKIP_OPEN_DATA !== '1') await benchOpenDataAtScale();
}

await main();
