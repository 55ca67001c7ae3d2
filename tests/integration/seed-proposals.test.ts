import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { files, proposalSubmissions, proposals } from '../../db/schema/index.ts';
import { seedProposals } from '../../db/seed/proposals.ts';
import { contentSha256, type SubmittedContent } from '../../src/domain/proposals/content-hash.ts';
import { viewProposal } from '../../src/domain/proposals/view-proposal.server.ts';
import { createLocalStorage } from '../../src/lib/server/storage/local.ts';
import { seedCalls } from '../../db/seed/calls.ts';
import { calls } from '../../db/schema/index.ts';
import { createCall, createNeighbourhood, createProgramme, createUser, ideAzioneNeighbourhoods } from '../factories/index.ts';
import { testContext } from '../support/context.ts';
import { useTestDb } from '../support/db.ts';

const t = useTestDb();
const root = mkdtempSync(path.join(tmpdir(), 'vivaio-seed-proposals-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('seedProposals', () => {
  it('seeds a sent proposal, a draft and a proposal to a closed call, once', async () => {
    const n = await createNeighbourhood(t.db);
    const open = await createCall(t.db, 'open', { neighbourhoodIds: [n.id], protocolPrefix: 'IDEA' });
    const closed = await createCall(t.db, 'closed', { neighbourhoodIds: [n.id], protocolPrefix: 'ORTI' });
    const it_ = await createUser(t.db, 'resident', { email: 'residente@vivaio.example' });
    const en = await createUser(t.db, 'resident', 'english', { email: 'resident@vivaio.example' });
    const options = { openCallId: open.id, closedCallId: closed.id, residentIds: { it: it_.id, en: en.id }, storage: createLocalStorage(path.join(root, 'uploads')) };

    expect(await t.db.transaction((tx) => seedProposals(tx, options))).toEqual({ proposals: 3 });
    expect(await t.db.transaction((tx) => seedProposals(tx, options))).toEqual({ proposals: 0 });

    const rows = await t.db.select().from(proposals).orderBy(asc(proposals.createdAt));
    expect(rows.map((r) => [r.status, r.protocolNumber?.slice(0, 4) ?? null]).sort()).toEqual([
      ['draft', null],
      ['submitted', 'IDEA'],
      ['submitted', 'ORTI'],
    ]);
    for (const s of await t.db.select().from(proposalSubmissions)) {
      expect(contentSha256((s.snapshot as { content: SubmittedContent }).content)).toBe(s.contentSha256);
    }
    // The sent proposal is complete by the same rules a real submission follows.
    const sent = rows.find((r) => r.proposerId === it_.id)!;
    const view = await viewProposal(t.db, testContext({ actor: it_.actor }), sent.id);
    expect(view.missing).toEqual({});
    expect(await t.db.select().from(files).where(eq(files.ownerId, sent.id))).toHaveLength(2);
  });
});

describe('seedProposals on the demo calls', () => {
  it('fits whatever the demo calls ask, so the sent proposals are complete', async () => {
    const programme = await createProgramme(t.db, 'ideAzione');
    const areas: { id: string }[] = [];
    for (const n of ideAzioneNeighbourhoods) areas.push(await createNeighbourhood(t.db, n));
    const staff = await createUser(t.db, 'staff');
    await t.db.transaction((tx) => seedCalls(tx, { programmeId: programme.id, neighbourhoodIds: areas.map((a) => a.id), staffUserId: staff.id }));
    const slugs = new Map((await t.db.select({ id: calls.id, slug: calls.slug }).from(calls)).map((c) => [c.slug, c.id]));
    const it_ = await createUser(t.db, 'resident');
    const en = await createUser(t.db, 'resident', 'english');
    const storage = createLocalStorage(path.join(root, 'demo-uploads'));
    const options = { openCallId: slugs.get('idee-per-il-quartiere-2026')!, closedCallId: slugs.get('mercati-di-quartiere-2026')!, residentIds: { it: it_.id, en: en.id }, storage };
    expect(await t.db.transaction((tx) => seedProposals(tx, options))).toEqual({ proposals: 3 });
    for (const row of await t.db.select().from(proposals)) {
      const owner = row.proposerId === it_.id ? it_ : en;
      const view = await viewProposal(t.db, testContext({ actor: owner.actor }), row.id);
      if (row.status === 'submitted') expect(view.missing, row.title).toEqual({});
      else expect(Object.keys(view.missing).length).toBeGreaterThan(0);
    }
  });
});
