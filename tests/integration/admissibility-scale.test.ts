import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { exportProposalsCsv } from '../../src/domain/admissibility/export-csv.server.ts';
import { countByStatus, listProposals } from '../../src/domain/admissibility/list-proposals.server.ts';
import { parseListFilter } from '../../src/domain/admissibility/schema.ts';
import { useTestDb } from '../support/db.ts';
import { median } from '../support/timing.ts';
import { office } from './admissibility-setup.ts';

const t = useTestDb();
const N = 10_000;
const filter = (query = '') => parseListFilter(new URLSearchParams(query));

/**
 * DESIGN.md: back-office lists stay fast at 10,000 proposals. This checks the results are right at
 * that size; the timings are printed for the record (they depend on the machine, so no assertion).
 */
it('lists, filters, searches and counts 10,000 proposals of one call', { timeout: 300_000 }, async () => {
  const { call, ctx } = await office(t.db);
  await t.db.execute(sql`
    insert into users (email, name, password_hash)
    select 'proponente' || g || '@scala.example', 'Proponente ' || g, 'x' from generate_series(1, 100) g`);
  // One multi-row insert: every 10th is a draft (no protocol), every 10th + 1 admissible, + 2 inadmissible.
  await t.db.execute(sql`
    insert into proposals (call_id, proposer_id, status, applicant_type, title, protocol_seq, protocol_number, submitted_at, first_submitted_at, requested_cents)
    select ${call.id}, u.id,
      (case g % 10 when 0 then 'draft' when 1 then 'admissible' when 2 then 'inadmissible' else 'submitted' end)::proposal_status,
      (case when g % 4 = 0 then 'association' else 'individual' end)::applicant_type,
      'Idea numero ' || g,
      case when g % 10 = 0 then null else g end,
      case when g % 10 = 0 then null else 'IDEA-2026-' || lpad(g::text, 6, '0') end,
      now(), now(), 100000 + g
    from generate_series(1, ${N}) g
    join (select id, substring(email from 'proponente([0-9]+)@')::int as n from users where email like '%@scala.example') u on u.n = g % 100 + 1`);
  await t.db.execute(sql`analyze proposals`);

  const counts = await countByStatus(t.db, call.id);
  expect(counts).toMatchObject({ drafts: 1000, visible: 9000, byStatus: { submitted: 7000, admissible: 1000, inadmissible: 1000 } });

  const first = await listProposals(t.db, ctx, call.id, filter());
  expect(first.total).toBe(9000);
  expect(first.rows.map((r) => r.protocolSeq)).toEqual([...Array(N).keys()].map((i) => i + 1).filter((g) => g % 10 !== 0).slice(0, 25));
  const last = await listProposals(t.db, ctx, call.id, filter('page=360'));
  expect(last.rows.at(-1)?.protocolNumber).toBe('IDEA-2026-009999');

  const expected = [...Array(N).keys()].map((i) => i + 1).filter((g) => g % 10 >= 3 && g % 4 === 0).length;
  const filtered = await listProposals(t.db, ctx, call.id, filter('status=submitted&applicantType=association&page=3'));
  expect(filtered.total).toBe(expected);
  expect((await listProposals(t.db, ctx, call.id, filter('q=IDEA-2026-004321'))).rows.map((r) => r.title)).toEqual(['Idea numero 4321']);
  // Proposer 43 sent g = 42, 142, … 9942: 100 proposals, none a draft (g % 10 = 2).
  expect((await listProposals(t.db, ctx, call.id, filter('q=proponente43@'))).total).toBe(100);

  const timings = {
    database: t.kind,
    countByStatus: await median(9, () => countByStatus(t.db, call.id)),
    firstPage: await median(9, () => listProposals(t.db, ctx, call.id, filter())),
    lastPage: await median(9, () => listProposals(t.db, ctx, call.id, filter('page=360'))),
    filtered: await median(9, () => listProposals(t.db, ctx, call.id, filter('status=submitted&applicantType=association&page=3'))),
    searchProtocol: await median(9, () => listProposals(t.db, ctx, call.id, filter('q=IDEA-2026-004321'))),
    searchName: await median(9, () => listProposals(t.db, ctx, call.id, filter('q=proponente43'))),
    csvAll: await median(3, async () => {
      let bytes = 0;
      for await (const chunk of (await exportProposalsCsv(t.db, ctx, call.id, {}, 'it')).chunks) bytes += chunk.length;
      expect(bytes).toBeGreaterThan(9000 * 50);
    }),
  };
  console.log(`admissibility at ${N} proposals (ms, median):`, JSON.stringify(timings));
});
