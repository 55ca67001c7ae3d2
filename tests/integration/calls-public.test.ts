import { describe, expect, it } from 'vitest';
import { callAmendments, files } from '../../db/schema/index.ts';
import { getPublicCall, listCallNeighbourhoods, listPublicCalls } from '../../src/domain/calls/calls.repo.server.ts';
import { browseCalls, parseCallFilters, viewCall } from '../../src/domain/calls/public-calls.server.ts';
import { createCall, createNeighbourhood, createProgramme } from '../factories/index.ts';
import { testContext } from '../support/context.ts';
import { useTestDb } from '../support/db.ts';
import { DAY, HOUR, T0, at } from './helpers.ts';

const t = useTestDb();
const window = (opensIn: number, closesIn: number) => ({ opensAt: at(opensIn), closesAt: at(closesIn) });
const slugs = (rows: { slug: string }[]) => rows.map((r) => r.slug);

describe('listPublicCalls', () => {
  it('never lists a draft, whatever the filter', async () => {
    await createCall(t.db, 'draft', { slug: 'bozza', ...window(-DAY, DAY) });
    await createCall(t.db, { slug: 'aperto', ...window(-DAY, DAY) });
    for (const status of [undefined, 'open', 'upcoming', 'closed'] as const) {
      expect(slugs(await listPublicCalls(t.db, { status }, T0))).not.toContain('bozza');
    }
    expect(slugs(await listPublicCalls(t.db, {}, T0))).toEqual(['aperto']);
  });

  it('orders open calls by nearest deadline, then upcoming by opening, then closed most recent first', async () => {
    await createCall(t.db, { slug: 'closed-old', ...window(-30 * DAY, -20 * DAY) });
    await createCall(t.db, { slug: 'upcoming-late', ...window(20 * DAY, 40 * DAY) });
    await createCall(t.db, { slug: 'open-late', ...window(-DAY, 30 * DAY) });
    await createCall(t.db, { slug: 'in-review', phase: 'in_review', ...window(-30 * DAY, -10 * DAY) });
    await createCall(t.db, { slug: 'upcoming-soon', ...window(2 * DAY, 50 * DAY) });
    await createCall(t.db, { slug: 'open-soon', ...window(-DAY, 2 * DAY) });
    const list = await listPublicCalls(t.db, {}, T0);
    expect(slugs(list)).toEqual(['open-soon', 'open-late', 'upcoming-soon', 'upcoming-late', 'in-review', 'closed-old']);
    expect(list.map((c) => c.status)).toEqual(['open', 'open', 'published', 'published', 'in_review', 'closed']);
  });

  it('filters by status; "closed" includes calls under review and later', async () => {
    await createCall(t.db, { slug: 'open', ...window(-DAY, DAY) });
    await createCall(t.db, { slug: 'upcoming', ...window(DAY, 2 * DAY) });
    await createCall(t.db, { slug: 'closed', ...window(-2 * DAY, -DAY) });
    await createCall(t.db, { slug: 'ranked', phase: 'ranking_final', ...window(-9 * DAY, -8 * DAY) });
    expect(slugs(await listPublicCalls(t.db, { status: 'open' }, T0))).toEqual(['open']);
    expect(slugs(await listPublicCalls(t.db, { status: 'upcoming' }, T0))).toEqual(['upcoming']);
    expect(slugs(await listPublicCalls(t.db, { status: 'closed' }, T0))).toEqual(['closed', 'ranked']);
  });

  it('switches status exactly at opens_at and closes_at', async () => {
    await createCall(t.db, { slug: 'edge', ...window(0, HOUR) });
    const statusAt = async (instant: Date) => {
      const found = Object.fromEntries(
        await Promise.all((['open', 'upcoming', 'closed'] as const).map(async (s) => [s, slugs(await listPublicCalls(t.db, { status: s }, instant)).length])),
      );
      const [row] = await listPublicCalls(t.db, {}, instant);
      return { found, status: row?.status };
    };
    expect(await statusAt(at(-1))).toEqual({ found: { open: 0, upcoming: 1, closed: 0 }, status: 'published' });
    expect(await statusAt(at(0))).toEqual({ found: { open: 1, upcoming: 0, closed: 0 }, status: 'open' });
    expect(await statusAt(at(HOUR - 1))).toEqual({ found: { open: 1, upcoming: 0, closed: 0 }, status: 'open' });
    expect(await statusAt(at(HOUR))).toEqual({ found: { open: 0, upcoming: 0, closed: 1 }, status: 'closed' });
  });

  it('filters by theme and by neighbourhood, and combines filters', async () => {
    const librino = await createNeighbourhood(t.db, { slug: 'librino', name: 'Librino' });
    const civita = await createNeighbourhood(t.db, { slug: 'civita', name: 'Civita' });
    await createCall(t.db, { slug: 'green-librino', themes: ['environment'], neighbourhoodIds: [librino.id], ...window(-DAY, DAY) });
    await createCall(t.db, { slug: 'culture-both', themes: ['culture', 'environment'], neighbourhoodIds: [librino.id, civita.id], ...window(-DAY, 2 * DAY) });
    await createCall(t.db, { slug: 'culture-civita-closed', themes: ['culture'], neighbourhoodIds: [civita.id], ...window(-3 * DAY, -DAY) });
    expect(slugs(await listPublicCalls(t.db, { theme: 'culture' }, T0))).toEqual(['culture-both', 'culture-civita-closed']);
    expect(slugs(await listPublicCalls(t.db, { neighbourhood: 'librino' }, T0))).toEqual(['green-librino', 'culture-both']);
    expect(slugs(await listPublicCalls(t.db, { neighbourhood: 'civita', theme: 'culture', status: 'open' }, T0))).toEqual(['culture-both']);
    expect(await listPublicCalls(t.db, { neighbourhood: 'nowhere' }, T0)).toEqual([]);
    const [both] = await listPublicCalls(t.db, { theme: 'culture', status: 'open' }, T0);
    expect(both?.neighbourhoods.map((n) => n.slug)).toEqual(['civita', 'librino']);
  });

  it('offers as neighbourhood filters only those of published calls', async () => {
    const shown = await createNeighbourhood(t.db, { slug: 'shown', name: 'Picanello' });
    const hidden = await createNeighbourhood(t.db, { slug: 'hidden', name: 'Ognina' });
    await createCall(t.db, { neighbourhoodIds: [shown.id] });
    await createCall(t.db, 'draft', { neighbourhoodIds: [hidden.id] });
    expect((await listCallNeighbourhoods(t.db)).map((n) => n.slug)).toEqual(['shown']);
  });
});

describe('getPublicCall', () => {
  it('returns nothing for a draft or an unknown slug', async () => {
    await createCall(t.db, 'draft', { slug: 'bozza' });
    expect(await getPublicCall(t.db, 'bozza', T0)).toBeNull();
    expect(await getPublicCall(t.db, 'non-esiste', T0)).toBeNull();
    expect(await viewCall(t.db, testContext(), '../etc/passwd')).toBeNull();
  });

  it('returns the call with programme, neighbourhoods, amendments newest first and live public documents', async () => {
    const programme = await createProgramme(t.db, 'ideAzione');
    const civita = await createNeighbourhood(t.db, { slug: 'civita', name: 'Civita' });
    const call = await createCall(t.db, { slug: 'idee', programmeId: programme.id, neighbourhoodIds: [civita.id], version: 3, ...window(-DAY, DAY) });
    await t.db.insert(callAmendments).values([
      { callId: call.id, version: 2, kind: 'rettifica', noteIt: 'Corretto un refuso.', noteEn: 'Typo fixed.' },
      { callId: call.id, version: 3, kind: 'proroga', noteIt: 'Scadenza prorogata.', noteEn: 'Deadline extended.', changes: { closesAt: { from: 'a', to: 'b' } } },
    ]);
    const file = { storage: 'local' as const, storageKey: 'k', mime: 'application/pdf', sizeBytes: 1234, sha256: 'x'.repeat(64), ownerType: 'call' as const, ownerId: call.id, purpose: 'avviso' };
    await t.db.insert(files).values([
      { ...file, originalName: 'avviso.pdf' },
      { ...file, originalName: 'vecchio.pdf', deletedAt: new Date() },
      { ...file, originalName: 'altrui.pdf', ownerType: 'proposal' },
    ]);

    const found = await viewCall(t.db, testContext({ now: () => T0 }), 'idee');
    expect(found).toMatchObject({
      slug: 'idee',
      status: 'open',
      programme: { code: 'CT3.3.1.a', cup: programme.cup, rupName: programme.rupName, office: programme.office },
      neighbourhoods: [{ slug: 'civita', name: 'Civita' }],
    });
    expect(found!.amendments.map((a) => [a.version, a.kind])).toEqual([[3, 'proroga'], [2, 'rettifica']]);
    expect(found!.documents.map((d) => d.originalName)).toEqual(['avviso.pdf']);
    expect(found!.documents[0]).toEqual({ id: expect.any(String), originalName: 'avviso.pdf', mime: 'application/pdf', sizeBytes: 1234, purpose: 'avviso' });
  });
});

describe('browseCalls and parseCallFilters', () => {
  it('ignores unknown filter values instead of failing', () => {
    const params = new URLSearchParams('status=everything&theme=<script>&neighbourhood=../x');
    expect(parseCallFilters(params)).toEqual({ status: undefined, theme: undefined, neighbourhood: undefined });
    expect(parseCallFilters(new URLSearchParams('status=open&theme=culture&neighbourhood=san-berillo'))).toEqual({
      status: 'open',
      theme: 'culture',
      neighbourhood: 'san-berillo',
    });
  });

  it('uses the context’s clock', async () => {
    await createCall(t.db, { slug: 'x', ...window(DAY, 2 * DAY) });
    const before = await browseCalls(t.db, testContext({ now: () => T0 }), { status: 'open' });
    const during = await browseCalls(t.db, testContext({ now: () => at(DAY + 1) }), { status: 'open' });
    expect(slugs(before.calls)).toEqual([]);
    expect(slugs(during.calls)).toEqual(['x']);
  });
});
