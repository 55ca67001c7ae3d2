/**
 * "Open data at scale" (issue 6): 10,000 grants (each with two tranches and one payment) on
 * PostgreSQL (a throw-away database on BENCH_DATABASE_URL, TEST_DATABASE_URL or the local server;
 * skipped with a line when none answers) and on an in-memory PGlite. Prints, per export, the time
 * to the first row and to the end of the stream, its size, and how much the JS heap grew while
 * streaming (the files are written a keyset page at a time, so the heap must not grow with the
 * file); then the transparency page's read model, first page and a deep page.
 *
 * Run alone: `node --expose-gc --import tsx tests/bench/open-data-at-scale.ts`; `benchOpenDataAtScale()` for npm run bench.
 */
import { sql } from 'drizzle-orm';
import { grantsCsv, grantsJson } from '../../src/domain/transparency/open-data-grants.server.ts';
import { projectsCsv } from '../../src/domain/transparency/open-data-projects.server.ts';
import { viewTransparency } from '../../src/domain/transparency/transparency-view.server.ts';
import type { Db } from '../../src/lib/server/db/index.ts';
import { createCall, createUser } from '../factories/index.ts';
import { onBothDatabases, printRows, type BenchRow } from './bench-db.ts';

const N = Number(process.env.BENCH_GRANTS ?? 10_000);
const ORIGIN = 'https://vivaio.example.it';

type Row = BenchRow & { note: string };

/** Start-ups, grants, tranches and payments in a handful of set-based statements. */
async function seed(db: Db): Promise<void> {
  const proposer = await createUser(db, 'resident');
  const call = await createCall(db, 'closed', { budgetCents: N * 2_000_000, maxGrantCents: 2_500_000 });
  const c = sql`${call.id}::uuid`;
  await db.execute(sql`
    insert into proposals (call_id, proposer_id, status, applicant_type, organisation_name, protocol_seq, protocol_number, submitted_at, first_submitted_at)
    select ${c}, ${proposer.id}::uuid, 'incubated', case when i % 3 = 0 then 'association' else 'individual' end::applicant_type,
      case when i % 3 = 0 then 'Associazione n. ' || i end, i, 'IDEA-2026-' || lpad(i::text, 6, '0'), now(), now()
    from generate_series(1, ${N}) i`);
  await db.execute(sql`
    insert into startups (proposal_id, call_id, slug, name, public_consent, created_at)
    select p.id, ${c}, 'startup-' || p.protocol_seq, 'Progetto n. ' || p.protocol_seq, p.protocol_seq % 2 = 0, now() - (p.protocol_seq || ' minutes')::interval
    from proposals p where p.call_id = ${c}`);
  await db.execute(sql`
    insert into grants (startup_id, call_id, awarded_cents, committed_cents, agreement_ref, committed_on, created_at)
    select s.id, ${c}, 2000000, 2000000, 'CONV-' || s.slug, date '2026-04-01', s.created_at from startups s where s.call_id = ${c}`);
  await db.execute(sql`
    insert into tranches (grant_id, position, label_it, label_en, amount_cents, status)
    select g.id, t.pos, 'Tranche ' || t.pos, 'Instalment ' || t.pos, 1000000, case when t.pos = 1 then 'disbursed' else 'planned' end::tranche_status
    from grants g cross join (values (1), (2)) t(pos) where g.call_id = ${c}`);
  await db.execute(sql`
    insert into disbursements (tranche_id, grant_id, amount_cents, paid_on, reference, source)
    select t.id, t.grant_id, t.amount_cents, date '2026-05-04', 'MAND-' || t.id, 'programme' from tranches t where t.status = 'disbursed'`);
  await db.execute(sql`analyze`);
}

/**
 * Streams one export to nowhere. With `node --expose-gc` the heap is measured after a collection
 * at every chunk, i.e. what the stream really retains; without it, the peak includes garbage.
 */
async function drain(label: string, database: string, chunks: AsyncGenerator<string>): Promise<Row> {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const heap0 = process.memoryUsage().heapUsed;
  let peak = heap0;
  let bytes = 0;
  let first = 0;
  let busy = 0;
  const t0 = performance.now();
  for await (const chunk of chunks) {
    if (bytes > 0 && first === 0) first = performance.now() - t0;
    bytes += Buffer.byteLength(chunk);
    const g0 = performance.now();
    gc?.();
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    busy += performance.now() - g0;
  }
  const ms = performance.now() - t0 - busy;
  const heap = `${gc ? 'retained heap' : 'heap (with garbage; run with --expose-gc)'} at most +${((peak - heap0) / 1e6).toFixed(1)} MB`;
  return { database, step: label, ms, note: `${(bytes / 1e6).toFixed(1)} MB; first rows after ${first.toFixed(0)} ms; ${heap}` };
}

async function measure(label: string, db: Db): Promise<Row[]> {
  const t0 = performance.now();
  await seed(db);
  const rows: Row[] = [{ database: label, step: `seed ${N} grants, ${2 * N} tranches, ${N} payments`, ms: performance.now() - t0, note: '' }];
  rows.push(await drain('GET grants.csv (stream)', label, grantsCsv(db, ORIGIN)));
  rows.push(await drain('GET grants.json (stream)', label, grantsJson(db, ORIGIN, new Date())));
  rows.push(await drain('GET projects.csv (stream)', label, projectsCsv(db, new Date())));
  for (const page of [1, Math.ceil(N / 20)]) {
    const p0 = performance.now();
    await viewTransparency(db, ORIGIN, { grants: page, payments: page });
    rows.push({ database: label, step: `transparency page read model, tables at page ${page}`, ms: performance.now() - p0, note: '' });
  }
  return rows;
}

export async function benchOpenDataAtScale(): Promise<void> {
  console.log(`\nOpen data at scale: ${N} grants streamed as CSV and JSON, ${N} projects as CSV`);
  printRows(await onBothDatabases('vivaio_bench_od', measure), true);
}

if (import.meta.url === `file://${process.argv[1]}`) await benchOpenDataAtScale();
