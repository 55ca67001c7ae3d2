/**
 * "Ranking at scale" (issue 4): 10,000 proposals × 3 evaluators × 6 criteria, on PostgreSQL
 * (a throw-away database on BENCH_DATABASE_URL, TEST_DATABASE_URL or the local server; skipped
 * with a line when none answers) and on an in-memory PGlite. Prints the time the database takes
 * to compute the ranking (mean, normalised, consensus), to publish it (entries, outcomes, events
 * and, for the provisional one, 10,000 feedback letters, in one transaction) and the latency of
 * the staff proposals list (listProposals, the page's query).
 *
 * Run alone: `npx tsx tests/bench/ranking-at-scale.ts`; `benchRankingAtScale()` for npm run bench.
 */
import { sql } from 'drizzle-orm';
import { consensusScores } from '../../db/schema/index.ts';
import { listProposals } from '../../src/domain/admissibility/list-proposals.server.ts';
import { parseListFilter } from '../../src/domain/admissibility/schema.ts';
import type { Rubric } from '../../src/domain/calls/definitions.ts';
import { publishFinal, publishProvisional } from '../../src/domain/evaluation/publish-ranking.server.ts';
import { computationOf, freezeMethod } from '../../src/domain/evaluation/ranking-method.ts';
import { computeRankingSql } from '../../src/domain/evaluation/ranking-sql.server.ts';
import type { Db } from '../../src/lib/server/db/index.ts';
import { createCall, createUser } from '../factories/index.ts';
import { bulkScoredProposals } from '../factories/ranking.ts';
import { testContext } from '../support/context.ts';
import { median } from '../support/timing.ts';
import { onBothDatabases, printRows, type BenchRow } from './bench-db.ts';

const N = Number(process.env.BENCH_PROPOSALS ?? 10_000);
const PER_PROPOSAL = 3;
const COMMISSION = 9;

const rubric: Rubric = {
  criteria: ['need', 'innovation', 'impact', 'sustainability', 'team', 'plan'].map((key, i) => ({
    key,
    label: { it: key, en: key },
    maxPoints: [20, 20, 20, 15, 15, 10][i]!,
    threshold: i < 2 ? 10 : undefined,
  })),
  threshold: 60,
};

type Row = BenchRow;

async function measure(label: string, db: Db): Promise<Row[]> {
  const staff = await createUser(db, 'staff');
  const evaluators = await Promise.all(Array.from({ length: COMMISSION }, () => createUser(db, 'evaluator')));
  const proposers = await Promise.all(Array.from({ length: 50 }, () => createUser(db, 'resident')));
  const call = await createCall(db, 'inReview', { rubric, budgetCents: 2_000_000_00, maxGrantCents: 25_000_00 });
  const t0 = performance.now();
  await bulkScoredProposals(db, { callId: call.id, proposerIds: proposers.map((p) => p.id), evaluatorIds: evaluators.map((e) => e.id), n: N, perProposal: PER_PROPOSAL, criteria: rubric.criteria });
  await db.execute(sql`
    insert into ${consensusScores} (proposal_id, criterion, points, reason)
    select p.id, c.key, (c.max_points * 0.7)::int, 'Valutazione collegiale.'
    from proposals p cross join jsonb_to_recordset(${JSON.stringify(rubric.criteria.map((c) => ({ key: c.key, max_points: c.maxPoints })))}::jsonb) as c(key text, max_points int)
    where p.call_id = ${call.id}::uuid`);
  await db.execute(sql`analyze`);
  const seeded = performance.now() - t0;
  const ctx = testContext({ actor: staff.actor });
  const method = freezeMethod(call, { consolidation: 'mean', normalise: false });
  const rows: Row[] = [{ database: label, step: `seed ${N} proposals, ${N * PER_PROPOSAL} assignments, ${N * PER_PROPOSAL * 6} scores`, ms: seeded }];
  const variants = [
    ['compute ranking: mean', computationOf(method, call.budgetCents)],
    ['compute ranking: mean, normalised (z-score)', computationOf({ ...method, normalise: true }, call.budgetCents)],
    ['compute ranking: consensus', computationOf({ ...method, consolidation: 'consensus' }, call.budgetCents)],
  ] as const;
  for (const [step, m] of variants) {
    const ranked = await computeRankingSql(db, call.id, m);
    if (ranked.length !== N) throw new Error(`ranked ${ranked.length} of ${N}`);
    rows.push({ database: label, step, ms: await median(5, () => computeRankingSql(db, call.id, m)) });
  }
  const list = (q: string) => listProposals(db, ctx, call.id, parseListFilter(new URLSearchParams(q)));
  rows.push({ database: label, step: 'staff proposals list, first page', ms: await median(9, () => list('')) });
  rows.push({ database: label, step: 'staff proposals list, page 200, status filter', ms: await median(9, () => list('status=scored&page=200')) });
  rows.push({ database: label, step: 'staff proposals list, search by name', ms: await median(9, () => list('q=idea numero 4321')) });
  const p0 = performance.now();
  const published = await publishProvisional(db, ctx, call.id);
  rows.push({ database: label, step: `publish provisional (entries, outcomes, events, ${published.letters} letters)`, ms: performance.now() - p0 });
  rows.push({ database: label, step: 'staff proposals list after publication, first page', ms: await median(9, () => list('')) });
  // The final ranking: the same computation and freezing, without letters.
  const later = testContext({ actor: staff.actor, now: () => new Date(Date.now() + 365 * 24 * 3600 * 1000) });
  const f0 = performance.now();
  await publishFinal(db, later, call.id);
  rows.push({ database: label, step: 'publish final (compute, freeze entries, outcomes, events; no letters)', ms: performance.now() - f0 });
  return rows;
}

export async function benchRankingAtScale(): Promise<void> {
  console.log(`\nRanking at scale: ${N} proposals × ${PER_PROPOSAL} evaluators × ${rubric.criteria.length} criteria (median of 5 runs; lists: of 9)`);
  printRows(await onBothDatabases('vivaio_bench', measure));
}

if (import.meta.url === `file://${process.argv[1]}`) await benchRankingAtScale();
