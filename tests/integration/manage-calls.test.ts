import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { callAmendments, callNeighbourhoods, calls } from '../../db/schema/index.ts';
import { callBasicsSchema, type CallBasicsInput } from '../../src/domain/calls/call.schema.ts';
import { archiveCall, createCall, publishCall, saveCallBasics, startReview, updateDraftCall } from '../../src/domain/calls/manage-calls.server.ts';
import { getCallForStaff, listAmendments, listCallsForStaff } from '../../src/domain/calls/staff-call-queries.server.ts';
import { validate } from '../../src/lib/validation.ts';
import { createCall as makeCall, createNeighbourhood, createProgramme, createProposal, createUser } from '../factories/index.ts';
import { testContext } from '../support/context.ts';
import { useTestDb } from '../support/db.ts';
import { auditTrail, domainError, outbox, rowCount } from './helpers.ts';

const t = useTestDb();

/** What the basics form posts, as strings; `over` replaces single fields. */
function basicsForm(programmeId: string, neighbourhoodIds: string[], over: Record<string, unknown> = {}) {
  return {
    slug: '',
    titleIt: 'Idee per San Cristoforo',
    titleEn: 'Ideas for San Cristoforo',
    summaryIt: 'Nuovi servizi di quartiere.',
    summaryEn: 'New neighbourhood services.',
    bodyIt: '## Finalità\n\nSostenere servizi di prossimità.',
    bodyEn: '## Purpose\n\nTo support local services.',
    themes: ['social_inclusion', 'care'],
    applicantTypes: ['informal_group', 'association'],
    minGroupMembers: '3',
    opensDate: '2026-03-29',
    opensTime: '09:00',
    closesDate: '2026-10-25',
    closesTime: '12:00',
    budget: '300.000',
    maxGrant: '25.000,50',
    minCofinancingPct: '10',
    observationDays: '10',
    protocolPrefix: 'idea',
    programmeId,
    neighbourhoodIds,
    ...over,
  };
}

function parse(raw: Record<string, unknown>): CallBasicsInput {
  const parsed = validate(callBasicsSchema, raw);
  if (!parsed.ok) throw new Error(`invalid form: ${JSON.stringify(parsed.errors)}`);
  return parsed.data;
}

async function setup() {
  const staff = await createUser(t.db, 'staff');
  const programme = await createProgramme(t.db);
  const area = await createNeighbourhood(t.db, { name: 'San Cristoforo' });
  return { staff, programme, area, ctx: testContext({ actor: staff.actor, requestId: 'req-calls', now: () => new Date('2026-03-02T09:00:00Z') }) };
}

const callRow = async (id: string) => (await t.db.select().from(calls).where(eq(calls.id, id)))[0]!;

describe('the basics form', () => {
  it('turns Rome wall times into UTC instants across summer time, and euros into cents', () => {
    const input = parse(basicsForm('00000000-0000-4000-8000-000000000000', []));
    expect(input.values.opensAt.toISOString()).toBe('2026-03-29T07:00:00.000Z'); // CEST, the day clocks go forward
    expect(input.values.closesAt.toISOString()).toBe('2026-10-25T11:00:00.000Z'); // CET again
    expect(input.values.budgetCents).toBe(30_000_000);
    expect(input.values.maxGrantCents).toBe(2_500_050);
    expect(input.values.protocolPrefix).toBe('IDEA');
  });

  it.each([
    [{ maxGrant: '400000' }, 'maxGrant', 'errors.max_grant_over_budget'],
    [{ closesDate: '2026-03-01' }, 'closesDate', 'errors.closes_before_opens'],
    [{ opensTime: '02:30' }, 'opensTime', 'errors.time_nonexistent'],
    [{ opensDate: '31/02/2026' }, 'opensDate', 'validation.date'],
    [{ budget: '3 milioni' }, 'budget', 'errors.money_format'],
    [{ slug: 'Idee Quartiere' }, 'slug', 'errors.slug_format'],
    [{ protocolPrefix: 'ID-1' }, 'protocolPrefix', 'errors.protocol_prefix_format'],
    [{ themes: ['gardening'] }, 'themes.0', 'validation.choice'],
    [{ titleIt: '   ' }, 'titleIt', 'validation.required'],
    [{ minGroupMembers: '1' }, 'minGroupMembers', 'validation.tooSmall'],
    [{ noteIt: 'Solo in italiano' }, 'noteEn', 'validation.required'],
  ])('refuses %j with a message on %s', (over, field, key) => {
    const parsed = validate(callBasicsSchema, basicsForm('00000000-0000-4000-8000-000000000000', [], over));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors[field]?.key).toBe(key);
  });
});

describe('creating and editing drafts', () => {
  it('staff create a draft with a slug from the Italian title, its neighbourhoods and an audit record', async () => {
    const { staff, programme, area, ctx } = await setup();
    const { id, slug } = await createCall(t.db, ctx, parse(basicsForm(programme.id, [area.id])));
    expect(slug).toBe('idee-per-san-cristoforo');
    const call = await callRow(id);
    expect(call).toMatchObject({ phase: 'draft', version: 1, createdBy: staff.id, publishedAt: null, budgetCents: 30_000_000 });
    expect(await rowCount(t.db, callNeighbourhoods, eq(callNeighbourhoods.callId, id))).toBe(1);
    expect(await auditTrail(t.db)).toEqual([expect.objectContaining({ action: 'call.created', entityId: id, actorId: staff.id, requestId: 'req-calls' })]);
  });

  it('a second call with the same title gets a numbered slug; a typed slug already in use is refused', async () => {
    const { programme, area, ctx } = await setup();
    await createCall(t.db, ctx, parse(basicsForm(programme.id, [area.id])));
    const second = await createCall(t.db, ctx, parse(basicsForm(programme.id, [area.id])));
    expect(second.slug).toBe('idee-per-san-cristoforo-2');
    const error = await domainError(createCall(t.db, ctx, parse(basicsForm(programme.id, [], { slug: 'idee-per-san-cristoforo' }))));
    expect(error).toMatchObject({ kind: 'conflict', code: 'slug_taken', details: { field: 'slug' } });
    expect(await rowCount(t.db, calls)).toBe(2);
  });

  it('residents may not create calls: forbidden, nothing written', async () => {
    const { programme } = await setup();
    const resident = await createUser(t.db, 'resident');
    const error = await domainError(createCall(t.db, testContext({ actor: resident.actor }), parse(basicsForm(programme.id, []))));
    expect(error).toMatchObject({ kind: 'forbidden', code: 'missing_role' });
    expect(await rowCount(t.db, calls)).toBe(0);
    expect(await auditTrail(t.db)).toEqual([]);
  });

  it('an unknown programme or neighbourhood is refused on its field', async () => {
    const { programme, ctx } = await setup();
    const unknown = crypto.randomUUID();
    expect(await domainError(createCall(t.db, ctx, parse(basicsForm(unknown, []))))).toMatchObject({
      code: 'programme_unknown',
      details: { field: 'programmeId' },
    });
    expect(await domainError(createCall(t.db, ctx, parse(basicsForm(programme.id, [unknown]))))).toMatchObject({ code: 'neighbourhood_unknown' });
    expect(await rowCount(t.db, calls)).toBe(0);
  });

  it('updates a draft freely and records which fields changed', async () => {
    const { programme, area, ctx } = await setup();
    const { id } = await createCall(t.db, ctx, parse(basicsForm(programme.id, [area.id])));
    await updateDraftCall(t.db, ctx, id, parse(basicsForm(programme.id, [], { budget: '400000', slug: 'idee-2026' })));
    const call = await callRow(id);
    expect(call).toMatchObject({ budgetCents: 40_000_000, slug: 'idee-2026', version: 1 });
    expect(await rowCount(t.db, callNeighbourhoods, eq(callNeighbourhoods.callId, id))).toBe(0);
    const updated = (await auditTrail(t.db)).find((a) => a.action === 'call.updated');
    expect(updated?.summary).toMatchObject({ changed: expect.arrayContaining(['budgetCents', 'slug', 'neighbourhoods']) });
  });

  it('updateDraftCall refuses a published call', async () => {
    const { programme, area, ctx } = await setup();
    const call = await makeCall(t.db, 'upcoming', { programmeId: programme.id });
    const error = await domainError(updateDraftCall(t.db, ctx, call.id, parse(basicsForm(programme.id, [area.id]))));
    expect(error).toMatchObject({ kind: 'conflict', code: 'call_not_draft' });
  });
});

describe('publishing', () => {
  it('publishes a complete draft', async () => {
    const { area, ctx } = await setup();
    const call = await makeCall(t.db, 'draft', {
      neighbourhoodIds: [area.id],
      opensAt: new Date('2026-04-01T07:00:00Z'),
      closesAt: new Date('2026-05-01T10:00:00Z'),
    });
    await publishCall(t.db, ctx, call.id);
    expect(await callRow(call.id)).toMatchObject({ phase: 'published', publishedAt: new Date('2026-03-02T09:00:00Z'), version: 1 });
    expect((await auditTrail(t.db)).map((a) => a.action)).toEqual(['call.published']);
  });

  it.each([
    ['no English title', { titleEn: '' }, 'ready_title'],
    ['no questions', { questions: [] }, 'ready_questions'],
    ['a rubric of 90 points', { rubric: { criteria: [{ key: 'a', label: { it: 'A', en: 'A' }, maxPoints: 90 }], threshold: 60 } }, 'ready_rubric_total'],
    ['a deadline already past', { closesAt: new Date('2026-03-01T10:00:00Z'), opensAt: new Date('2026-02-01T10:00:00Z') }, 'ready_closes_past'],
    ['a maximum grant above the budget', { budgetCents: 100, maxGrantCents: 200 }, 'ready_budget'],
  ])('refuses a draft with %s, and changes nothing', async (_label, options, problem) => {
    const { area, ctx } = await setup();
    const call = await makeCall(t.db, 'draft', {
      neighbourhoodIds: [area.id],
      opensAt: new Date('2026-04-01T07:00:00Z'),
      closesAt: new Date('2026-05-01T10:00:00Z'),
      ...options,
    });
    const error = await domainError(publishCall(t.db, ctx, call.id));
    expect(error).toMatchObject({ kind: 'invalid', code: problem, details: { problems: [problem] } });
    expect(await callRow(call.id)).toMatchObject({ phase: 'draft', publishedAt: null });
    expect(await auditTrail(t.db)).toEqual([]);
  });

  it('needs at least one neighbourhood', async () => {
    const { ctx } = await setup();
    const call = await makeCall(t.db, 'draft', { opensAt: new Date('2026-04-01T07:00:00Z'), closesAt: new Date('2026-05-01T10:00:00Z') });
    expect((await domainError(publishCall(t.db, ctx, call.id))).code).toBe('ready_neighbourhoods');
  });

  it('only staff publish; a published call is not published twice', async () => {
    const { area, ctx } = await setup();
    const resident = await createUser(t.db, 'resident');
    const call = await makeCall(t.db, 'draft', {
      neighbourhoodIds: [area.id],
      opensAt: new Date('2026-04-01T07:00:00Z'),
      closesAt: new Date('2026-05-01T10:00:00Z'),
    });
    expect((await domainError(publishCall(t.db, testContext({ actor: resident.actor }), call.id))).kind).toBe('forbidden');
    expect((await callRow(call.id)).phase).toBe('draft');
    await publishCall(t.db, ctx, call.id);
    expect((await domainError(publishCall(t.db, ctx, call.id))).code).toBe('call_not_draft');
  });
});

describe('review and archive', () => {
  it('the review starts only after the deadline, by the server’s clock', async () => {
    const { ctx } = await setup();
    const call = await makeCall(t.db, { phase: 'published', opensAt: new Date('2026-02-01T08:00:00Z'), closesAt: new Date('2026-03-02T10:00:00Z') });
    expect(await domainError(startReview(t.db, ctx, call.id))).toMatchObject({ kind: 'conflict', code: 'review_too_early' });
    expect((await callRow(call.id)).phase).toBe('published');
    await startReview(t.db, { ...ctx, now: () => new Date('2026-03-02T10:00:00Z') }, call.id);
    expect((await callRow(call.id)).phase).toBe('in_review');
    expect((await auditTrail(t.db)).map((a) => a.action)).toEqual(['call.review_started']);
    expect((await domainError(startReview(t.db, ctx, call.id))).code).toBe('call_wrong_phase');
  });

  it('archives drafts and finished calls, not a call in progress', async () => {
    const { ctx } = await setup();
    const draft = await makeCall(t.db, 'draft');
    const open = await makeCall(t.db, 'open');
    const done = await makeCall(t.db, { phase: 'ranking_final' });
    await archiveCall(t.db, ctx, draft.id);
    await archiveCall(t.db, ctx, done.id);
    expect(await domainError(archiveCall(t.db, ctx, open.id))).toMatchObject({ code: 'cannot_archive' });
    expect([(await callRow(draft.id)).phase, (await callRow(open.id)).phase, (await callRow(done.id)).phase]).toEqual(['archived', 'published', 'archived']);
    expect((await auditTrail(t.db)).map((a) => [a.action, a.summary])).toEqual([
      ['call.archived', { from: 'draft' }],
      ['call.archived', { from: 'ranking_final' }],
    ]);
  });
});

describe('the basics form on a published call is a rettifica', () => {
  it('needs a note, bumps the version and records amounts from/to', async () => {
    const { programme, area, ctx } = await setup();
    const call = await makeCall(t.db, {
      phase: 'published',
      programmeId: programme.id,
      slug: 'idee',
      protocolPrefix: 'IDEA',
      neighbourhoodIds: [area.id],
      opensAt: new Date('2026-03-01T08:00:00Z'),
      closesAt: new Date('2026-10-25T11:00:00Z'),
    });
    const form = basicsForm(programme.id, [area.id], { slug: 'idee', opensDate: '2026-03-01', opensTime: '09:00', budget: '350000' });
    expect(await domainError(saveCallBasics(t.db, ctx, call.id, parse(form)))).toMatchObject({ code: 'note_required', details: { field: 'noteIt' } });
    expect(await rowCount(t.db, callAmendments)).toBe(0);

    const result = await saveCallBasics(t.db, ctx, call.id, parse({ ...form, noteIt: 'Aumentata la dotazione.', noteEn: 'Budget increased.' }));
    expect(result.version).toBe(2);
    const [amendment] = await t.db.select().from(callAmendments);
    expect(amendment).toMatchObject({ version: 2, kind: 'rettifica', noteIt: 'Aumentata la dotazione.', noteEn: 'Budget increased.' });
    expect(amendment!.changes.budgetCents).toEqual({ from: 30_000_000, to: 35_000_000 });
    expect(amendment!.changes.closesAt).toBeUndefined();
  });

  it.each([
    [{ closesDate: '2026-11-30' }, 'deadline_needs_proroga', 'closesDate'],
    [{ slug: 'altro-indirizzo' }, 'field_locked', 'slug'],
    [{ opensDate: '2026-04-01' }, 'opens_locked', 'opensDate'],
  ])('refuses %j (%s) and changes nothing', async (over, code, field) => {
    const { programme, area, ctx } = await setup();
    const call = await makeCall(t.db, {
      phase: 'published',
      programmeId: programme.id,
      slug: 'idee',
      protocolPrefix: 'IDEA',
      neighbourhoodIds: [area.id],
      opensAt: new Date('2026-03-01T08:00:00Z'),
      closesAt: new Date('2026-10-25T11:00:00Z'),
    });
    const form = basicsForm(programme.id, [area.id], { slug: 'idee', opensDate: '2026-03-01', opensTime: '09:00', noteIt: 'Nota', noteEn: 'Note', ...over });
    expect(await domainError(saveCallBasics(t.db, ctx, call.id, parse(form)))).toMatchObject({ code, details: { field } });
    expect(await callRow(call.id)).toMatchObject({ version: 1, slug: 'idee', closesAt: new Date('2026-10-25T11:00:00Z') });
    expect(await rowCount(t.db, callAmendments)).toBe(0);
    expect(await outbox(t.db)).toEqual([]);
  });
});

describe('the back-office list', () => {
  it('shows every call with its effective status and proposal counts; only staff see it', async () => {
    const { ctx } = await setup();
    const now = ctx.now();
    const open = await makeCall(t.db, {
      phase: 'published',
      opensAt: new Date(now.getTime() - 1000),
      closesAt: new Date(now.getTime() + 60_000),
      slug: 'aperto',
    });
    await makeCall(t.db, { phase: 'draft', slug: 'bozza' });
    const [a, b] = [await createUser(t.db, 'resident'), await createUser(t.db, 'resident')];
    await createProposal(t.db, { callId: open.id, proposerId: a.id });
    await createProposal(t.db, { callId: open.id, proposerId: b.id, status: 'submitted' });
    await createProposal(t.db, { callId: open.id, proposerId: b.id, status: 'withdrawn' });
    const rows = await listCallsForStaff(t.db, ctx);
    expect(rows.map((r) => [r.slug, r.status, r.drafts, r.sent])).toEqual(
      expect.arrayContaining([
        ['aperto', 'open', 1, 1],
        ['bozza', 'draft', 0, 0],
      ]),
    );
    const detail = await getCallForStaff(t.db, ctx, open.id);
    expect(detail).toMatchObject({ status: 'open', drafts: 1, sent: 1, neighbourhoodIds: [] });
    expect(await getCallForStaff(t.db, ctx, crypto.randomUUID())).toBeNull();
    expect(await listAmendments(t.db, ctx, open.id)).toEqual([]);
    const resident = await createUser(t.db, 'resident');
    expect((await domainError(listCallsForStaff(t.db, testContext({ actor: resident.actor })))).kind).toBe('forbidden');
  });
});
