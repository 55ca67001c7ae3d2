import { asc, eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { evaluationSettings, proposalEvents, proposals, reviewAssignments, reviewScores } from '../../db/schema/index.ts';
import { declareInterest } from '../../src/domain/evaluation/conflict.server.ts';
import { levelRanges } from '../../src/domain/evaluation/descriptor-scale.ts';
import { evaluatorDashboard, reviewPage } from '../../src/domain/evaluation/evaluator-views.server.ts';
import { declareSchema } from '../../src/domain/evaluation/review-schema.ts';
import { validate } from '../../src/lib/validation.ts';
import { createUser } from '../factories/index.ts';
import { assignReviewer } from '../factories/review-assignments.ts';
import { useTestDb } from '../support/db.ts';
import { auditTrail, domainError } from './helpers.ts';
import { assignmentRow, ctxOf, goodSheet, reviewSetup, score } from './review-setup.ts';

const t = useTestDb();

const scoresOf = (assignmentId: string) =>
  t.db.select({ criterion: reviewScores.criterion, points: reviewScores.points, comment: reviewScores.comment }).from(reviewScores).where(eq(reviewScores.assignmentId, assignmentId)).orderBy(asc(reviewScores.criterion));
const proposalStatus = async (id: string) => (await t.db.select({ s: proposals.status }).from(proposals).where(eq(proposals.id, id)))[0]!.s;

describe('declaring on conflicts of interest', () => {
  it('shows only the protocol number and the call before the declaration, and refuses scores', async () => {
    const { evaluators, assignments } = await reviewSetup(t.db, 1);
    const view = await reviewPage(t.db, ctxOf(evaluators[0]!), assignments[0]!.id);
    expect(view.stage).toBe('declare');
    expect(Object.keys(view).sort()).toEqual(['assignment', 'call', 'protocolNumber', 'stage']);
    expect((await domainError(score(t.db, evaluators[0]!, assignments[0]!.id, 'draft', goodSheet))).code).toBe('conflict_not_declared');
  });

  it('"no conflict" opens the proposal, keeps the status assigned, audits once', async () => {
    const { evaluators, assignments, proposal } = await reviewSetup(t.db, 1);
    const [e, a] = [evaluators[0]!, assignments[0]!];
    for (let i = 0; i < 2; i++) expect(await declareInterest(t.db, ctxOf(e), { assignmentId: a.id, declaration: 'none' })).toEqual({ declaration: 'none', proposalId: proposal.id });
    const row = await assignmentRow(t.db, a.id);
    expect(row.status).toBe('assigned');
    expect(row.noConflictDeclaredAt).toBeInstanceOf(Date);
    expect((await reviewPage(t.db, ctxOf(e), a.id)).stage).toBe('review');
    expect((await auditTrail(t.db)).map((x) => x.action)).toEqual(['review.no_conflict_declared']);
  });

  it('needs a kind and a reason to declare a conflict', () => {
    const parsed = validate(declareSchema, { assignmentId: 'x', declaration: 'conflict', reason: '  ' });
    expect(parsed).toEqual({ ok: false, errors: { kind: { key: 'validation.choice' }, reason: { key: 'validation.required' } } });
  });

  it('a conflict closes the proposal for good and tells staff through the audit trail, without the reason', async () => {
    const { evaluators, assignments, proposal } = await reviewSetup(t.db, 1);
    const [e, a] = [evaluators[0]!, assignments[0]!];
    await declareInterest(t.db, ctxOf(e), { assignmentId: a.id, declaration: 'conflict', kind: 'family', reason: 'La proponente è mia cugina.' });
    const row = await assignmentRow(t.db, a.id);
    expect(row).toMatchObject({ status: 'conflict_declared', conflictKind: 'family', conflictReason: 'La proponente è mia cugina.' });
    const [audit] = await auditTrail(t.db);
    expect(audit).toMatchObject({ action: 'review.conflict_declared', entityId: a.id, actorId: e.id, summary: { proposalId: proposal.id, kind: 'family' } });
    expect(JSON.stringify(audit)).not.toContain('cugina');

    expect((await domainError(reviewPage(t.db, ctxOf(e), a.id))).code).toBe('conflict_of_interest');
    expect((await domainError(score(t.db, e, a.id, 'draft', goodSheet))).code).toBe('conflict_of_interest');
    expect((await domainError(declareInterest(t.db, ctxOf(e), { assignmentId: a.id, declaration: 'none' }))).code).toBe('conflict_of_interest');
    expect((await evaluatorDashboard(t.db, ctxOf(e))).counts).toEqual({ toDeclare: 0, inProgress: 0, submitted: 0, conflicts: 1 });
  });

  it('may still be declared while scoring, never after sending', async () => {
    const { evaluators, assignments } = await reviewSetup(t.db, 2, { cleared: true });
    await score(t.db, evaluators[0]!, assignments[0]!.id, 'draft', { 'score.need': '10' });
    await declareInterest(t.db, ctxOf(evaluators[0]!), { assignmentId: assignments[0]!.id, declaration: 'conflict', kind: 'association', reason: 'Sono socio.' });
    expect((await assignmentRow(t.db, assignments[0]!.id)).status).toBe('conflict_declared');

    await score(t.db, evaluators[1]!, assignments[1]!.id, 'submit', goodSheet);
    const error = await domainError(declareInterest(t.db, ctxOf(evaluators[1]!), { assignmentId: assignments[1]!.id, declaration: 'conflict', kind: 'other', reason: 'Tardi.' }));
    expect(error.code).toBe('review_locked');
  });
});

describe('who may score', () => {
  it('refuses residents, anonymous visitors and evaluators on someone else’s assignment', async () => {
    const { owner, evaluators, assignments } = await reviewSetup(t.db, 1, { cleared: true });
    const stranger = await createUser(t.db, 'evaluator');
    const a = assignments[0]!.id;
    expect((await domainError(score(t.db, owner, a, 'draft', goodSheet))).code).toBe('missing_role');
    expect((await domainError(score(t.db, stranger, a, 'draft', goodSheet))).code).toBe('not_assigned');
    expect((await domainError(reviewPage(t.db, ctxOf(stranger), a))).code).toBe('not_assigned');
    expect((await domainError(reviewPage(t.db, ctxOf(owner), a))).code).toBe('missing_role');
    expect((await domainError(reviewPage(t.db, ctxOf(null), a))).code).toBe('not_signed_in');
    expect((await domainError(declareInterest(t.db, ctxOf(stranger), { assignmentId: a, declaration: 'none' }))).code).toBe('not_assigned');
    expect((await domainError(reviewPage(t.db, ctxOf(evaluators[0]!), '00000000-0000-4000-8000-000000000000'))).kind).toBe('not_found');
    expect(await scoresOf(a)).toEqual([]);
  });
});

describe('the scoring sheet', () => {
  it('saves a partial draft (in progress) and refuses a stale version without changing anything', async () => {
    const { evaluators, assignments } = await reviewSetup(t.db, 1, { cleared: true });
    const [e, a] = [evaluators[0]!, assignments[0]!];
    const saved = await score(t.db, e, a.id, 'draft', { 'score.need': '12', 'comment.need': 'Bisogno poco documentato.' });
    expect(saved).toMatchObject({ status: 'in_progress', version: 2, total: { points: 12, max: 100, scored: 1, criteria: 4 }, proposalScored: false });
    expect(await scoresOf(a.id)).toEqual([{ criterion: 'need', points: 12, comment: 'Bisogno poco documentato.' }]);

    const stale = await domainError(score(t.db, e, a.id, 'draft', { 'score.need': '30' }, 1));
    expect(stale.code).toBe('stale_review');
    expect(await scoresOf(a.id)).toEqual([{ criterion: 'need', points: 12, comment: 'Bisogno poco documentato.' }]);
    expect((await auditTrail(t.db)).map((x) => x.action)).toEqual(['review.draft_saved']);
  });

  it('refuses out-of-range scores and a comment without a score, field by field', async () => {
    const { evaluators, assignments } = await reviewSetup(t.db, 1, { cleared: true });
    const error = await domainError(score(t.db, evaluators[0]!, assignments[0]!.id, 'draft', { 'score.need': '31', 'score.impact': '2.5', 'comment.team': 'Buono' }));
    expect(error.code).toBe('scores_invalid');
    expect(error.details.errors).toEqual({
      'score.need': { key: 'validation.tooBig', params: { max: 30 } },
      'score.impact': { key: 'validation.integer' },
      'score.team': { key: 'review.errors.commentNeedsScore' },
    });
    expect((await assignmentRow(t.db, assignments[0]!.id)).status).toBe('assigned');
  });

  it('sends only a complete sheet with comments on low scores; a refused send changes nothing', async () => {
    const { evaluators, assignments } = await reviewSetup(t.db, 1, { cleared: true });
    const [e, a] = [evaluators[0]!, assignments[0]!];
    await score(t.db, e, a.id, 'draft', { 'score.need': '20' });
    // need 14 < sub-threshold 15 and < 60 % of 30 (18): a comment is required up to 17.
    const error = await domainError(score(t.db, e, a.id, 'submit', { 'score.need': '14', 'score.feasibility': '20', 'score.impact': '10', 'comment.impact': 'Impatto limitato.' }));
    expect(error.code).toBe('scores_incomplete');
    expect(error.details.errors).toEqual({
      'comment.need': { key: 'review.errors.commentRequired', params: { min: 18 } },
      'score.team': { key: 'validation.required' },
    });
    expect(await scoresOf(a.id)).toEqual([{ criterion: 'need', points: 20, comment: '' }]);
    expect((await assignmentRow(t.db, a.id)).status).toBe('in_progress');
  });

  it('locks the sheet once sent', async () => {
    const { evaluators, assignments, proposal } = await reviewSetup(t.db, 2, { cleared: true });
    const [e, a] = [evaluators[0]!, assignments[0]!];
    const sent = await score(t.db, e, a.id, 'submit', goodSheet);
    expect(sent).toMatchObject({ status: 'submitted', total: { points: 76, max: 100, scored: 4 }, proposalScored: false });
    const row = await assignmentRow(t.db, a.id);
    expect(row.submittedAt).toBeInstanceOf(Date);
    expect((await domainError(score(t.db, e, a.id, 'draft', { ...goodSheet, 'score.need': '30' }))).code).toBe('review_locked');
    expect((await scoresOf(a.id)).find((s) => s.criterion === 'need')?.points).toBe(24);
    const view = await reviewPage(t.db, ctxOf(e), a.id);
    expect(view.stage === 'review' && view.editable).toBe(false);
    expect(await proposalStatus(proposal.id)).toBe('in_review');
    expect((await auditTrail(t.db)).map((x) => x.action)).toEqual(['review.submitted']);
  });

  it('refuses scores once the proposal has left the review', async () => {
    const { evaluators, assignments, proposal } = await reviewSetup(t.db, 1, { cleared: true });
    await t.db.update(proposals).set({ status: 'scored' }).where(eq(proposals.id, proposal.id));
    expect((await domainError(score(t.db, evaluators[0]!, assignments[0]!.id, 'draft', goodSheet))).code).toBe('review_closed');
  });
});

describe('in_review → scored', () => {
  it('moves when the last active assignment is sent, in the same transaction, with an anonymous event', async () => {
    const { evaluators, assignments, proposal } = await reviewSetup(t.db, 3, { cleared: true });
    await declareInterest(t.db, ctxOf(evaluators[2]!), { assignmentId: assignments[2]!.id, declaration: 'conflict', kind: 'neighbourhood', reason: 'Abito nello stesso cortile.' });
    expect((await score(t.db, evaluators[0]!, assignments[0]!.id, 'submit', goodSheet)).proposalScored).toBe(false);
    expect((await score(t.db, evaluators[1]!, assignments[1]!.id, 'submit', goodSheet)).proposalScored).toBe(true);

    expect(await proposalStatus(proposal.id)).toBe('scored');
    const events = await t.db.select().from(proposalEvents).where(eq(proposalEvents.proposalId, proposal.id));
    expect(events).toEqual([expect.objectContaining({ fromStatus: 'in_review', toStatus: 'scored', actorId: null })]);
    const trail = await auditTrail(t.db);
    expect(trail.at(-1)).toMatchObject({ action: 'proposal.scored', entityId: proposal.id, actorId: evaluators[1]!.id, summary: { reviews: 2 } });
  });

  it('is scored on the sheets already in when the last pending evaluator declares a conflict (the replacement: review-reopen.test.ts)', async () => {
    const { evaluators, assignments, proposal } = await reviewSetup(t.db, 2, { cleared: true });
    await score(t.db, evaluators[0]!, assignments[0]!.id, 'submit', goodSheet);
    const declared = await declareInterest(t.db, ctxOf(evaluators[1]!), { assignmentId: assignments[1]!.id, declaration: 'conflict', kind: 'professional', reason: 'Collega di lavoro.' });
    expect(declared).toMatchObject({ declaration: 'conflict', proposalScored: true });
    expect(await proposalStatus(proposal.id)).toBe('scored');
  });

  it.runIf(t.kind === 'postgres')('happens exactly once when the last two evaluators send at the same time', async () => {
    const { evaluators, assignments, proposal } = await reviewSetup(t.db, 2, { cleared: true });
    const other = await t.connect();
    const [x, y] = await Promise.all([
      score(t.db, evaluators[0]!, assignments[0]!.id, 'submit', goodSheet),
      score(other.db, evaluators[1]!, assignments[1]!.id, 'submit', goodSheet),
    ]);
    expect([x.proposalScored, y.proposalScored].filter(Boolean)).toHaveLength(1);
    expect(await proposalStatus(proposal.id)).toBe('scored');
    const rows = await t.db.select({ s: reviewAssignments.status }).from(reviewAssignments).where(inArray(reviewAssignments.id, assignments.map((a) => a.id)));
    expect(rows.map((r) => r.s)).toEqual(['submitted', 'submitted']);
  });
});

describe('the evaluator’s dashboard', () => {
  it('groups assignments per call in four stages, with counts, and hides titles until cleared', async () => {
    const first = await reviewSetup(t.db, 1);
    const e = first.evaluators[0]!;
    const second = await reviewSetup(t.db, 0);
    const cleared = await assignReviewer(t.db, { proposalId: second.proposal.id, evaluatorId: e.id, cleared: true });
    await score(t.db, e, cleared.id, 'draft', { 'score.need': '20' });

    const board = await evaluatorDashboard(t.db, ctxOf(e));
    expect(board.counts).toEqual({ toDeclare: 1, inProgress: 1, submitted: 0, conflicts: 0 });
    expect(board.calls).toHaveLength(2);
    const items = board.calls.flatMap((c) => [...c.items.toDeclare, ...c.items.inProgress]);
    expect(items.find((i) => i.assignmentId === first.assignments[0]!.id)).toMatchObject({ title: null, points: null });
    expect(items.find((i) => i.assignmentId === cleared.id)).toMatchObject({ title: 'Doposcuola di cortile', points: 20, maxPoints: 100 });
    const stranger = await createUser(t.db, 'evaluator');
    expect((await evaluatorDashboard(t.db, ctxOf(stranger))).calls).toEqual([]);
    expect((await domainError(evaluatorDashboard(t.db, ctxOf(first.owner)))).code).toBe('missing_role');
  });
});

describe('the descriptor scale on the sheet', () => {
  it('is the call’s own when staff set one, the default five levels otherwise', async () => {
    const { call, evaluators, assignments } = await reviewSetup(t.db, 1, { cleared: true });
    const view = async () => {
      const page = await reviewPage(t.db, ctxOf(evaluators[0]!), assignments[0]!.id);
      return page.stage === 'review' ? levelRanges(30, page.call.scale).map((r) => [r.label.it, r.from, r.to]) : null;
    };
    expect((await view())!.map((r) => r[0])).toEqual(['insufficiente', 'sufficiente', 'discreto', 'buono', 'ottimo']);
    const labels = [{ it: 'Inadeguato', en: 'Inadequate' }, { it: 'Parziale', en: 'Partial' }, { it: 'Adeguato', en: 'Adequate' }, { it: 'Eccellente', en: 'Excellent' }];
    await t.db.insert(evaluationSettings).values({ callId: call.id, descriptors: labels });
    expect(await view()).toEqual([['Inadeguato', 0, 7], ['Parziale', 8, 14], ['Adeguato', 15, 22], ['Eccellente', 23, 30]]);
  });
});
