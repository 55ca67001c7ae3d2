import { describe, expect, it } from 'vitest';
import { donors, startupMembers, users } from '../../db/schema/index.ts';
import { TRANSPARENCY_PAGE_SIZE, viewTransparency } from '../../src/domain/transparency/transparency-view.server.ts';
import { createCall, createProgramme, createStartup } from '../factories/index.ts';
import { useTestDb } from '../support/db.ts';
import { insertDisbursement, insertGrant, transparencyScene } from './transparency-setup.ts';

const t = useTestDb();
const ORIGIN = 'http://vivaio.test';
const first = { grants: 1, payments: 1 };

describe('the transparency page’s read model', () => {
  it('shows published calls and their programmes with the four figures, never drafts', async () => {
    const s = await transparencyScene(t.db);
    const hidden = await createProgramme(t.db, { programmedCents: 99_000_000 });
    await createCall(t.db, 'draft', { programmeId: hidden.id, slug: 'solo-bozza' });
    const view = await viewTransparency(t.db, ORIGIN, first);
    expect(view.programmes.map((p) => p.id)).toEqual([s.programme.id]);
    expect(view.programmes[0]).toMatchObject({
      plannedCents: 566_833_750,
      awardedCents: 7_350_050,
      committedCents: 5_000_000,
      disbursedCents: 3_200_025,
      callCount: 1,
      office: s.programme.office,
      rupName: s.programme.rupName,
    });
    expect(view.calls.map((c) => c.slug)).toEqual(['idee-quartiere']);
    // Budget + the committed pledge to one of its start-ups.
    expect(view.calls[0]).toMatchObject({ budgetCents: 30_000_000, pledgedCents: 800_000, plannedCents: 30_800_000, grantCount: 4 });
    expect(view.pledges).toMatchObject({ committedCents: 800_000, count: 1 });
  });

  it('lists grants newest first, naming only organisations and consenting teams', async () => {
    const s = await transparencyScene(t.db);
    const { grants } = await viewTransparency(t.db, ORIGIN, first);
    expect(grants.total).toBe(4);
    expect(grants.rows[0]!.beneficiary).toBe('=HYPERLINK("http://x.example")');
    const org = grants.rows.find((g) => g.beneficiary === 'Associazione Vicoli Aperti APS')!;
    expect(org).toMatchObject({ project: 'Vicoli Aperti', linkPath: 'calls/idee-quartiere/results', disbursedCents: 2_000_000, awardedOn: '2026-04-10' });
    expect(grants.rows.find((g) => g.beneficiary === 'Ciclofficina Librino')!.linkPath).toBe(`startups/${s.consenting.slug}`);
    const hidden = grants.rows.filter((g) => !g.beneficiaryPublishable);
    expect(hidden).toEqual([expect.objectContaining({ beneficiary: null, project: null, linkPath: 'calls/idee-quartiere/results', disbursedCents: 800_000 })]);
  });

  it('lists payments latest first with their total, tranche and source, and no references', async () => {
    await transparencyScene(t.db);
    const { payments, calls } = await viewTransparency(t.db, ORIGIN, first);
    expect(payments.total).toBe(4);
    expect(payments.totalCents).toBe(3_200_025);
    expect(payments.totalCents).toBe(calls[0]!.disbursedCents);
    expect(payments.rows.map((p) => p.paidOn)).toEqual(['2026-07-01', '2026-05-04', '2026-05-03', '2026-05-02']);
    expect(payments.rows[0]).toMatchObject({ amountCents: 1_200_000, source: 'programme', tranche: { position: 2, it: 'Tranche 2' }, beneficiary: 'Associazione Vicoli Aperti APS' });
    expect(payments.rows[2]).toMatchObject({ source: 'pledge', beneficiary: null, beneficiaryPublishable: false });
    expect(JSON.stringify(payments)).not.toMatch(/MAND-/);
  });

  it('holds no personal data: no people’s names or emails, no donors, no tax codes', async () => {
    await transparencyScene(t.db);
    const text = JSON.stringify(await viewTransparency(t.db, ORIGIN, first));
    const people = await t.db.select({ name: users.name, email: users.email }).from(users);
    const members = await t.db.select({ name: startupMembers.name }).from(startupMembers);
    const givers = await t.db.select({ name: donors.name, email: donors.email, taxCode: donors.taxCode }).from(donors);
    const secrets = [...people.flatMap((p) => [p.name, p.email]), ...members.map((m) => m.name), ...givers.flatMap((d) => [d.name, d.email, d.taxCode!]), 'Bottega di Mario Rossi'];
    for (const secret of secrets) expect(text, secret).not.toContain(secret);
  });

  it('pages the grants and payments tables separately and clamps a page past the end', async () => {
    const call = await createCall(t.db, 'closed');
    for (let i = 0; i < TRANSPARENCY_PAGE_SIZE + 3; i++) {
      const startup = await createStartup(t.db, { callId: call.id, publicConsent: true });
      const grant = await insertGrant(t.db, { startupId: startup.id, callId: call.id, awardedCents: 100_000 + i, createdAt: new Date(Date.UTC(2026, 3, 1, 8, i)) });
      await insertDisbursement(t.db, { grantId: grant.id, position: 1, amountCents: 100 + i, paidOn: `2026-05-${String(1 + i).padStart(2, '0')}` });
    }
    const p2 = await viewTransparency(t.db, ORIGIN, { grants: 2, payments: 1 });
    expect(p2.grants.page).toBe(2);
    expect(p2.grants.rows.map((g) => g.awardedCents)).toEqual([100_002, 100_001, 100_000]);
    expect(p2.payments.rows).toHaveLength(TRANSPARENCY_PAGE_SIZE);
    expect(p2.payments.rows[0]!.amountCents).toBe(100 + TRANSPARENCY_PAGE_SIZE + 2);
    const past = await viewTransparency(t.db, ORIGIN, { grants: 99, payments: 99 });
    expect([past.grants.page, past.payments.page]).toEqual([2, 2]);
    expect(past.payments.rows).toHaveLength(3);
  });

  it('answers an empty portal with empty sections', async () => {
    const view = await viewTransparency(t.db, ORIGIN, first);
    expect(view).toMatchObject({ programmes: [], calls: [], grants: { rows: [], total: 0, page: 1 }, payments: { rows: [], total: 0, totalCents: 0, page: 1 } });
  });
});
