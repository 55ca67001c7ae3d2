import { asc, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { evaluationSettings, proposalEvents, proposals, reviewAssignments } from '../../db/schema/index.ts';
import { assignEvaluators, bulkAssign, reassignAfterConflict, runAutoAssign, unassign } from '../../src/domain/evaluation/assignment.server.ts';
import { getProposalAssignments, listAssignable } from '../../src/domain/evaluation/assignment-list.server.ts';
import { parseAssignmentFilter, parseBoardFilter } from '../../src/domain/evaluation/evaluation.schema.ts';
import { getProgressBoard } from '../../src/domain/evaluation/progress.server.ts';
import { createUser } from '../factories/index.ts';
import { testContext } from '../support/context.ts';
import { useTestDb } from '../support/db.ts';
import { median } from '../support/timing.ts';
import { submitted } from './admissibility-setup.ts';
import { appointAll, assignmentRow, evaluationOffice } from './evaluation-staff-setup.ts';
import { auditTrail, domainError, rowCount } from './helpers.ts';

const t = useTestDb();

const statusOf = async (id: string) => (await t.db.select({ s: proposals.status }).from(proposals).where(eq(proposals.id, id)))[0]?.s;
const pairs = async () =>
  (await t.db.select({ p: reviewAssignments.proposalId, e: reviewAssignments.evaluatorId, s: reviewAssignments.status }).from(reviewAssignments)).map((r) => `${r.p}:${r.e}:${r.s}`);

async function committee(proposalCount: number, evaluatorCount: number) {
  const setup = await evaluationOffice(t.db, { proposals: proposalCount, evaluators: evaluatorCount });
  await appointAll(t.db, setup.ctx, setup.call.id, setup.evaluators);
  return setup;
}

describe('manual assignment', () => {
  it('assigns chosen members, moves the proposal into review with a timeline event, audits each assignment', async () => {
    const { ctx, proposals: [p], evaluators: [a, b], staff } = await committee(1, 2);
    const result = await assignEvaluators(t.db, ctx, { proposalId: p!.id, evaluatorIds: [a!.id, b!.id] });
    expect(result).toMatchObject({ created: 2, alreadyAssigned: 0, reviewStarted: 1 });
    expect(await statusOf(p!.id)).toBe('in_review');
    const events = await t.db.select().from(proposalEvents).where(eq(proposalEvents.proposalId, p!.id));
    expect(events).toMatchObject([{ fromStatus: 'admissible', toStatus: 'in_review', actorId: staff.id }]);
    const audits = (await auditTrail(t.db)).filter((e) => e.action === 'review.assigned');
    expect(audits.map((e) => e.summary)).toEqual([
      { proposalId: p!.id, evaluatorId: a!.id, reviewStarted: true },
      { proposalId: p!.id, evaluatorId: b!.id, reviewStarted: true },
    ]);
    // Posting again (a double click) changes nothing.
    expect(await assignEvaluators(t.db, ctx, { proposalId: p!.id, evaluatorIds: [a!.id] })).toMatchObject({ created: 0, alreadyAssigned: 1, reviewStarted: 0 });
    expect(await rowCount(t.db, reviewAssignments)).toBe(2);
  });

  it('refuses non-members, conflicted evaluators, proposals not admissible, and non-staff', async () => {
    const { ctx, call, proposer, proposals: [p], evaluators: [a, b] } = await committee(1, 2);
    const outsider = await createUser(t.db, 'evaluator');
    const notMember = await domainError(assignEvaluators(t.db, ctx, { proposalId: p!.id, evaluatorIds: [a!.id, outsider.id] }));
    expect([notMember.code, notMember.details.field]).toEqual(['not_a_member', 'evaluatorIds']);
    await assignmentRow(t.db, p!.id, b!.id, 'conflict_declared');
    expect((await domainError(assignEvaluators(t.db, ctx, { proposalId: p!.id, evaluatorIds: [b!.id] }))).code).toBe('evaluator_conflicted');
    const early = await submitted(t.db, call.id, proposer, 99, { status: 'submitted' });
    expect((await domainError(assignEvaluators(t.db, ctx, { proposalId: early.id, evaluatorIds: [a!.id] }))).code).toBe('not_assignable');
    expect((await domainError(assignEvaluators(t.db, testContext({ actor: a!.actor }), { proposalId: p!.id, evaluatorIds: [a!.id] }))).kind).toBe('forbidden');
    expect((await domainError(assignEvaluators(t.db, ctx, { proposalId: crypto.randomUUID(), evaluatorIds: [a!.id] }))).kind).toBe('not_found');
    expect(await rowCount(t.db, reviewAssignments)).toBe(1);
    expect(await statusOf(p!.id)).toBe('admissible');
  });
});

describe('bulk assignment', () => {
  it('assigns the ticked proposals to the chosen evaluators, skipping and counting what cannot be, in one audit event', async () => {
    const { ctx, call, proposer, proposals: ps, evaluators: [a, b] } = await committee(3, 2);
    await assignmentRow(t.db, ps[0]!.id, a!.id, 'assigned');
    await assignmentRow(t.db, ps[1]!.id, b!.id, 'conflict_declared');
    const inadmissible = await submitted(t.db, call.id, proposer, 50, { status: 'inadmissible' });
    const input = { callId: call.id, proposalIds: [...ps.map((p) => p.id), inadmissible.id], evaluatorIds: [a!.id, b!.id] };
    const counts = await bulkAssign(t.db, ctx, input);
    expect(counts).toEqual({ created: 4, alreadyAssigned: 1, conflicted: 1, notAssignable: 1, reviewStarted: 3 });
    for (const p of ps) expect(await statusOf(p.id)).toBe('in_review');
    expect(await statusOf(inadmissible.id)).toBe('inadmissible');
    const [event] = (await auditTrail(t.db)).filter((e) => e.action === 'review.bulk_assigned');
    expect(event).toMatchObject({ entityId: call.id, summary: { ...counts, proposalIds: ps.map((p) => p.id), evaluatorIds: [a!.id, b!.id] } });
    expect((event!.summary as { assignmentIds: string[] }).assignmentIds).toHaveLength(4);
  });
});

describe('automatic assignment', () => {
  it('tops every proposal up to k, balanced, never a conflicted evaluator, and is idempotent', async () => {
    const { ctx, call, proposals: ps, evaluators } = await committee(6, 3);
    await t.db.insert(evaluationSettings).values({ callId: call.id, reviewersPerProposal: 2 });
    await assignmentRow(t.db, ps[0]!.id, evaluators[0]!.id, 'conflict_declared');
    const first = await runAutoAssign(t.db, ctx, { callId: call.id });
    expect(first).toEqual({ created: 12, proposals: 6, short: 0 });
    const rows = await t.db.select().from(reviewAssignments).orderBy(asc(reviewAssignments.assignedAt));
    const active = rows.filter((r) => r.status !== 'conflict_declared');
    for (const p of ps) expect(new Set(active.filter((r) => r.proposalId === p.id).map((r) => r.evaluatorId)).size).toBe(2);
    expect(active.some((r) => r.proposalId === ps[0]!.id && r.evaluatorId === evaluators[0]!.id)).toBe(false);
    const loads = evaluators.map((e) => active.filter((r) => r.evaluatorId === e.id).length);
    expect(loads).toEqual([4, 4, 4]);
    for (const p of ps) expect(await statusOf(p.id)).toBe('in_review');
    expect(await runAutoAssign(t.db, ctx, { callId: call.id })).toEqual({ created: 0, proposals: 0, short: 0 });
    const events = (await auditTrail(t.db)).filter((e) => e.action === 'review.auto_assigned');
    expect(events.map((e) => (e.summary as { created: number }).created)).toEqual([12, 0]);
  });

  it('says how many proposals stay short when conflicts leave too few members, and needs a commission', async () => {
    const empty = await evaluationOffice(t.db, { proposals: 1 });
    expect((await domainError(runAutoAssign(t.db, empty.ctx, { callId: empty.call.id }))).code).toBe('no_members');
    const { ctx, call, proposals: [p], evaluators } = await committee(1, 3);
    await assignmentRow(t.db, p!.id, evaluators[1]!.id, 'conflict_declared');
    expect(await runAutoAssign(t.db, ctx, { callId: call.id })).toEqual({ created: 2, proposals: 1, short: 1 });
  });

  it('runs one at a time per call: concurrent automatic and manual assignments never seat anyone twice', async () => {
    const { ctx, call, proposals: ps, evaluators } = await committee(5, 4);
    const other = t.kind === 'postgres' ? (await t.connect()).db : t.db;
    await Promise.all([
      runAutoAssign(t.db, ctx, { callId: call.id }),
      runAutoAssign(other, ctx, { callId: call.id }),
      assignEvaluators(other, ctx, { proposalId: ps[0]!.id, evaluatorIds: [evaluators[3]!.id] }),
    ]);
    const rows = (await pairs()).map((r) => r.split(':').slice(0, 2).join(':'));
    expect(new Set(rows).size).toBe(rows.length);
    // k = 3 by default; the manual one may come on top of a full proposal (16) or take a seat (15).
    expect(rows.length).toBeGreaterThanOrEqual(15);
    expect(rows.length).toBeLessThanOrEqual(16);
    for (const p of ps) expect(rows.filter((r) => r.startsWith(p.id)).length).toBeGreaterThanOrEqual(3);
  });
});

describe('unassign and reassign', () => {
  it('unassigns only while the evaluator has not submitted, and never erases a declared conflict', async () => {
    const { ctx, proposals: [p, q, r], evaluators: [a] } = await committee(3, 1);
    const open = await assignmentRow(t.db, p!.id, a!.id, 'in_progress');
    const done = await assignmentRow(t.db, q!.id, a!.id, 'submitted');
    const conflicted = await assignmentRow(t.db, r!.id, a!.id, 'conflict_declared');
    expect(await unassign(t.db, ctx, { assignmentId: open.id })).toEqual({ proposalId: p!.id, scored: false });
    expect((await domainError(unassign(t.db, ctx, { assignmentId: done.id }))).code).toBe('assignment_submitted');
    expect((await domainError(unassign(t.db, ctx, { assignmentId: conflicted.id }))).code).toBe('conflict_kept');
    expect((await domainError(unassign(t.db, ctx, { assignmentId: crypto.randomUUID() }))).kind).toBe('not_found');
    expect(await rowCount(t.db, reviewAssignments)).toBe(2);
    expect((await auditTrail(t.db)).at(-1)).toMatchObject({ action: 'review.unassigned', entityId: open.id, summary: { status: 'in_progress' } });
  });

  it('marks the proposal scored when the evaluator taken off was the last one still working', async () => {
    const { ctx, proposals: [p], evaluators: [a, b] } = await committee(1, 2);
    await t.db.update(proposals).set({ status: 'in_review' }).where(eq(proposals.id, p!.id));
    await assignmentRow(t.db, p!.id, a!.id, 'submitted');
    const pending = await assignmentRow(t.db, p!.id, b!.id, 'assigned');
    expect(await unassign(t.db, ctx, { assignmentId: pending.id })).toEqual({ proposalId: p!.id, scored: true });
    expect(await statusOf(p!.id)).toBe('scored');
  });

  it('reassigns a conflicted proposal to another member, never to one who declared a conflict on it', async () => {
    const { ctx, proposals: [p], evaluators: [a, b, c] } = await committee(1, 3);
    await t.db.update(proposals).set({ status: 'in_review' }).where(eq(proposals.id, p!.id));
    const conflictA = await assignmentRow(t.db, p!.id, a!.id, 'conflict_declared');
    const conflictB = await assignmentRow(t.db, p!.id, b!.id, 'conflict_declared');
    expect((await domainError(reassignAfterConflict(t.db, ctx, conflictA.id, b!.id))).code).toBe('evaluator_conflicted');
    const created = await reassignAfterConflict(t.db, ctx, conflictA.id, c!.id);
    expect(created.proposalId).toBe(p!.id);
    expect((await domainError(reassignAfterConflict(t.db, ctx, conflictB.id, c!.id))).code).toBe('already_assigned');
    expect((await domainError(reassignAfterConflict(t.db, ctx, created.assignmentId, a!.id))).code).toBe('no_conflict_declared');
    expect((await pairs()).sort()).toEqual([`${p!.id}:${a!.id}:conflict_declared`, `${p!.id}:${b!.id}:conflict_declared`, `${p!.id}:${c!.id}:assigned`].sort());
    expect((await auditTrail(t.db)).at(-1)).toMatchObject({ action: 'review.reassigned', entityId: created.assignmentId, summary: { from: a!.id, to: c!.id } });
  });
});

describe('progress board and assignment list', () => {
  it('shows each proposal with its evaluators and states, counts, loads, and the views', async () => {
    const { ctx, call, proposals: ps, evaluators: [a, b, c] } = await committee(4, 3);
    // k = 3 (default). p1: a submitted, b cleared, c conflict → reassign needed. p2: a in progress. p3: none. p4: done by b.
    await assignmentRow(t.db, ps[0]!.id, a!.id, 'submitted');
    await assignmentRow(t.db, ps[0]!.id, b!.id, 'assigned', true);
    await assignmentRow(t.db, ps[0]!.id, c!.id, 'conflict_declared');
    await assignmentRow(t.db, ps[1]!.id, a!.id, 'in_progress');
    await assignmentRow(t.db, ps[3]!.id, b!.id, 'submitted');
    await t.db.update(proposals).set({ status: 'in_review' }).where(eq(proposals.callId, call.id));
    const board = await getProgressBoard(t.db, ctx, call.id, parseBoardFilter(new URLSearchParams()));
    expect(board.totals).toEqual({ assigned: 4, done: 2, pending: 2, conflicts: 1 });
    expect(board.views).toEqual({ all: 4, pending: 2, conflicts: 1, unassigned: 1, done: 1 });
    // The president first (the others were appointed at the same pinned instant).
    expect(board.evaluators[0]?.evaluatorId).toBe(a!.id);
    expect(board.evaluators.map((e) => [e.evaluatorId, e.role, e.load, e.done, e.pending, e.conflicts]).sort()).toEqual(
      [
        [a!.id, 'president', 2, 1, 1, 0],
        [b!.id, 'member', 2, 1, 1, 0],
        [c!.id, 'member', 0, 0, 0, 1],
      ].sort(),
    );
    expect(board.rows.map((r) => r.protocolNumber)).toEqual(ps.map((p) => p.protocolNumber));
    const first = board.rows[0]!;
    expect(first.evaluators.map((e) => [e.evaluatorId, e.state]).sort()).toEqual([[a!.id, 'submitted'], [b!.id, 'cleared'], [c!.id, 'conflict']].sort());
    const conflicts = await getProgressBoard(t.db, ctx, call.id, parseBoardFilter(new URLSearchParams('view=conflicts')));
    expect(conflicts.rows.map((r) => r.id)).toEqual([ps[0]!.id]);

    const list = await listAssignable(t.db, ctx, call.id, parseAssignmentFilter(new URLSearchParams('fewer=on')));
    expect(list.rows.map((r) => [r.id, r.active, r.reassign])).toEqual([
      [ps[0]!.id, 2, true],
      [ps[1]!.id, 1, false],
      [ps[2]!.id, 0, false],
      [ps[3]!.id, 1, false],
    ]);
    const unassigned = await listAssignable(t.db, ctx, call.id, parseAssignmentFilter(new URLSearchParams('unassigned=on&q=Idea 3')));
    expect(unassigned.rows.map((r) => r.id)).toEqual([ps[2]!.id]);
    const panel = await getProposalAssignments(t.db, ctx, call.id, ps[0]!.id);
    expect(panel).toMatchObject({ assignable: true, candidates: [], proposal: { reassign: true } });
    // Least loaded first: c has nothing yet.
    const free = (await getProposalAssignments(t.db, ctx, call.id, ps[2]!.id)).candidates.map((m) => m.evaluatorId);
    expect([free[0], free.length]).toEqual([c!.id, 3]);
  });
});

/**
 * DESIGN.md: back-office lists stay fast at 10,000 proposals. 10,000 admissible proposals, a
 * commission of 30, automatic assignment of 3 each (30,000 rows), then the board and the list.
 * Timings are printed for the record, not asserted (they depend on the machine).
 */
it('assigns 10,000 proposals × 3 evaluators and serves the board and the list', { timeout: 600_000 }, async () => {
  const N = 10_000;
  const { ctx, call, proposer, evaluators } = await evaluationOffice(t.db, { evaluators: 30 });
  await appointAll(t.db, ctx, call.id, evaluators);
  await t.db.execute(sql`
    insert into proposals (call_id, proposer_id, status, title, protocol_seq, protocol_number, submitted_at, first_submitted_at)
    select ${call.id}, ${proposer.id}, 'admissible', 'Idea numero ' || g, g, 'IDEA-2026-' || lpad(g::text, 6, '0'), now(), now()
    from generate_series(1, ${N}) g`);
  const autoStart = performance.now();
  expect(await runAutoAssign(t.db, ctx, { callId: call.id })).toEqual({ created: 3 * N, proposals: N, short: 0 });
  const autoMs = Math.round(performance.now() - autoStart);
  // Half the sheets submitted, 1% conflicts: a board in mid-evaluation.
  await t.db.execute(sql`update review_assignments set status = 'submitted', submitted_at = now()
    where id in (select id from review_assignments order by id limit ${N * 3 / 2})`);
  await t.db.execute(sql`update review_assignments set status = 'conflict_declared', conflict_declared_at = now()
    where id in (select id from review_assignments where status = 'assigned' order by id limit ${N / 100})`);
  await t.db.execute(sql`analyze proposals`);
  await t.db.execute(sql`analyze review_assignments`);

  const board = (query = '') => getProgressBoard(t.db, ctx, call.id, parseBoardFilter(new URLSearchParams(query)));
  const list = (query = '') => listAssignable(t.db, ctx, call.id, parseAssignmentFilter(new URLSearchParams(query)));
  const first = await board();
  expect(first.views.all).toBe(N);
  expect(first.totals).toEqual({ assigned: 3 * N - N / 100, done: (3 * N) / 2, pending: (3 * N) / 2 - N / 100, conflicts: N / 100 });
  expect(first.evaluators.reduce((s, e) => s + e.load + e.conflicts, 0)).toBe(3 * N);
  expect(Math.max(...first.evaluators.map((e) => e.load + e.conflicts)) - Math.min(...first.evaluators.map((e) => e.load + e.conflicts))).toBeLessThanOrEqual(1);
  expect(first.rows).toHaveLength(50);
  expect((await board('view=conflicts')).total).toBe(first.views.conflicts);
  expect((await list('fewer=on')).total).toBe(first.views.conflicts);

  const timings = {
    database: t.kind,
    autoAssign: autoMs,
    boardFirstPage: await median(7, () => board()),
    boardLastPage: await median(7, () => board('page=200')),
    boardConflicts: await median(7, () => board('view=conflicts')),
    boardPending: await median(7, () => board('view=pending&page=50')),
    listFirstPage: await median(7, () => list()),
    listFewerThanK: await median(7, () => list('fewer=on')),
    listSearch: await median(7, () => list('q=IDEA-2026-004321')),
    panel: await median(7, () => getProposalAssignments(t.db, ctx, call.id, first.rows[0]!.id)),
  };
  console.log(`evaluation board at ${N} proposals × 3 (ms, median):`, JSON.stringify(timings));
});
