import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { neighbourhoods, programmeNeighbourhoods, programmes } from '../../db/schema/index.ts';
import { createNeighbourhood, listNeighbourhoods } from '../../src/domain/programmes/create-neighbourhood.server.ts';
import { createProgramme, getProgramme, listProgrammes, updateProgramme } from '../../src/domain/programmes/manage-programmes.server.ts';
import { neighbourhoodSchema, programmeSchema, type ProgrammeInput } from '../../src/domain/programmes/programme.schema.ts';
import { validate } from '../../src/lib/validation.ts';
import { createCall, createNeighbourhood as makeNeighbourhood, createProgramme as makeProgramme, createUser } from '../factories/index.ts';
import { testContext } from '../support/context.ts';
import { useTestDb } from '../support/db.ts';
import { auditTrail, domainError, rowCount } from './helpers.ts';

const t = useTestDb();

const ideAzioneForm = (over: Record<string, unknown> = {}) => ({
  code: 'CT3.3.1.a',
  cup: ' d61b17000210007 ',
  titleIt: '«IdeAzione» – Incubatore di idee e progetti',
  titleEn: '“IdeAzione” – Incubator of ideas and projects',
  rupName: 'Maria Concetta Privitera',
  office: '',
  startsOn: '2016-10-01',
  endsOn: '31/12/2022',
  programmed: '5.668.337,50',
  neighbourhoodIds: [],
  ...over,
});

function parse(raw: Record<string, unknown>): ProgrammeInput {
  const parsed = validate(programmeSchema, raw);
  if (!parsed.ok) throw new Error(`invalid form: ${JSON.stringify(parsed.errors)}`);
  return parsed.data;
}

async function staffContext() {
  const staff = await createUser(t.db, 'staff');
  return { staff, ctx: testContext({ actor: staff.actor, requestId: 'req-prog' }) };
}

describe('programme form', () => {
  it('normalises the CUP, reads both date formats and turns euros into cents', () => {
    const input = parse(ideAzioneForm());
    expect(input).toMatchObject({ cup: 'D61B17000210007', startsOn: '2016-10-01', endsOn: '2022-12-31', programmed: 566_833_750, office: null });
  });

  it.each([
    [{ code: 'programma 1' }, 'code', 'errors.programme_code_format'],
    [{ cup: 'D61B1700021' }, 'cup', 'errors.cup_format'],
    [{ cup: 'D61B17000210007X' }, 'cup', 'errors.cup_format'],
    [{ programmed: '5,668,337.5.0' }, 'programmed', 'errors.money_format'],
    [{ programmed: '' }, 'programmed', 'validation.required'],
    [{ endsOn: '2015-01-01' }, 'endsOn', 'errors.ends_before_start'],
    [{ startsOn: '2016-02-30' }, 'startsOn', 'validation.date'],
    [{ titleEn: '' }, 'titleEn', 'validation.required'],
    [{ neighbourhoodIds: ['not-a-uuid'] }, 'neighbourhoodIds.0', 'validation.invalid'],
  ])('refuses %j on %s', (over, field, key) => {
    const parsed = validate(programmeSchema, ideAzioneForm(over));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors[field]?.key).toBe(key);
  });
});

describe('programmes', () => {
  it('staff create a programme with its neighbourhoods, audited', async () => {
    const { staff, ctx } = await staffContext();
    const area = await makeNeighbourhood(t.db, { name: 'San Berillo Vecchio' });
    const { id } = await createProgramme(t.db, ctx, parse(ideAzioneForm({ neighbourhoodIds: [area.id, area.id] })));
    const programme = await getProgramme(t.db, ctx, id);
    expect(programme).toMatchObject({ code: 'CT3.3.1.a', cup: 'D61B17000210007', programmedCents: 566_833_750, neighbourhoodIds: [area.id] });
    expect(await auditTrail(t.db)).toEqual([
      expect.objectContaining({ action: 'programme.created', entityId: id, actorId: staff.id, summary: { code: 'CT3.3.1.a', programmedCents: 566_833_750 } }),
    ]);
  });

  it('refuses a code or CUP already used, on its field, and writes nothing', async () => {
    const { ctx } = await staffContext();
    await makeProgramme(t.db, 'ideAzione');
    expect(await domainError(createProgramme(t.db, ctx, parse(ideAzioneForm({ cup: '' }))))).toMatchObject({
      kind: 'conflict',
      code: 'programme_code_taken',
      details: { field: 'code' },
    });
    expect(await domainError(createProgramme(t.db, ctx, parse(ideAzioneForm({ code: 'CT3.3.1.b' }))))).toMatchObject({
      code: 'cup_taken',
      details: { field: 'cup' },
    });
    expect(
      await domainError(createProgramme(t.db, ctx, parse(ideAzioneForm({ code: 'CT3.3.1.c', cup: '', neighbourhoodIds: [crypto.randomUUID()] })))),
    ).toMatchObject({
      code: 'neighbourhood_unknown',
    });
    expect(await rowCount(t.db, programmes)).toBe(1);
    expect(await auditTrail(t.db)).toEqual([]);
  });

  it('updates a programme, keeping its own code, and records what changed', async () => {
    const { ctx } = await staffContext();
    const existing = await makeProgramme(t.db, 'ideAzione');
    const area = await makeNeighbourhood(t.db);
    await updateProgramme(t.db, ctx, existing.id, parse(ideAzioneForm({ programmed: '6000000', neighbourhoodIds: [area.id] })));
    const [row] = await t.db.select().from(programmes).where(eq(programmes.id, existing.id));
    expect(row).toMatchObject({ programmedCents: 600_000_000, office: null });
    expect(await rowCount(t.db, programmeNeighbourhoods, eq(programmeNeighbourhoods.programmeId, existing.id))).toBe(1);
    const [audit] = await auditTrail(t.db);
    expect(audit).toMatchObject({
      action: 'programme.updated',
      summary: { programmedCents: { from: 566_833_750, to: 600_000_000 }, changed: expect.arrayContaining(['programmedCents', 'office']) },
    });
    expect((await domainError(updateProgramme(t.db, ctx, crypto.randomUUID(), parse(ideAzioneForm())))).kind).toBe('not_found');
  });

  it('lists programmes with how many calls each has', async () => {
    const { ctx } = await staffContext();
    const programme = await makeProgramme(t.db, 'ideAzione');
    await createCall(t.db, 'draft', { programmeId: programme.id });
    await createCall(t.db, 'open', { programmeId: programme.id });
    expect(await listProgrammes(t.db, ctx)).toEqual([expect.objectContaining({ code: 'CT3.3.1.a', callCount: 2 })]);
  });

  it('residents may not manage programmes', async () => {
    const resident = await createUser(t.db, 'resident');
    const ctx = testContext({ actor: resident.actor });
    expect((await domainError(createProgramme(t.db, ctx, parse(ideAzioneForm())))).kind).toBe('forbidden');
    expect((await domainError(listProgrammes(t.db, ctx))).kind).toBe('forbidden');
    expect(await rowCount(t.db, programmes)).toBe(0);
  });
});

describe('neighbourhoods', () => {
  it('staff add one; the slug comes from the name; a second with the same name is refused', async () => {
    const { ctx } = await staffContext();
    const input = validate(neighbourhoodSchema, { name: ' Sant’Agata la Vetere ', district: '1ª Municipalità' });
    if (!input.ok) throw new Error('invalid');
    const { slug } = await createNeighbourhood(t.db, ctx, input.data);
    expect(slug).toBe('santagata-la-vetere');
    expect(await listNeighbourhoods(t.db)).toEqual([expect.objectContaining({ name: 'Sant’Agata la Vetere', district: '1ª Municipalità', slug })]);
    expect(await domainError(createNeighbourhood(t.db, ctx, { name: 'Sant’agata La Vetere', district: null }))).toMatchObject({
      code: 'neighbourhood_taken',
      details: { field: 'name' },
    });
    expect(await domainError(createNeighbourhood(t.db, ctx, { name: '–––', district: null }))).toMatchObject({ code: 'neighbourhood_name_format' });
    expect(await rowCount(t.db, neighbourhoods)).toBe(1);
    expect((await auditTrail(t.db)).map((a) => a.action)).toEqual(['neighbourhood.created']);
  });

  it('residents may not add neighbourhoods', async () => {
    const resident = await createUser(t.db, 'resident');
    expect((await domainError(createNeighbourhood(t.db, testContext({ actor: resident.actor }), { name: 'Librino', district: null }))).kind).toBe('forbidden');
    expect(await rowCount(t.db, neighbourhoods)).toBe(0);
  });
});
