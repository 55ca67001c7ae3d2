import { describe, expect, it } from 'vitest';
import { seedCalls } from '../../db/seed/calls.ts';
import { callAmendments, calls } from '../../db/schema/index.ts';
import { getPublicCall, listPublicCalls } from '../../src/domain/calls/calls.repo.server.ts';
import { attachmentRequirement, callQuestion, eligibilityQuestion, rubric } from '../../src/domain/calls/definitions.ts';
import { renderMarkdown } from '../../src/lib/markdown.ts';
import { createNeighbourhood, createProgramme, createUser, ideAzioneNeighbourhoods } from '../factories/index.ts';
import { useTestDb } from '../support/db.ts';
import { rowCount } from './helpers.ts';

const t = useTestDb();
const NOW = new Date('2026-11-25T13:00:00Z');

async function setup() {
  const programme = await createProgramme(t.db, 'ideAzione');
  const areas = [];
  for (const n of ideAzioneNeighbourhoods) areas.push(await createNeighbourhood(t.db, n));
  const staff = await createUser(t.db, { roles: ['staff'] });
  return { programmeId: programme.id, neighbourhoodIds: areas.map((a) => a.id), staffUserId: staff.id };
}

describe('seedCalls', () => {
  it('creates calls in every state a visitor meets, and a second run adds nothing', async () => {
    const options = await setup();
    const created = await t.db.transaction((tx) => seedCalls(tx, options, NOW));
    expect(created).toBe(5);
    const list = await listPublicCalls(t.db, {}, NOW);
    expect(new Set(list.map((c) => c.status))).toEqual(new Set(['open', 'published', 'closed', 'in_review']));
    expect(list[0]?.slug).toBe('cortili-aperti-2026');

    expect(await t.db.transaction((tx) => seedCalls(tx, options, NOW))).toBe(0);
    expect(await rowCount(t.db, calls)).toBe(5);
    expect(await rowCount(t.db, callAmendments)).toBe(2);
  });

  it('writes valid configuration, deadlines at noon in Rome and bodies in both languages', async () => {
    const options = await setup();
    await t.db.transaction((tx) => seedCalls(tx, options, NOW));
    for (const row of await t.db.select().from(calls)) {
      expect(row.questions.every((q) => callQuestion.safeParse(q).success), row.slug).toBe(true);
      expect(row.attachments.every((a) => attachmentRequirement.safeParse(a).success)).toBe(true);
      expect(row.eligibility.every((q) => eligibilityQuestion.safeParse(q).success)).toBe(true);
      expect(rubric.safeParse(row.rubric).success).toBe(true);
      expect(row.rubric.criteria.reduce((sum, c) => sum + c.maxPoints, 0)).toBe(100);
      expect(new Intl.DateTimeFormat('it-IT', { timeZone: 'Europe/Rome', hour: '2-digit', minute: '2-digit' }).format(row.closesAt)).toBe('12:00');
      for (const body of [row.bodyIt, row.bodyEn]) {
        const html = renderMarkdown(body);
        expect(html).toContain('<table class="table">');
        expect((html.match(/<h2>/g) ?? []).length).toBe(8);
      }
      expect(row.bodyIt).toContain('Dotazione finanziaria');
      expect(row.bodyEn).toContain('Who may apply');
    }
  });

  it('shows a proroga with the deadline it moved, newest amendment first', async () => {
    const options = await setup();
    await t.db.transaction((tx) => seedCalls(tx, options, NOW));
    const call = await getPublicCall(t.db, 'cortili-aperti-2026', NOW);
    expect(call?.version).toBe(3);
    expect(call?.amendments.map((a) => a.kind)).toEqual(['proroga', 'rettifica']);
    const moved = call!.amendments[0]!.changes.closesAt as { from: string; to: string };
    expect(new Date(moved.to).getTime()).toBe(call!.closesAt.getTime());
    expect(new Date(moved.from).getTime()).toBeLessThan(call!.closesAt.getTime());
    expect(call?.neighbourhoods.map((n) => n.name)).toEqual(['Angeli Custodi', 'Fortino', 'San Cristoforo']);
  });
});
