import { asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { evaluationSettings, proposalEvents, proposals, reviewAssignments } from '../../db/schema/index.ts';
import { assignEvaluators, bulkAssign, reassignAfterConflict, runAutoAssign } from '../../src/domain/evaluation/assignment.server.ts';
import { declareInterest } from '../../src/domain/evaluation/conflict.server.ts';
import { publishProvisional } from '../../src/domain/evaluation/publish-ranking.server.ts';
import { scoreReview } from '../../src/domain/evaluation/scoring.server.ts';
import type { TestUser } from '../factories/index.ts';
import { testContext } from '../support/context.ts';
import { useTestDb } from '../support/db.ts';
import { appointAll, evaluationOffice } from './evaluation-staff-setup.ts';
import { auditTrail, domainError } from './helpers.ts';
import { goodSheet } from './review-setup.ts';

/**
 * Issue 4, workflow: a scored proposal that gets an evaluator again before any ranking goes back
 * scored → in_review (workflow `reopenReview`), so a replacement after a late conflict, or one
 * more evaluator, can be seated and score. The cases that lead there, through the use cases.
 */
const t = useTestDb();

const statusOf = async (id: string) => (await t.db.select({ s: proposals.status }).from(proposals).where(eq(proposals.id, id)))[0]!.s;
const eventsOf = async (id: string) =>
  (await t.db.select().from(proposalEvents).where(eq(proposalEvents.proposalId, id)).orderBy(asc(proposalEvents.id))).map((e) => `${e.fromStatus}→${e.toStatus}`);

async function assignmentOf(proposalId: string, evaluator: TestUser) {
  const rows = await t.db.select().from(reviewAssignments).where(eq(reviewAssignments.proposalId, proposalId));
  return rows.find((r) => r.evaluatorId === evaluator.id)!;
}

/** The evaluator declares no conflict and sends a complete sheet, as on their page. */
async function sendSheet(proposalId: string, evaluator: TestUser) {
  const ctx = testContext({ actor: evaluator.actor });
  const a = await assignmentOf(proposalId, evaluator);
  await declareInterest(t.db, ctx, { assignmentId: a.id, declaration: 'none' });
  return scoreReview(t.db, ctx, { assignmentId: a.id, version: a.version, intent: 'submit', fields: goodSheet });
}

async function declareConflict(proposalId: string, evaluator: TestUser) {
  const a = await assignmentOf(proposalId, evaluator);
  return declareInterest(t.db, testContext({ actor: evaluator.actor }), { assignmentId: a.id, declaration: 'conflict', kind: 'neighbourhood', reason: 'Abito nello stesso cortile.' });
}

/** One admissible proposal of a call in review, a commission of `n`, the first three assigned. */
async function threeOnOne(n = 4) {
  const setup = await evaluationOffice(t.db, { proposals: 1, evaluators: n });
  await appointAll(t.db, setup.ctx, setup.call.id, setup.evaluators);
  const [p] = setup.proposals;
  await assignEvaluators(t.db, setup.ctx, { proposalId: p!.id, evaluatorIds: setup.evaluators.slice(0, 3).map((e) => e.id) });
  return { ...setup, p: p! };
}

describe('a late conflict', () => {
  it('declared by the last evaluator still to score: the proposal is scored on the others; a replacement takes it back to review, then it is scored again', async () => {
    const { ctx, p, evaluators: [a, b, c, d] } = await threeOnOne();
    await sendSheet(p.id, a!);
    await sendSheet(p.id, b!);
    expect(await statusOf(p.id)).toBe('in_review');

    expect(await declareConflict(p.id, c!)).toMatchObject({ declaration: 'conflict', proposalScored: true });
    expect(await statusOf(p.id)).toBe('scored');

    const conflicted = await assignmentOf(p.id, c!);
    const replaced = await reassignAfterConflict(t.db, ctx, conflicted.id, d!.id);
    expect(await statusOf(p.id)).toBe('in_review');
    expect((await auditTrail(t.db)).at(-1)).toMatchObject({ action: 'review.reassigned', entityId: replaced.assignmentId, summary: { reviewReopened: true } });

    // The replacement can open and score it; the proposal is scored once every active sheet is in.
    expect(await sendSheet(p.id, d!)).toMatchObject({ status: 'submitted', proposalScored: true });
    expect(await statusOf(p.id)).toBe('scored');
    expect(await eventsOf(p.id)).toEqual(['admissible→in_review', 'in_review→scored', 'scored→in_review', 'in_review→scored']);
    const [reopened] = (await t.db.select().from(proposalEvents).where(eq(proposalEvents.proposalId, p.id))).filter((e) => e.fromStatus === 'scored');
    expect(reopened!.actorId, 'the staff member who seated the replacement').toBe(ctx.actor!.userId);
  });

  it('declared before the others sent theirs: they score it, and the replacement is still possible', async () => {
    const { ctx, p, evaluators: [a, b, c, d] } = await threeOnOne();
    expect(await declareConflict(p.id, c!)).toMatchObject({ proposalScored: false });
    await sendSheet(p.id, a!);
    expect(await sendSheet(p.id, b!)).toMatchObject({ proposalScored: true });
    expect(await statusOf(p.id)).toBe('scored');
    await reassignAfterConflict(t.db, ctx, (await assignmentOf(p.id, c!)).id, d!.id);
    expect(await statusOf(p.id)).toBe('in_review');
  });

  it('by the only evaluator leaves nothing to score on: the proposal waits in review', async () => {
    const setup = await evaluationOffice(t.db, { proposals: 1, evaluators: 1 });
    await appointAll(t.db, setup.ctx, setup.call.id, setup.evaluators);
    const [p] = setup.proposals;
    await assignEvaluators(t.db, setup.ctx, { proposalId: p!.id, evaluatorIds: [setup.evaluators[0]!.id] });
    expect(await declareConflict(p!.id, setup.evaluators[0]!)).toMatchObject({ proposalScored: false });
    expect(await statusOf(p!.id)).toBe('in_review');
  });
});

describe('one more evaluator on a scored proposal', () => {
  it('manual, bulk or automatic: back to review until the newcomer sends; a proposal still in review stays as it is', async () => {
    const setup = await evaluationOffice(t.db, { proposals: 3, evaluators: 3 });
    const { ctx, call, evaluators: [a, b] } = setup;
    await appointAll(t.db, ctx, call.id, setup.evaluators);
    const [p, q, r] = setup.proposals;
    await bulkAssign(t.db, ctx, { callId: call.id, proposalIds: [p!.id, q!.id, r!.id], evaluatorIds: [a!.id] });
    await sendSheet(p!.id, a!);
    await sendSheet(q!.id, a!);
    expect([await statusOf(p!.id), await statusOf(q!.id), await statusOf(r!.id)]).toEqual(['scored', 'scored', 'in_review']);

    expect(await assignEvaluators(t.db, ctx, { proposalId: p!.id, evaluatorIds: [b!.id] })).toMatchObject({ created: 1, reviewStarted: 1 });
    expect(await statusOf(p!.id)).toBe('in_review');

    // k = 2: automatic assignment tops up q (scored) and r (in review), and reopens only q.
    await t.db.insert(evaluationSettings).values({ callId: call.id, reviewersPerProposal: 2 });
    expect(await runAutoAssign(t.db, ctx, { callId: call.id })).toMatchObject({ created: 2, proposals: 2 });
    expect([await statusOf(q!.id), await statusOf(r!.id)]).toEqual(['in_review', 'in_review']);
    expect(await eventsOf(r!.id)).toEqual(['admissible→in_review']);
    expect((await eventsOf(q!.id)).at(-1)).toBe('scored→in_review');
  });

  it('never once a ranking has placed it: assignment is refused and nothing changes', async () => {
    const { ctx, call, p, evaluators: [a, b, c, d] } = await threeOnOne();
    for (const e of [a!, b!, c!]) await sendSheet(p.id, e);
    await publishProvisional(t.db, ctx, call.id);
    const ranked = await statusOf(p.id);
    expect(['funded', 'eligible_not_funded', 'below_threshold']).toContain(ranked);
    expect((await domainError(assignEvaluators(t.db, ctx, { proposalId: p.id, evaluatorIds: [d!.id] }))).code).toBe('not_assignable');
    expect(await statusOf(p.id)).toBe(ranked);
  });
});
