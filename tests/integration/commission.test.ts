import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { calls, commissionMembers, evaluationSettings, proposals as proposalsTable, rankings, reviewAssignments } from '../../db/schema/index.ts';
import { appointMember, getCommission, loadCommissionFacts, removeMember, setPresident } from '../../src/domain/evaluation/commission.server.ts';
import { getEvaluationSettings, saveEvaluationSettings } from '../../src/domain/evaluation/settings.server.ts';
import { settingsSchema } from '../../src/domain/evaluation/evaluation.schema.ts';
import { validate } from '../../src/lib/validation.ts';
import { createUser } from '../factories/index.ts';
import { testContext } from '../support/context.ts';
import { useTestDb } from '../support/db.ts';
import { appointAll, assignmentRow, evaluationOffice } from './evaluation-staff-setup.ts';
import { auditTrail, domainError, rowCount } from './helpers.ts';

const t = useTestDb();

const roles = (db = t.db, callId: string) =>
  db.select({ userId: commissionMembers.userId, role: commissionMembers.role }).from(commissionMembers).where(eq(commissionMembers.callId, callId));

describe('commission', () => {
  it('appoints evaluators: the first presides, the others are members; each change is audited', async () => {
    const { call, ctx, evaluators, staff } = await evaluationOffice(t.db, { evaluators: 3 });
    expect(await appointMember(t.db, ctx, { callId: call.id, userId: evaluators[0]!.id })).toEqual({ role: 'president' });
    expect(await appointMember(t.db, ctx, { callId: call.id, userId: evaluators[1]!.id })).toEqual({ role: 'member' });
    const facts = await loadCommissionFacts(t.db, call.id);
    expect(facts).toEqual({ type: 'commission', presidentId: evaluators[0]!.id, memberIds: [evaluators[0]!.id, evaluators[1]!.id] });
    const trail = (await auditTrail(t.db)).filter((a) => a.action === 'commission.member_appointed');
    expect(trail).toHaveLength(2);
    expect(trail[1]).toMatchObject({ entityId: call.id, actorId: staff.id, summary: { userId: evaluators[1]!.id, role: 'member' } });
    // The third evaluator is still a candidate; the two appointed are not.
    const { candidates } = await getCommission(t.db, ctx, call.id);
    expect(candidates.map((c) => c.userId)).toEqual([evaluators[2]!.id]);
  });

  it('refuses people who are not active evaluators, a second appointment, and non-staff', async () => {
    const { call, ctx, evaluators, proposer } = await evaluationOffice(t.db, { evaluators: 1 });
    const disabled = await createUser(t.db, 'evaluator', 'disabled');
    for (const userId of [proposer.id, disabled.id, crypto.randomUUID()]) {
      const error = await domainError(appointMember(t.db, ctx, { callId: call.id, userId }));
      expect([error.code, error.details.field]).toEqual(['not_an_evaluator', 'userId']);
    }
    await appointMember(t.db, ctx, { callId: call.id, userId: evaluators[0]!.id });
    expect((await domainError(appointMember(t.db, ctx, { callId: call.id, userId: evaluators[0]!.id }))).code).toBe('already_member');
    const asEvaluator = testContext({ actor: evaluators[0]!.actor });
    expect((await domainError(appointMember(t.db, asEvaluator, { callId: call.id, userId: evaluators[0]!.id }))).kind).toBe('forbidden');
    expect((await domainError(appointMember(t.db, ctx, { callId: crypto.randomUUID(), userId: evaluators[0]!.id }))).kind).toBe('not_found');
    expect(await rowCount(t.db, commissionMembers)).toBe(1);
  });

  it('changes the president as a separate step, keeping exactly one', async () => {
    const { call, ctx, evaluators } = await evaluationOffice(t.db, { evaluators: 3 });
    await appointAll(t.db, ctx, call.id, evaluators);
    expect(await setPresident(t.db, ctx, { callId: call.id, userId: evaluators[2]!.id })).toEqual({ changed: true });
    const after = await roles(t.db, call.id);
    expect(after.filter((m) => m.role === 'president').map((m) => m.userId)).toEqual([evaluators[2]!.id]);
    expect(after.find((m) => m.userId === evaluators[0]!.id)?.role).toBe('member');
    expect((await auditTrail(t.db)).at(-1)).toMatchObject({ action: 'commission.president_changed', summary: { from: evaluators[0]!.id, to: evaluators[2]!.id } });
    // Again: nothing to change, nothing audited.
    expect(await setPresident(t.db, ctx, { callId: call.id, userId: evaluators[2]!.id })).toEqual({ changed: false });
    const outsider = await createUser(t.db, 'evaluator');
    expect((await domainError(setPresident(t.db, ctx, { callId: call.id, userId: outsider.id }))).code).toBe('not_a_member');
  });

  it('removes a member without submitted scores, with their open assignments; conflicts stay on record', async () => {
    const { call, ctx, evaluators, proposals } = await evaluationOffice(t.db, { evaluators: 2, proposals: 3 });
    await appointAll(t.db, ctx, call.id, evaluators);
    const member = evaluators[1]!;
    await assignmentRow(t.db, proposals[0]!.id, member.id, 'assigned');
    await assignmentRow(t.db, proposals[1]!.id, member.id, 'in_progress');
    const conflictRow = await assignmentRow(t.db, proposals[2]!.id, member.id, 'conflict_declared');
    expect(await removeMember(t.db, ctx, { callId: call.id, userId: member.id })).toEqual({ assignmentsRemoved: 2 });
    expect((await roles(t.db, call.id)).map((m) => m.userId)).toEqual([evaluators[0]!.id]);
    const left = await t.db.select({ id: reviewAssignments.id }).from(reviewAssignments);
    expect(left.map((a) => a.id)).toEqual([conflictRow.id]);
    expect((await auditTrail(t.db)).at(-1)).toMatchObject({ action: 'commission.member_removed', summary: { userId: member.id, role: 'member' } });
  });

  it('marks scored the proposals where the removed member was the last one still working', async () => {
    const { call, ctx, evaluators, proposals } = await evaluationOffice(t.db, { evaluators: 2, proposals: 1 });
    await appointAll(t.db, ctx, call.id, evaluators);
    await t.db.update(proposalsTable).set({ status: 'in_review' }).where(eq(proposalsTable.id, proposals[0]!.id));
    await assignmentRow(t.db, proposals[0]!.id, evaluators[0]!.id, 'submitted');
    await assignmentRow(t.db, proposals[0]!.id, evaluators[1]!.id, 'in_progress');
    await removeMember(t.db, ctx, { callId: call.id, userId: evaluators[1]!.id });
    const [row] = await t.db.select({ status: proposalsTable.status }).from(proposalsTable).where(eq(proposalsTable.id, proposals[0]!.id));
    expect(row?.status).toBe('scored');
  });

  it('refuses to remove a member who has submitted scores, or the president while others remain', async () => {
    const { call, ctx, evaluators, proposals } = await evaluationOffice(t.db, { evaluators: 2, proposals: 2 });
    await appointAll(t.db, ctx, call.id, evaluators);
    await assignmentRow(t.db, proposals[0]!.id, evaluators[1]!.id, 'submitted');
    await assignmentRow(t.db, proposals[1]!.id, evaluators[1]!.id, 'assigned');
    const error = await domainError(removeMember(t.db, ctx, { callId: call.id, userId: evaluators[1]!.id }));
    expect([error.code, error.details.count]).toEqual(['member_has_scores', 1]);
    expect(await rowCount(t.db, reviewAssignments)).toBe(2);
    expect((await domainError(removeMember(t.db, ctx, { callId: call.id, userId: evaluators[0]!.id }))).code).toBe('president_in_office');
    expect(await rowCount(t.db, commissionMembers)).toBe(2);
  });

  it('lets the last member, the president, go: the next one appointed presides', async () => {
    const { call, ctx, evaluators } = await evaluationOffice(t.db, { evaluators: 2 });
    await appointMember(t.db, ctx, { callId: call.id, userId: evaluators[0]!.id });
    await removeMember(t.db, ctx, { callId: call.id, userId: evaluators[0]!.id });
    expect(await appointMember(t.db, ctx, { callId: call.id, userId: evaluators[1]!.id })).toEqual({ role: 'president' });
  });

  it('serialises concurrent appointments: never two presidents', async () => {
    const { call, ctx, evaluators } = await evaluationOffice(t.db, { evaluators: 4 });
    await Promise.all(evaluators.map((e) => appointMember(t.db, ctx, { callId: call.id, userId: e.id })));
    expect((await roles(t.db, call.id)).filter((m) => m.role === 'president')).toHaveLength(1);
  });
});

describe('evaluation settings', () => {
  const form = (callId: string, values: Record<string, string>) => {
    const parsed = validate(settingsSchema, { callId, consolidation: 'mean', reviewersPerProposal: '3', ...values });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    return parsed.data;
  };

  it('are the defaults until first saved, then a row that each save updates, audited with before and after', async () => {
    const { call, ctx } = await evaluationOffice(t.db);
    expect(await getEvaluationSettings(t.db, call.id)).toEqual({ blindReview: false, consolidation: 'mean', normalise: false, reviewersPerProposal: 3, descriptors: null, updatedAt: null });
    await saveEvaluationSettings(t.db, ctx, form(call.id, { blindReview: 'on', reviewersPerProposal: '2' }));
    await saveEvaluationSettings(t.db, ctx, form(call.id, { blindReview: 'on', consolidation: 'consensus', normalise: 'on', reviewersPerProposal: '4' }));
    expect(await rowCount(t.db, evaluationSettings)).toBe(1);
    expect(await getEvaluationSettings(t.db, call.id)).toMatchObject({ blindReview: true, consolidation: 'consensus', normalise: true, reviewersPerProposal: 4 });
    const saved = (await auditTrail(t.db)).filter((a) => a.action === 'evaluation.settings_saved');
    expect(saved[1]?.summary).toEqual({
      from: { blindReview: true, consolidation: 'mean', normalise: false, reviewersPerProposal: 2, descriptors: null },
      to: { blindReview: true, consolidation: 'consensus', normalise: true, reviewersPerProposal: 4, descriptors: null },
    });
  });

  it('keep the call’s own descriptor scale, audited; all rows empty go back to the default five levels', async () => {
    const { call, ctx } = await evaluationOffice(t.db);
    const rows = { 'descriptors.0.it': 'Inadeguato', 'descriptors.0.en': 'Inadequate', 'descriptors.2.it': ' Buono ', 'descriptors.2.en': 'Good', 'descriptors.3.it': 'Ottimo', 'descriptors.3.en': 'Excellent' };
    await saveEvaluationSettings(t.db, ctx, form(call.id, rows));
    const three = [{ it: 'Inadeguato', en: 'Inadequate' }, { it: 'Buono', en: 'Good' }, { it: 'Ottimo', en: 'Excellent' }];
    expect((await getEvaluationSettings(t.db, call.id)).descriptors).toEqual(three);
    const [stored] = await t.db.select({ d: evaluationSettings.descriptors }).from(evaluationSettings);
    expect(stored!.d).toEqual(three);

    // A save from a form without the rows (another caller) keeps the scale; the form with empty rows resets it.
    const { descriptorRows: _, ...withoutRows } = form(call.id, { reviewersPerProposal: '2' });
    await saveEvaluationSettings(t.db, ctx, withoutRows);
    expect((await getEvaluationSettings(t.db, call.id)).descriptors).toEqual(three);
    await saveEvaluationSettings(t.db, ctx, form(call.id, { 'descriptors.0.it': '', 'descriptors.0.en': '' }));
    expect((await getEvaluationSettings(t.db, call.id)).descriptors).toBeNull();
    const summaries = (await auditTrail(t.db)).filter((a) => a.action === 'evaluation.settings_saved').map((a) => a.summary as { from: { descriptors: unknown }; to: { descriptors: unknown } });
    expect(summaries.map((s) => [s.from.descriptors, s.to.descriptors])).toEqual([[null, three], [three, three], [three, null]]);
  });

  it('refuse a wrong scale with every problem on its row, and save nothing', async () => {
    const { call, ctx } = await evaluationOffice(t.db);
    const error = await domainError(saveEvaluationSettings(t.db, ctx, form(call.id, { blindReview: 'on', 'descriptors.0.it': 'Scarso', 'descriptors.1.it': 'scarso', 'descriptors.1.en': 'Poor' })));
    expect(error).toMatchObject({
      kind: 'invalid',
      code: 'descriptors_invalid',
      details: { errors: { 'descriptors.0.en': { key: 'validation.required' }, 'descriptors.1.it': { key: 'evaluation.errors.descriptor_repeated' } } },
    });
    const single = await domainError(saveEvaluationSettings(t.db, ctx, form(call.id, { 'descriptors.0.it': 'Unico', 'descriptors.0.en': 'Only' })));
    expect(single.details.errors).toEqual({ 'descriptors.1.it': { key: 'evaluation.errors.descriptors_too_few', params: { min: 2 } } });
    expect(await rowCount(t.db, evaluationSettings)).toBe(0);
  });

  it('refuses bad input with per-field messages', () => {
    const parsed = validate(settingsSchema, { callId: crypto.randomUUID(), consolidation: 'median', reviewersPerProposal: '0' });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(Object.keys(parsed.errors).sort()).toEqual(['consolidation', 'reviewersPerProposal']);
    const big = validate(settingsSchema, { callId: crypto.randomUUID(), consolidation: 'mean', reviewersPerProposal: '11' });
    expect(big.ok ? null : big.errors.reviewersPerProposal?.key).toBe('validation.tooBig');
  });

  it('cannot change once a provisional ranking is published', async () => {
    const { call, ctx } = await evaluationOffice(t.db);
    await t.db.insert(rankings).values({ callId: call.id, kind: 'provisional', method: {}, budgetCents: 0 });
    const error = await domainError(saveEvaluationSettings(t.db, ctx, form(call.id, { blindReview: 'on' })));
    expect(error.code).toBe('settings_locked');
    await t.db.delete(rankings);
    await t.db.update(calls).set({ phase: 'ranking_final' }).where(eq(calls.id, call.id));
    expect((await domainError(saveEvaluationSettings(t.db, ctx, form(call.id, {})))).code).toBe('settings_locked');
    expect(await rowCount(t.db, evaluationSettings)).toBe(0);
  });
});
