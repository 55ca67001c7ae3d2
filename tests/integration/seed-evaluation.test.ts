import { describe, expect, it } from 'vitest';
import { and, count, eq, gt } from 'drizzle-orm';
import { calls, commissionMembers, evaluationSettings, observations, proposals, rankingEntries, rankings, reviewAssignments, reviewScores, users } from '../../db/schema/index.ts';
import { IN_REVIEW_SLUG, seedEvaluation } from '../../db/seed/evaluation.ts';
import { demoRubric } from '../../db/seed/call-forms.ts';
import { createCall, createNeighbourhood, createProgramme, createUser } from '../factories/index.ts';
import { useTestDb } from '../support/db.ts';

const t = useTestDb();

async function counts() {
  const n = async (table: typeof users | typeof calls | typeof proposals | typeof reviewAssignments | typeof reviewScores | typeof rankings | typeof rankingEntries | typeof observations) =>
    (await t.db.select({ n: count() }).from(table))[0]!.n;
  return { users: await n(users), calls: await n(calls), proposals: await n(proposals), assignments: await n(reviewAssignments), scores: await n(reviewScores), rankings: await n(rankings), entries: await n(rankingEntries), observations: await n(observations) };
}

describe('seedEvaluation', () => {
  it('seeds a call in review, one ready for its provisional ranking, a provisional ranking open and one closed, and a final ranking, once', async () => {
    const programme = await createProgramme(t.db);
    const n = await createNeighbourhood(t.db);
    const staff = await createUser(t.db, 'staff');
    await createUser(t.db, 'evaluator', { email: 'valutatore@vivaio.example' });
    await createCall(t.db, 'inReview', { programmeId: programme.id, slug: IN_REVIEW_SLUG, rubric: demoRubric, budgetCents: 25_000_000, maxGrantCents: 2_500_000 });
    const options = { programmeId: programme.id, neighbourhoodIds: [n.id], staffUserId: staff.id };

    expect(await t.db.transaction((tx) => seedEvaluation(tx, options))).toEqual({ calls: 5 });
    const first = await counts();
    expect(await t.db.transaction((tx) => seedEvaluation(tx, options))).toEqual({ calls: 0 });
    expect(await counts()).toEqual(first);

    // In review: three evaluators sent scores, one declared a conflict, some sheets still open.
    const [review] = await t.db.select().from(calls).where(eq(calls.slug, IN_REVIEW_SLUG));
    const sheets = await t.db
      .select({ evaluator: reviewAssignments.evaluatorId, status: reviewAssignments.status, status2: proposals.status })
      .from(reviewAssignments).innerJoin(proposals, eq(proposals.id, reviewAssignments.proposalId)).where(eq(proposals.callId, review!.id));
    expect(new Set(sheets.filter((s) => s.status === 'submitted').map((s) => s.evaluator)).size).toBe(3);
    expect(sheets.filter((s) => s.status === 'conflict_declared')).toHaveLength(1);
    expect(sheets.some((s) => s.status === 'in_progress')).toBe(true);
    expect(new Set(sheets.map((s) => s.status2))).toEqual(new Set(['in_review', 'scored']));
    expect((await t.db.select().from(commissionMembers).where(and(eq(commissionMembers.callId, review!.id), eq(commissionMembers.role, 'president'))))).toHaveLength(1);
    const scored = await t.db.select({ n: count() }).from(reviewScores).innerJoin(reviewAssignments, eq(reviewAssignments.id, reviewScores.assignmentId)).where(eq(reviewAssignments.status, 'submitted'));
    expect(scored[0]!.n).toBeGreaterThan(0);

    // Provisional: every outcome present, the window still open, observations filed in it.
    const [provisional] = await t.db.select().from(rankings).innerJoin(calls, eq(calls.id, rankings.callId)).where(and(eq(rankings.kind, 'provisional'), eq(calls.slug, 'botteghe-di-prossimita-2026')));
    expect(provisional!.calls.phase).toBe('ranking_provisional');
    expect(provisional!.rankings.observationsCloseAt!.getTime()).toBeGreaterThan(Date.now());
    const entries = await t.db.select().from(rankingEntries).where(eq(rankingEntries.rankingId, provisional!.rankings.id));
    expect(new Set(entries.map((e) => e.outcome))).toEqual(new Set(['funded', 'eligible_not_funded', 'below_threshold']));
    const funded = entries.filter((e) => e.outcome === 'funded').reduce((s, e) => s + e.grantCents, 0);
    expect(funded).toBeLessThanOrEqual(provisional!.calls.budgetCents);
    const filed = await t.db.select().from(observations).where(and(eq(observations.rankingId, provisional!.rankings.id), eq(observations.status, 'filed')));
    expect(filed.length).toBeGreaterThanOrEqual(1);
    for (const o of filed) expect(o.filedAt.getTime()).toBeLessThan(provisional!.rankings.observationsCloseAt!.getTime());
    for (const e of entries) {
      const [p] = await t.db.select({ status: proposals.status }).from(proposals).where(eq(proposals.id, e.proposalId));
      expect(p!.status).toBe(e.outcome);
    }

    // Ready for the provisional ranking: in review, every proposal scored, nothing published, the call's own scale.
    const [ready] = await t.db.select().from(calls).where(eq(calls.slug, 'orti-condivisi-2026'));
    expect(ready!.phase).toBe('in_review');
    const readyProposals = await t.db.select().from(proposals).where(eq(proposals.callId, ready!.id));
    expect(readyProposals.length).toBeGreaterThanOrEqual(3);
    expect(new Set(readyProposals.map((p) => p.status))).toEqual(new Set(['scored']));
    expect(await t.db.select().from(rankings).where(eq(rankings.callId, ready!.id))).toEqual([]);
    const [scale] = await t.db.select({ d: evaluationSettings.descriptors }).from(evaluationSettings).where(eq(evaluationSettings.callId, ready!.id));
    expect(scale!.d).toHaveLength(4);
    // One informal group agreed to be named; no association needs to.
    expect(readyProposals.filter((p) => p.publicNameConsent).map((p) => p.applicantType)).toEqual(['informal_group']);
    const unsent = await t.db.select({ status: reviewAssignments.status }).from(reviewAssignments).innerJoin(proposals, eq(proposals.id, reviewAssignments.proposalId)).where(eq(proposals.callId, ready!.id));
    expect(new Set(unsent.map((a) => a.status))).toEqual(new Set(['submitted']));

    // Ready for the final ranking: the window has closed and every observation is answered.
    const [closed] = await t.db.select().from(rankings).innerJoin(calls, eq(calls.id, rankings.callId)).where(eq(calls.slug, 'libri-in-cortile-2025'));
    expect(closed).toMatchObject({ calls: { phase: 'ranking_provisional' }, rankings: { kind: 'provisional' } });
    expect(closed!.rankings.observationsCloseAt!.getTime()).toBeLessThan(Date.now());
    const answered = await t.db.select().from(observations).where(eq(observations.rankingId, closed!.rankings.id));
    expect(answered.length).toBeGreaterThanOrEqual(1);
    expect(answered.every((o) => o.status === 'answered' && o.answer)).toBe(true);

    // Final: a call with a final ranking published after its provisional one.
    const finals = await t.db.select().from(rankings).innerJoin(calls, eq(calls.id, rankings.callId)).where(and(eq(rankings.kind, 'final'), eq(calls.phase, 'ranking_final')));
    expect(finals).toHaveLength(1);
    expect((await t.db.select().from(rankingEntries).where(and(eq(rankingEntries.rankingId, finals[0]!.rankings.id), gt(rankingEntries.grantCents, 0)))).length).toBeGreaterThan(0);
  });
});
