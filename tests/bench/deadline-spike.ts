/**
 * The "deadline spike" of issue 3: SPIKE_COUNT residents (default 1,000) each upload a 1 MB PDF
 * to their draft and submit it, through the real form actions of the BUILT server on a fresh
 * PostgreSQL database, while the call's deadline falls in the burst; the last tenth only start
 * after the deadline. Afterwards the database must show that no submission was lost, doubled or
 * late, and that protocol numbers are gapless. Needs `npm run build` and PostgreSQL on
 * 127.0.0.1:5432 (SPIKE_PG_URL to change); prints a skip line when it is not reachable.
 *
 * SPIKE_COUNT, SPIKE_CONCURRENCY (default 48) and SPIKE_DEADLINE_SECONDS (after the start of the
 * load; default: about when 80% of the on-time attempts should be done) scale it.
 */
import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import postgres from 'postgres';
import { startAppServer, type AppServer } from '../e2e/support/server.ts';
import { seedSpike, type SpikeSeed } from './spike-seed.ts';
import { checkSpike, type Attempt } from './spike-checks.ts';

const ADMIN_URL = process.env.SPIKE_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const COUNT = Math.max(10, Number(process.env.SPIKE_COUNT ?? 1000));
const CONCURRENCY = Math.max(1, Number(process.env.SPIKE_CONCURRENCY ?? 48));
/** The share of attempts that deliberately start after the deadline. */
const LATE_SHARE = 0.1;
const FILE_BYTES = 1024 * 1024;
/** The Italian text of errors.deadline_passed, which a refused save or submit shows. */
const DEADLINE_TEXT = 'La scadenza è passata';

export async function deadlineSpike(): Promise<void> {
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {}, connect_timeout: 3 });
  try {
    await admin`select 1`;
  } catch (error) {
    console.log(`\nDeadline spike: SKIPPED, PostgreSQL is not reachable at ${ADMIN_URL} (${String(error).split('\n')[0]}).`);
    await admin.end({ timeout: 1 }).catch(() => {});
    return;
  }
  const name = `vivaio_spike_${randomBytes(4).toString('hex')}`;
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const url = withDatabase(ADMIN_URL, name);
  let app: AppServer | null = null;
  try {
    console.log(`\nDeadline spike: seeding ${COUNT} residents with drafts on ${name}…`);
    const seed = await seedSpike(url, COUNT);
    app = await startAppServer({ DATABASE_URL: url, VIVAIO_LOG_LEVEL: 'warn' });
    const { attempts, closesAt, seconds } = await fireLoad(app.baseUrl, url, seed);
    await app.stop();
    app = null;
    const failed = await report(url, seed, attempts, closesAt, seconds);
    if (failed) process.exitCode = 1;
  } finally {
    await app?.stop().catch(() => {});
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** A 1 MB file that is a PDF by its first bytes, padded with a comment. */
function pdfOfSize(bytes: number): Uint8Array {
  const head = Buffer.from('%PDF-1.4\n%');
  const tail = Buffer.from('\n%%EOF\n');
  return Buffer.concat([head, Buffer.alloc(bytes - head.length - tail.length, 0x41), tail]);
}

/**
 * Moves the deadline to a few seconds into the load (as if the call had been set up to close
 * then), and fires every attempt with bounded concurrency; late attempts wait for the deadline.
 */
async function fireLoad(baseUrl: string, url: string, seed: SpikeSeed) {
  const late = Math.max(1, Math.round(COUNT * LATE_SHARE));
  const deadlineSeconds = Number(process.env.SPIKE_DEADLINE_SECONDS ?? Math.max(3, ((COUNT - late) * 0.8) / 15));
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const [row] = await sql<{ closes_at: Date }[]>`update calls set closes_at = now() + ${`${deadlineSeconds} seconds`}::interval where id = ${seed.callId} returning closes_at`;
  await sql.end();
  const closesAt = row!.closes_at;
  const file = pdfOfSize(FILE_BYTES);
  const attempts: Attempt[] = seed.drafts.map((d, i) => ({ ...d, late: i >= COUNT - late, save: null, submit: null, ms: 0 }));
  console.log(`Deadline spike: ${COUNT} attempts (${late} after the deadline), ${CONCURRENCY} at a time; the call closes ${deadlineSeconds.toFixed(1)} s into the load.`);
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < attempts.length) {
        const attempt = attempts[next++]!;
        if (attempt.late) await sleepUntil(closesAt.getTime() + 200);
        await runAttempt(baseUrl, attempt, file);
      }
    }),
  );
  return { attempts, closesAt, seconds: (performance.now() - started) / 1000 };
}

const sleepUntil = (t: number) => new Promise((r) => setTimeout(r, Math.max(0, t - Date.now())));

/** What a resident's browser does: "Save draft" with the file, then "Send" on the review page. */
async function runAttempt(baseUrl: string, attempt: Attempt, file: Uint8Array): Promise<void> {
  const headers = { Origin: baseUrl, Cookie: attempt.cookie };
  const page = `${baseUrl}/it/me/proposals/${attempt.proposalId}`;
  const t0 = performance.now();
  const form = new FormData();
  for (const [k, v] of Object.entries({ proposalId: attempt.proposalId, version: String(attempt.version), lang: 'it', intent: 'save', ...attempt.fields })) form.append(k, v);
  form.append(`upload.${attempt.attachmentKey}`, new Blob([file as Uint8Array<ArrayBuffer>], { type: 'application/pdf' }), 'progetto.pdf');
  attempt.save = await timed(() => fetch(`${page}?_action=proposals.save`, { method: 'POST', headers, body: form, redirect: 'manual' }), /saved=1/);
  const declarations = new URLSearchParams({ proposalId: attempt.proposalId, truthfulness: 'on', privacy: 'on' });
  // A refused submit is answered with the review page and its message or, when the draft can no
  // longer be edited (after the deadline), with a redirect to the proposal's page.
  const backToProposal = new RegExp(`/me/proposals/${attempt.proposalId}$`);
  attempt.submit = await timed(() => fetch(`${page}/review?_action=proposals.submit`, { method: 'POST', headers, body: declarations, redirect: 'manual' }), /submitted=1/, backToProposal);
  attempt.ms = performance.now() - t0;
}

/**
 * One request: accepted (303 to the success page), refused for the deadline (a page saying so, or
 * a 303 to `refusedTo`, which shows the read-only proposal), or an error.
 */
async function timed(send: () => Promise<Response>, success: RegExp, refusedTo: RegExp | null = null): Promise<NonNullable<Attempt['save']>> {
  const t0 = performance.now();
  try {
    const res = await send();
    const body = await res.text();
    const ms = performance.now() - t0;
    const location = res.headers.get('location') ?? '';
    if (res.status === 303 && success.test(location)) return { outcome: 'accepted', ms };
    if (res.status === 200 && body.includes(DEADLINE_TEXT)) return { outcome: 'refused', ms, detail: 'message' };
    if (res.status === 303 && refusedTo?.test(location)) return { outcome: 'refused', ms, detail: 'redirect' };
    return { outcome: 'error', ms, detail: `HTTP ${res.status} ${res.headers.get('location') ?? ''} ${body.replace(/\s+/g, ' ').slice(0, 160)}` };
  } catch (error) {
    return { outcome: 'error', ms: performance.now() - t0, detail: String(error) };
  }
}

async function report(url: string, seed: SpikeSeed, attempts: Attempt[], closesAt: Date, seconds: number): Promise<boolean> {
  const pct = (values: number[], p: number) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;
  };
  const rows: [string, number[]][] = [
    ['save + 1 MB upload', attempts.map((a) => a.save!.ms)],
    ['submit', attempts.map((a) => a.submit!.ms)],
    ['whole attempt', attempts.map((a) => a.ms)],
  ];
  const count = (o: string) => attempts.filter((a) => a.submit!.outcome === o).length;
  const errors = attempts.flatMap((a) => [a.save!, a.submit!]).filter((r) => r.outcome === 'error');
  console.log(`\n| deadline spike | value |\n|---|---|`);
  console.log(`| attempts | ${attempts.length} in ${seconds.toFixed(1)} s (${(attempts.length / seconds).toFixed(1)} attempts/s, ${((attempts.length * FILE_BYTES) / 1048576 / seconds).toFixed(1)} MB/s uploaded) |`);
  const redirected = attempts.filter((a) => a.submit!.outcome === 'refused' && a.submit!.detail === 'redirect').length;
  console.log(`| accepted / refused (deadline) / errors | ${count('accepted')} / ${count('refused')} / ${errors.length} requests |`);
  console.log(`| refused submits answered with the deadline message / with a redirect to the proposal | ${count('refused') - redirected} / ${redirected} |`);
  console.log(`\n| request | p50 ms | p99 ms | max ms |\n|---|---|---|---|`);
  for (const [label, values] of rows) console.log(`| ${label} | ${pct(values, 50).toFixed(0)} | ${pct(values, 99).toFixed(0)} | ${Math.max(...values).toFixed(0)} |`);
  for (const e of errors.slice(0, 5)) console.log(`  error: ${e.detail}`);

  const checks = await checkSpike(url, seed.callId, attempts, closesAt);
  console.log(`\n| check | result |\n|---|---|`);
  for (const c of checks) console.log(`| ${c.name} | ${c.ok ? 'ok' : `FAILED: ${c.detail}`} |`);
  return checks.some((c) => !c.ok);
}

// `npx tsx tests/bench/deadline-spike.ts` runs the spike alone (`npm run bench` runs it last).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await deadlineSpike();
