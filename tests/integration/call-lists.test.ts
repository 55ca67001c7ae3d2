import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { callAmendments, calls } from '../../db/schema/index.ts';
import { moveCallItem, removeCallItem, saveCallItem, setRubricPoints } from '../../src/domain/calls/edit-call-lists.server.ts';
import { attachmentFormSchema, criterionFormSchema, eligibilityFormSchema, questionFormSchema } from '../../src/domain/calls/item-forms.ts';
import { rubricPointsSchema } from '../../src/domain/calls/list-edits.schema.ts';
import { validate } from '../../src/lib/validation.ts';
import { createCall, createProposal, createUser } from '../factories/index.ts';
import { testContext } from '../support/context.ts';
import { useTestDb } from '../support/db.ts';
import { auditTrail, domainError, outbox, rowCount } from './helpers.ts';

const t = useTestDb();

function form<S extends Parameters<typeof validate>[0]>(schema: S, raw: Record<string, unknown>) {
  const parsed = validate(schema, raw);
  if (!parsed.ok) throw new Error(`invalid form: ${JSON.stringify(parsed.errors)}`);
  return parsed.data as ReturnType<S['parse']>;
}

const question = (callId: string, over: Record<string, unknown> = {}) => ({
  callId,
  'section.it': 'Il gruppo',
  'section.en': 'The group',
  type: 'single_choice',
  'label.it': 'Come partecipate?',
  'label.en': 'How do you take part?',
  required: 'on',
  options: 'Da solo | On my own\nIn gruppo | As a group',
  kinds: [],
  ...over,
});

async function setup(trait: 'draft' | 'open' = 'draft') {
  const staff = await createUser(t.db, 'staff');
  const call = await createCall(t.db, trait);
  return { staff, call, ctx: testContext({ actor: staff.actor, requestId: 'req-lists' }) };
}
const callRow = async (id: string) => (await t.db.select().from(calls).where(eq(calls.id, id)))[0]!;

describe('questions on a draft', () => {
  it('adds a question with a key from the Italian label and option values from their labels', async () => {
    const { call, ctx } = await setup();
    const input = form(questionFormSchema, question(call.id));
    const { key } = await saveCallItem(t.db, ctx, { ...input, list: 'questions' });
    expect(key).toBe('come_partecipate');
    const saved = (await callRow(call.id)).questions.at(-1)!;
    expect(saved).toMatchObject({ key, type: 'single_choice', required: true, label: { it: 'Come partecipate?', en: 'How do you take part?' } });
    expect(saved.options).toEqual([
      { value: 'da_solo', label: { it: 'Da solo', en: 'On my own' } },
      { value: 'in_gruppo', label: { it: 'In gruppo', en: 'As a group' } },
    ]);
    expect((await auditTrail(t.db)).map((a) => [a.action, a.summary])).toEqual([
      ['call.updated', expect.objectContaining({ changed: ['questions'], list: 'questions', key, op: 'added' })],
    ]);
  });

  it('keeps keys unique, refuses a typed key already used, and edits in place', async () => {
    const { call, ctx } = await setup();
    await saveCallItem(t.db, ctx, { ...form(questionFormSchema, question(call.id)), list: 'questions' });
    const second = await saveCallItem(t.db, ctx, { ...form(questionFormSchema, question(call.id)), list: 'questions' });
    expect(second.key).toBe('come_partecipate_2');
    const taken = await domainError(saveCallItem(t.db, ctx, { ...form(questionFormSchema, question(call.id, { key: 'need' })), list: 'questions' }));
    expect(taken).toMatchObject({ code: 'key_taken', details: { field: 'key' } });

    const edit = form(
      questionFormSchema,
      question(call.id, { originalKey: 'need', type: 'long_text', 'label.it': 'Quale bisogno?', max: '2000', options: '' }),
    );
    await saveCallItem(t.db, ctx, { ...edit, list: 'questions' });
    const questions = (await callRow(call.id)).questions;
    expect(questions.map((q) => q.key)).toEqual(['need', 'users', 'cofinancing', 'come_partecipate', 'come_partecipate_2']);
    expect(questions[0]).toMatchObject({ key: 'need', type: 'long_text', max: 2000 });
    expect(questions[0]!.options).toBeUndefined();
  });

  it('moves and removes items', async () => {
    const { call, ctx } = await setup();
    await moveCallItem(t.db, ctx, { callId: call.id, list: 'questions', key: 'cofinancing', direction: 'up', note: null });
    await moveCallItem(t.db, ctx, { callId: call.id, list: 'questions', key: 'need', direction: 'up', note: null });
    await removeCallItem(t.db, ctx, { callId: call.id, list: 'questions', key: 'users', note: null });
    expect((await callRow(call.id)).questions.map((q) => q.key)).toEqual(['need', 'cofinancing']);
    expect(await domainError(removeCallItem(t.db, ctx, { callId: call.id, list: 'questions', key: 'users', note: null }))).toMatchObject({
      kind: 'not_found',
      code: 'item_not_found',
    });
  });

  it.each([
    [{ type: 'single_choice', options: 'Una sola | Only one' }, 'options', 'errors.options_required'],
    [{ type: 'single_choice', options: 'Senza traduzione\nAltra | Other' }, 'options', 'errors.options_format'],
    [{ type: 'file', kinds: [], maxMb: '5' }, 'kinds', 'errors.kinds_required'],
    [{ type: 'file', kinds: ['pdf'], maxMb: '50' }, 'maxMb', 'errors.max_mb_range'],
    [{ type: 'short_text', min: '100', max: '10' }, 'max', 'errors.min_over_max'],
    [{ type: 'money', min: 'dieci euro' }, 'min', 'errors.money_format'],
    [{ 'label.en': '' }, 'label.en', 'validation.required'],
    [{ 'help.it': 'Solo italiano' }, 'help.en', 'validation.required'],
    [{ key: 'Need It' }, 'key', 'errors.key_format'],
    [{ type: 'essay' }, 'type', 'validation.choice'],
  ])('the form refuses %j on %s', (over, field, key) => {
    const parsed = validate(questionFormSchema, question('00000000-0000-4000-8000-000000000000', over));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors[field]?.key).toBe(key);
  });

  it('money limits are typed in euros and stored in cents; file limits in MB and stored in bytes', () => {
    const money = form(questionFormSchema, question('00000000-0000-4000-8000-000000000000', { type: 'money', min: '0', max: '25.000' }));
    expect(money.item).toMatchObject({ min: 0, max: 2_500_000 });
    const file = form(questionFormSchema, question('00000000-0000-4000-8000-000000000000', { type: 'file', kinds: ['pdf', 'image'], maxMb: '5' }));
    expect(file.item).toMatchObject({ kinds: ['pdf', 'image'], maxBytes: 5 * 1024 * 1024 });
    expect(file.item).not.toHaveProperty('options');
  });
});

describe('the other lists', () => {
  it('attachments, eligibility questions and rubric criteria are saved and validated the same way', async () => {
    const { call, ctx } = await setup();
    const attachment = form(attachmentFormSchema, { callId: call.id, 'label.it': 'Statuto', 'label.en': 'Statute', kinds: ['pdf'], maxMb: '10' });
    expect((await saveCallItem(t.db, ctx, { ...attachment, list: 'attachments' })).key).toBe('statuto');
    const eligibility = form(eligibilityFormSchema, {
      callId: call.id,
      'text.it': 'Risiedi a Catania?',
      'text.en': 'Do you live in Catania?',
      excludingAnswer: 'no',
      'reason.it': 'Serve la residenza.',
      'reason.en': 'Residence is required.',
    });
    expect((await saveCallItem(t.db, ctx, { ...eligibility, list: 'eligibility' })).key).toBe('risiedi_a_catania');
    const criterion = form(criterionFormSchema, {
      callId: call.id,
      originalKey: 'team',
      'label.it': 'Gruppo',
      'label.en': 'Team',
      maxPoints: '15',
      threshold: '5',
    });
    await saveCallItem(t.db, ctx, { ...criterion, list: 'criteria' });
    const row = await callRow(call.id);
    expect(row.attachments.at(-1)).toMatchObject({ key: 'statuto', required: false, maxBytes: 10 * 1024 * 1024 });
    expect(row.eligibility.at(-1)).toMatchObject({ excludingAnswer: 'no' });
    expect(row.rubric.criteria.at(-1)).toMatchObject({ key: 'team', threshold: 5 });
    const bad = validate(criterionFormSchema, { callId: call.id, 'label.it': 'A', 'label.en': 'A', maxPoints: '10', threshold: '20' });
    expect(bad.ok ? null : bad.errors.threshold?.key).toBe('errors.threshold_over_max');
  });
});

describe('after publication, every list change is a rettifica', () => {
  it('needs a note; then bumps the version, records the list from/to and tells draft owners', async () => {
    const { call, ctx } = await setup('open');
    const resident = await createUser(t.db, 'resident');
    await createProposal(t.db, { callId: call.id, proposerId: resident.id });
    const input = form(questionFormSchema, question(call.id));
    expect(await domainError(saveCallItem(t.db, ctx, { ...input, list: 'questions' }))).toMatchObject({ code: 'note_required', details: { field: 'noteIt' } });
    expect(await rowCount(t.db, callAmendments)).toBe(0);

    const note = { it: 'Aggiunta una domanda.', en: 'A question added.' };
    const { version } = await saveCallItem(t.db, ctx, { ...input, note, list: 'questions' });
    expect(version).toBe(2);
    const [amendment] = await t.db.select().from(callAmendments);
    expect(amendment).toMatchObject({ kind: 'rettifica', version: 2 });
    const change = amendment!.changes.questions as { from: { key: string }[]; to: { key: string }[] };
    expect([change.from.length, change.to.length]).toEqual([3, 4]);
    expect((await outbox(t.db)).map((m) => m.toAddress)).toEqual([resident.email]);
  });

  it('keeps question keys, since drafts store answers under them', async () => {
    const { call, ctx } = await setup('open');
    const input = form(questionFormSchema, question(call.id, { originalKey: 'need', key: 'bisogno', type: 'long_text', options: '' }));
    const error = await domainError(saveCallItem(t.db, ctx, { ...input, note: { it: 'x', en: 'x' }, list: 'questions' }));
    expect(error).toMatchObject({ code: 'key_locked', details: { field: 'key' } });
  });

  it('may not unbalance the rubric, but may move points between criteria in one change', async () => {
    const { call, ctx } = await setup('open');
    const criterion = form(criterionFormSchema, { callId: call.id, originalKey: 'team', 'label.it': 'Gruppo', 'label.en': 'Team', maxPoints: '20' });
    const error = await domainError(saveCallItem(t.db, ctx, { ...criterion, note: { it: 'x', en: 'x' }, list: 'criteria' }));
    expect(error.code).toBe('ready_rubric_total');
    const points = form(rubricPointsSchema, {
      callId: call.id,
      'points.need': '30',
      'points.feasibility': '25',
      'points.impact': '25',
      'points.team': '20',
      threshold: '70',
      noteIt: 'Pesi.',
      noteEn: 'Weights.',
    });
    expect(points.points).toEqual({ need: 30, feasibility: 25, impact: 25, team: 20 });
    await setRubricPoints(t.db, ctx, points);
    expect((await callRow(call.id)).rubric).toMatchObject({
      threshold: 70,
      criteria: [{ maxPoints: 30 }, { maxPoints: 25 }, { maxPoints: 25 }, { maxPoints: 20 }],
    });
    const unbalanced = form(rubricPointsSchema, { callId: call.id, 'points.need': '40', threshold: '70', noteIt: 'x', noteEn: 'x' });
    expect((await domainError(setRubricPoints(t.db, ctx, unbalanced))).code).toBe('ready_rubric_total');
    const bad = validate(rubricPointsSchema, { callId: call.id, 'points.need': '0', threshold: '70' });
    expect(bad.ok ? null : bad.errors['points.need']?.key).toBe('validation.tooSmall');
  });

  it('a resident may not edit a call’s lists', async () => {
    const { call } = await setup();
    const resident = await createUser(t.db, 'resident');
    const error = await domainError(
      removeCallItem(t.db, testContext({ actor: resident.actor }), { callId: call.id, list: 'questions', key: 'need', note: null }),
    );
    expect(error.kind).toBe('forbidden');
    expect((await callRow(call.id)).questions).toHaveLength(3);
  });
});
