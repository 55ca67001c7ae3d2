import { asc, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { calls, proposalSubmissions, proposals } from '../../db/schema/index.ts';
import { submitProposal } from '../../src/domain/proposals/submit-proposal.server.ts';
import type { Db } from '../../src/lib/server/db/index.ts';
import { isDomainError } from '../../src/domain/errors.ts';
import { createCall, createNeighbourhood, createProposal, createUser, type CallRow } from '../factories/index.ts';
import { attachFile } from '../factories/proposal-files.ts';
import { testContext } from '../support/context.ts';
import { useTestDb } from '../support/db.ts';
import { domainError } from './helpers.ts';

/**
 * The deadline spike: many submissions to one call at once. Protocol numbers must be distinct and
 * gapless, and the deadline must hold to the database's clock. The parallel runs need several
 * connections, so they run on PostgreSQL only (TEST_DATABASE_URL); PGlite has a single connection
 * and runs the sequential version, which checks the same numbering and rollback rules.
 */
const t = useTestDb();
const onPostgres = t.kind === 'postgres';
const accepted = { truthfulness: true, privacy: true };

async function openCall(): Promise<CallRow> {
  const n = await createNeighbourhood(t.db);
  return createCall(t.db, 'open', { neighbourhoodIds: [n.id], protocolPrefix: 'IDEA', opensAt: new Date('2026-01-10T08:00:00Z') });
}

/** `count` proposers, each with a proposal ready to submit on `call`. */
async function readyProposals(call: CallRow, count: number) {
  const [link] = await t.db.execute(sql`select neighbourhood_id from call_neighbourhoods where call_id = ${call.id}`).then((r) => (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows) as { neighbourhood_id: string }[]);
  const out = [];
  for (let i = 0; i < count; i++) {
    const owner = await createUser(t.db, 'resident');
    const proposal = await createProposal(t.db, { callId: call.id, proposerId: owner.id, neighbourhoodId: link!.neighbourhood_id, title: `Proposta numero ${i + 1}` });
    await attachFile(t.db, { proposalId: proposal.id, purpose: 'budget' });
    await attachFile(t.db, { proposalId: proposal.id, purpose: 'id_document' });
    out.push({ owner, proposal });
  }
  return out;
}

async function protocolSeqs(callId: string): Promise<number[]> {
  const rows = await t.db.select({ seq: proposals.protocolSeq }).from(proposals).where(eq(proposals.callId, callId)).orderBy(asc(proposals.protocolSeq));
  return rows.map((r) => r.seq).filter((s): s is number => s !== null);
}
const oneTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

/** Independent pools (as several app instances would have), their connections already open. */
async function warmPools(count: number): Promise<Db[]> {
  const pools: Db[] = [];
  for (let i = 0; i < count; i++) pools.push((await t.connect()).db);
  await Promise.all(pools.flatMap((db) => Array.from({ length: 10 }, () => db.execute(sql`select 1`))));
  return pools;
}

describe('protocol numbers (sequential, every database)', () => {
  it('are 1..n without gaps, even when a submission fails after taking a number', async () => {
    const call = await openCall();
    const ready = await readyProposals(call, 12);
    const submit = (i: number, now?: Date) => submitProposal(t.db, testContext({ actor: ready[i]!.owner.actor, ...(now ? { now: () => now } : {}) }), { proposalId: ready[i]!.proposal.id, declarations: accepted });

    for (let i = 0; i < 5; i++) await submit(i);
    // Late by the database clock (the app clock is behind): the number taken is given back.
    const closesAt = call.closesAt;
    await t.db.update(calls).set({ closesAt: new Date(Date.now() - 1000) }).where(eq(calls.id, call.id));
    expect(await domainError(submit(5, new Date(Date.now() - 60_000)))).toMatchObject({ code: 'deadline_passed' });
    await t.db.update(calls).set({ closesAt }).where(eq(calls.id, call.id));
    // Incomplete: refused before any number is taken.
    expect(await domainError(submitProposal(t.db, testContext({ actor: ready[6]!.owner.actor }), { proposalId: ready[6]!.proposal.id, declarations: { truthfulness: true, privacy: false } }))).toMatchObject({ code: 'proposal_incomplete' });
    for (const i of [5, 7, 8, 9, 10, 11]) await submit(i);

    expect(await protocolSeqs(call.id)).toEqual(oneTo(11));
    const [row] = await t.db.select({ last: calls.lastProtocolSeq }).from(calls).where(eq(calls.id, call.id));
    expect(row!.last).toBe(11);
    const numbers = await t.db.select({ n: proposals.protocolNumber }).from(proposals).where(eq(proposals.callId, call.id)).orderBy(asc(proposals.protocolSeq));
    expect(numbers.map((r) => r.n).filter(Boolean)).toEqual(oneTo(11).map((n) => `IDEA-2026-${String(n).padStart(6, '0')}`));
  });
});

describe.skipIf(!onPostgres)('deadline spike on PostgreSQL (skipped on PGlite: one connection, nothing runs in parallel)', () => {
  it('200 parallel submissions from 200 proposers through 4 pools get 200 distinct, gapless numbers', { timeout: 120_000 }, async () => {
    const call = await openCall();
    const ready = await readyProposals(call, 200);
    const pools = await warmPools(4);

    const started = performance.now();
    const results = await Promise.allSettled(
      ready.map(({ owner, proposal }, i) => submitProposal(pools[i % pools.length]!, testContext({ actor: owner.actor }), { proposalId: proposal.id, declarations: accepted })),
    );
    const ms = performance.now() - started;
    console.info(`[submit-concurrency] 200 parallel submissions through 4 pools: ${Math.round(ms)} ms (${Math.round(200_000 / ms)} per second)`);

    const failures = results.filter((r) => r.status === 'rejected');
    expect(failures).toEqual([]);
    const numbers = results.map((r) => (r as PromiseFulfilledResult<{ protocolNumber: string }>).value.protocolNumber);
    expect(new Set(numbers).size).toBe(200);
    expect(await protocolSeqs(call.id)).toEqual(oneTo(200));
    const [row] = await t.db.select({ last: calls.lastProtocolSeq }).from(calls).where(eq(calls.id, call.id));
    expect(row!.last).toBe(200);
    const [subs] = await t.db.select({ n: sql<number>`count(*)::int` }).from(proposalSubmissions);
    expect(subs!.n).toBe(200);
  });

  it('submissions racing the deadline are accepted before it or refused, none after', { timeout: 120_000 }, async () => {
    const call = await openCall();
    const ready = await readyProposals(call, 60);
    const pools = await warmPools(3);
    // The deadline falls 1.5 s from now by the database's clock; submissions are spread over 3 s.
    const [moved] = await t.db
      .update(calls)
      .set({ closesAt: sql`clock_timestamp() + interval '1500 milliseconds'` })
      .where(eq(calls.id, call.id))
      .returning({ closesAt: calls.closesAt });
    const closesAt = moved!.closesAt;
    // Every application clock believes the call is open: only the database may refuse.
    const appClock = new Date(closesAt.getTime() - 60_000);

    const outcomes = await Promise.all(
      ready.map(async ({ owner, proposal }, i) => {
        await new Promise((resolve) => setTimeout(resolve, i * 50));
        try {
          const r = await submitProposal(pools[i % pools.length]!, testContext({ actor: owner.actor, now: () => appClock }), { proposalId: proposal.id, declarations: accepted });
          return { ok: true as const, submittedAt: r.submittedAt };
        } catch (error) {
          if (isDomainError(error) && error.code === 'deadline_passed') return { ok: false as const };
          throw error;
        }
      }),
    );
    const ok = outcomes.filter((o) => o.ok);
    console.info(`[submit-concurrency] deadline race: ${ok.length} accepted before the deadline, ${outcomes.length - ok.length} refused after it`);
    expect(ok.length).toBeGreaterThan(0);
    expect(ok.length).toBeLessThan(outcomes.length);
    for (const o of ok) expect(o.submittedAt!.getTime()).toBeLessThan(closesAt.getTime());

    const rows = await t.db.select().from(proposals).where(eq(proposals.callId, call.id));
    const submitted = rows.filter((r) => r.status === 'submitted');
    expect(submitted).toHaveLength(ok.length);
    for (const r of submitted) expect(r.submittedAt!.getTime()).toBeLessThan(closesAt.getTime());
    // Refused ones are intact drafts without a number; accepted ones are numbered without gaps.
    for (const r of rows.filter((x) => x.status !== 'submitted')) expect(r).toMatchObject({ status: 'draft', protocolSeq: null, version: 1 });
    expect(await protocolSeqs(call.id)).toEqual(oneTo(ok.length));
  });
});
