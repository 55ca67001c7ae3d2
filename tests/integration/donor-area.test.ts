import type { APIContext } from 'astro';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { callNeighbourhoods, disbursements, grants, milestones, monitoringReports, tranches } from '../../db/schema/index.ts';
import { getDonorArea } from '../../src/domain/donors/donor-area.server.ts';
import { donorWall } from '../../src/domain/donors/donor-wall.server.ts';
import { createPledge as offerPledge } from '../../src/domain/money/create-pledge.server.ts';
import { pledgeTargets } from '../../src/domain/money/pledge-views.server.ts';
import { renderStatementPdf } from '../../src/domain/donors/statement-pdf.server.ts';
import { loadStatement, statementCsv } from '../../src/domain/donors/statement.server.ts';
import type { RequestContext } from '../../src/domain/context.ts';
import { translator } from '../../src/lib/i18n/index.ts';
import type { Db } from '../../src/lib/server/db/index.ts';
import { GET as statementCsvRoute } from '../../src/pages/[lang]/donor/statement.csv.ts';
import { GET as statementPdfRoute } from '../../src/pages/[lang]/donor/statement.pdf.ts';
import { createCall, createDonor, createNeighbourhood, createPledge, createStartup, createUser } from '../factories/index.ts';
import { testContext } from '../support/context.ts';
import { euroCellToCents, parseCsv } from '../support/csv.ts';
import { useTestDb } from '../support/db.ts';
import { domainError } from './helpers.ts';

const t = useTestDb();
const NOW = new Date('2026-06-15T10:00:00Z');

async function milestone(db: Db, startupId: string, position: number, status: 'planned' | 'submitted' | 'approved' | 'changes_requested', kind: 'business_plan' | 'monitoring' = 'monitoring') {
  const [row] = await db
    .insert(milestones)
    .values({ startupId, position, kind, titleIt: `Tappa ${position}`, titleEn: `Milestone ${position}`, dueOn: '2026-05-01', status, approvedAt: status === 'approved' ? new Date('2026-05-02T10:00:00Z') : null })
    .returning();
  return row!;
}

async function report(db: Db, startupId: string, milestoneId: string, people: number, narrative: string) {
  await db.insert(monitoringReports).values({ milestoneId, startupId, peopleServed: people, jobsCreated: 2, revenueCents: 1_250_050, volunteers: 7, narrative, feedback: 'Nota riservata del coach' });
}

/** A paid tranche of the start-up's grant, drawn on `pledgeId`. */
async function pay(db: Db, startup: { id: string; callId: string }, pledgeId: string, amountCents: number, paidOn: string, reference: string) {
  const [grant] = await db.insert(grants).values({ startupId: startup.id, callId: startup.callId, awardedCents: 2_000_000, committedCents: 2_000_000, agreementRef: 'CONV-1', committedOn: '2026-03-01' }).returning();
  const [tranche] = await db.insert(tranches).values({ grantId: grant!.id, position: 1, labelIt: 'Anticipo', labelEn: 'Advance', amountCents, status: 'disbursed' }).returning();
  await db.insert(disbursements).values({ trancheId: tranche!.id, grantId: grant!.id, amountCents, paidOn, reference, source: 'pledge', pledgeId });
}

/**
 * Donor A funds two start-ups (one consents to share monitoring, one does not) and a call's
 * fund; donor B funds the first one too. Payments drawn on A's and B's pledges.
 */
async function funded() {
  const call = await createCall(t.db, 'closed', { titleIt: 'Idee per il quartiere', titleEn: 'Ideas for the neighbourhood', themes: ['culture'] });
  const place = await createNeighbourhood(t.db);
  const sharing = await createStartup(t.db, { callId: call.id, name: 'Ciclofficina Sud', shareMonitoringWithDonors: true, publicConsent: true });
  const private_ = await createStartup(t.db, { callId: call.id, name: '=Bottega Riservata', shareMonitoringWithDonors: false });
  for (const s of [sharing, private_]) {
    await milestone(t.db, s.id, 0, 'approved', 'business_plan');
    const sent = await milestone(t.db, s.id, 1, 'submitted');
    const redo = await milestone(t.db, s.id, 2, 'changes_requested');
    await report(t.db, s.id, sent.id, 120, `Rapporto inviato di ${s.name}`);
    await report(t.db, s.id, redo.id, 99, `Rapporto da rifare di ${s.name}`);
  }
  const memberA = await createUser(t.db, 'donor');
  const memberB = await createUser(t.db, 'donor');
  const a = await createDonor(t.db, { name: 'Fondazione Alfa', email: 'alfa@esempio.it', taxCode: '97102345671', userIds: [memberA.id], publicConsent: true });
  const b = await createDonor(t.db, { name: 'Beta Spa', email: 'beta@esempio.it', taxCode: '01234567897', userIds: [memberB.id] });
  const at = (iso: string) => new Date(iso);
  const p1 = await createPledge(t.db, { donorId: a.id, callId: call.id, startupId: sharing.id, amountCents: 1_000_000, status: 'committed', agreementRef: 'ACC-1', agreementOn: '2026-03-01', createdAt: at('2026-02-10T09:00:00Z') });
  await createPledge(t.db, { donorId: a.id, callId: call.id, neighbourhoodId: place.id, theme: 'culture', amountCents: 500_000, createdAt: at('2026-04-01T09:00:00Z') });
  await createPledge(t.db, { donorId: a.id, callId: call.id, amountCents: 100_000, status: 'cancelled', cancelledAt: at('2026-04-20T09:00:00Z'), cancelReason: 'ritirato', createdAt: at('2026-04-02T09:00:00Z') });
  const p4 = await createPledge(t.db, { donorId: a.id, callId: call.id, amountCents: 300_000, status: 'committed', agreementRef: 'ACC-4', agreementOn: '2026-03-15', createdAt: at('2026-03-10T09:00:00Z') });
  await createPledge(t.db, { donorId: b.id, callId: call.id, startupId: sharing.id, amountCents: 200_000, status: 'committed', agreementRef: 'ACC-B', agreementOn: '2026-03-02', createdAt: at('2026-02-11T09:00:00Z') });
  await pay(t.db, sharing, p1.id, 400_000, '2026-04-10', 'MAND-001');
  await pay(t.db, private_, p4.id, 150_000, '2026-05-05', '=MAND-002');
  return { call, place, sharing, private_, a, b, memberA, memberB, p1, p4 };
}

const ctxOf = (user: { actor: RequestContext['actor'] }, locale: 'it' | 'en' = 'it') => testContext({ actor: user.actor, locale, now: () => NOW });

describe('donor area', () => {
  it('shows the donor its own pledges and totals, the start-ups it funds and their milestones', async () => {
    const s = await funded();
    const area = await getDonorArea(t.db, ctxOf(s.memberA));
    expect(area?.donor.id).toBe(s.a.id);
    expect(area?.totals).toEqual({ pledgedCents: 1_800_000, committedCents: 1_300_000, disbursedCents: 550_000, cancelledCents: 100_000 });
    expect(area?.pledges.map((p) => [p.target, p.amountCents, p.status, p.disbursedCents])).toEqual([
      ['Ciclofficina Sud', 1_000_000, 'committed', 400_000],
      ['Fondo dell’avviso «Idee per il quartiere»', 300_000, 'committed', 150_000],
      [`Fondo dell’avviso «Idee per il quartiere» (${s.place.name}, Cultura)`, 500_000, 'pledged', 0],
      ['Fondo dell’avviso «Idee per il quartiere»', 100_000, 'cancelled', 0],
    ]);
    expect(area?.canPledge).toBe(true);
    // Both the start-up its pledge names and the one paid from its call-fund pledge; B's money is not A's.
    expect(area?.startups.map((x) => [x.name, x.pledgedCents, x.disbursedCents, x.reached.map((m) => m.title), x.milestoneCount])).toEqual([
      ['=Bottega Riservata', 0, 150_000, ['Tappa 0'], 3],
      ['Ciclofficina Sud', 1_000_000, 400_000, ['Tappa 0'], 3],
    ]);
  });

  it('shows monitoring summaries only where the team consented, only of reports sent, never the coach’s feedback', async () => {
    const s = await funded();
    const area = await getDonorArea(t.db, ctxOf(s.memberA, 'en'));
    const sharing = area!.startups.find((x) => x.id === s.sharing.id)!;
    const hidden = area!.startups.find((x) => x.id === s.private_.id)!;
    expect(sharing.monitoring?.map((r) => [r.milestoneTitle, r.peopleServed, r.jobsCreated, r.volunteers, r.revenueCents, r.narrative])).toEqual([
      ['Milestone 1', 120, 2, 7, 1_250_050, 'Rapporto inviato di Ciclofficina Sud'],
    ]);
    expect(JSON.stringify(sharing.monitoring)).not.toContain('Nota riservata del coach');
    expect(hidden.monitoring).toBeNull();
    expect(JSON.stringify(area)).not.toContain('Rapporto inviato di =Bottega Riservata');
  });

  it('refuses another donor’s data by policy; staff may look; no donor yet gives an empty area', async () => {
    const s = await funded();
    expect(await domainError(getDonorArea(t.db, ctxOf(s.memberB), s.a.id))).toMatchObject({ kind: 'forbidden', code: 'not_donor' });
    expect(await domainError(loadStatement(t.db, ctxOf(s.memberB), s.a.id, 'it'))).toMatchObject({ kind: 'forbidden', code: 'not_donor' });
    expect(await domainError(getDonorArea(t.db, testContext(), s.a.id))).toMatchObject({ kind: 'forbidden', code: 'not_signed_in' });
    const resident = await createUser(t.db, 'resident');
    expect(await domainError(getDonorArea(t.db, ctxOf(resident)))).toMatchObject({ kind: 'forbidden', code: 'missing_role' });
    const own = await getDonorArea(t.db, ctxOf(s.memberB));
    expect(own?.totals).toEqual({ pledgedCents: 200_000, committedCents: 200_000, disbursedCents: 0, cancelledCents: 0 });
    const office = await createUser(t.db, 'staff');
    const seen = await getDonorArea(t.db, ctxOf(office), s.a.id);
    expect(seen?.totals.committedCents).toBe(1_300_000);
    expect(seen?.canPledge).toBe(false);
    const lonely = await createUser(t.db, 'donor');
    expect(await getDonorArea(t.db, ctxOf(lonely))).toBeNull();
    expect(await domainError(getDonorArea(t.db, ctxOf(s.memberA), crypto.randomUUID()))).toMatchObject({ kind: 'not_found' });
  });

  it('a pending donor sees its request and cannot pledge', async () => {
    const member = await createUser(t.db, 'donor');
    await createDonor(t.db, { status: 'pending', userIds: [member.id] });
    const area = await getDonorArea(t.db, ctxOf(member));
    expect(area).toMatchObject({ donor: { status: 'pending' }, canPledge: false, pledges: [] });
  });
});

describe('pledge form', () => {
  it('offers the funds of calls open to pledges with their neighbourhoods and themes, and public start-ups; the funding action accepts them', async () => {
    const s = await funded();
    await t.db.insert(callNeighbourhoods).values({ callId: s.call.id, neighbourhoodId: s.place.id });
    await createCall(t.db, 'draft', { titleIt: 'Bozza' });
    // A call archived after its final ranking takes no more pledges; its running start-ups still may.
    const archived = await createCall(t.db, 'inReview', { phase: 'archived', titleIt: 'Avviso 2025', titleEn: 'Call 2025' });
    const alumna = await createStartup(t.db, { callId: archived.id, name: 'Orto Condiviso', publicConsent: true });
    const ctx = ctxOf(s.memberA);
    const options = await pledgeTargets(t.db, ctx);
    const titles = { callTitleIt: 'Idee per il quartiere', callTitleEn: 'Ideas for the neighbourhood' };
    expect(options.calls).toEqual([{ id: s.call.id, titleIt: titles.callTitleIt, titleEn: titles.callTitleEn, themes: ['culture'], neighbourhoods: [{ id: s.place.id, name: s.place.name }] }]);
    // Only start-ups with a public profile: a donor may name only what it can see.
    expect(options.startups).toEqual([
      { id: s.sharing.id, name: 'Ciclofficina Sud', ...titles },
      { id: alumna.id, name: 'Orto Condiviso', callTitleIt: 'Avviso 2025', callTitleEn: 'Call 2025' },
    ]);

    const toCall = await offerPledge(t.db, ctx, { donorId: s.a.id, target: { kind: 'call', callId: options.calls[0]!.id }, neighbourhoodId: s.place.id, theme: 'culture', amountCents: 250_000 });
    const toStartup = await offerPledge(t.db, ctx, { donorId: s.a.id, target: { kind: 'startup', startupId: options.startups[0]!.id }, neighbourhoodId: null, theme: null, amountCents: 100_000 });
    const toAlumna = await offerPledge(t.db, ctx, { donorId: s.a.id, target: { kind: 'startup', startupId: alumna.id }, neighbourhoodId: null, theme: null, amountCents: 50_000 });
    expect([toCall.status, toStartup.status, toAlumna.status]).toEqual(['pledged', 'pledged', 'pledged']);
    expect(await domainError(offerPledge(t.db, ctx, { donorId: s.a.id, target: { kind: 'call', callId: archived.id }, neighbourhoodId: null, theme: null, amountCents: 50_000 }))).toMatchObject({ code: 'call_not_fundable' });
    const area = await getDonorArea(t.db, ctx);
    expect(area?.totals.pledgedCents).toBe(1_800_000 + 400_000);
  });
});

describe('statement', () => {
  it('CSV: stable columns, the donor’s own lines in order, totals that add up, formulas neutralised', async () => {
    const s = await funded();
    const statement = await loadStatement(t.db, ctxOf(s.memberA), null, 'it');
    const { fileName, body } = statementCsv(statement);
    expect(fileName).toBe('estratto-conto-donatore-2026-06-15.csv');
    expect(body.startsWith('\uFEFF')).toBe(true);
    const [header, ...rows] = parseCsv(body.slice(1));
    expect(header).toEqual(['Data', 'Tipo', 'Impegno', 'Destinazione', 'Importo (euro)', 'Stato', 'Riferimento']);
    const lines = rows.filter((r) => r[0] !== '2026-06-15' || !r[1]!.startsWith('Totale'));
    const totals = rows.slice(lines.length);
    expect(lines.map((r) => [r[0], r[1], r[4], r[5], r[6]])).toEqual([
      ['2026-02-10', 'Impegno offerto', '10000,00', 'Vincolante (accordo firmato)', ''],
      ['2026-03-01', 'Accordo firmato', '10000,00', 'Vincolante (accordo firmato)', 'ACC-1'],
      ['2026-03-10', 'Impegno offerto', '3000,00', 'Vincolante (accordo firmato)', ''],
      ['2026-03-15', 'Accordo firmato', '3000,00', 'Vincolante (accordo firmato)', 'ACC-4'],
      ['2026-04-01', 'Impegno offerto', '5000,00', 'Offerto', ''],
      ['2026-04-02', 'Impegno offerto', '1000,00', 'Annullato', ''],
      ['2026-04-10', 'Erogazione', '4000,00', 'Pagato', 'MAND-001'],
      ['2026-04-20', 'Impegno annullato', '1000,00', 'Annullato', ''],
      ['2026-05-05', 'Erogazione', '1500,00', 'Pagato', `'=MAND-002`],
    ]);
    expect(lines.every((r) => r.length === 7 && /^IMP-[0-9A-F]{8}$/.test(r[2]!))).toBe(true);
    expect(lines.find((r) => r[6] === `'=MAND-002`)?.[3]).toBe(`'=Bottega Riservata – Anticipo`);
    expect(totals.map((r) => [r[1], r[4]])).toEqual([
      ['Totale offerto', '18000,00'],
      ['Totale vincolante', '13000,00'],
      ['Totale erogato', '5500,00'],
    ]);
    // The totals are those of the lines: offers not cancelled, signed agreements, payments.
    const sum = (kind: string, skip?: string) => lines.filter((r) => r[1] === kind && r[5] !== skip).reduce((n, r) => n + euroCellToCents(r[4]!), 0);
    expect(sum('Impegno offerto', 'Annullato')).toBe(euroCellToCents(totals[0]![4]!));
    expect(sum('Accordo firmato')).toBe(euroCellToCents(totals[1]![4]!));
    expect(sum('Erogazione')).toBe(euroCellToCents(totals[2]![4]!));
    // Nothing of donor B.
    expect(body).not.toContain('ACC-B');
    expect(body).not.toContain('Beta');
  });

  it('PDF: a valid document titled with the donor, in the reader’s language', async () => {
    const s = await funded();
    const statement = await loadStatement(t.db, ctxOf(s.memberA, 'en'), null, 'en');
    const bytes = await renderStatementPdf(statement);
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-');
    const doc = await PDFDocument.load(bytes);
    expect(doc.getTitle()).toBe('Donor statement – Fondazione Alfa');
    expect(doc.getPageCount()).toBeGreaterThanOrEqual(1);
  });

  it('routes send private downloads to the donor; anonymous visitors sign in first; another donor is refused', async () => {
    const s = await funded();
    const path = '/it/donor/statement.csv';
    const context = (ctx: RequestContext, search = '') => {
      const locals = { ctx, runtime: { database: { db: t.db } }, t: translator('it'), locale: 'it' };
      const redirect = (to: string, status = 302) => new Response(null, { status, headers: { Location: to } });
      return { params: { lang: 'it' }, locals, url: new URL(`http://vivaio.test${path}${search}`), redirect } as unknown as APIContext;
    };
    const get = (handler: unknown, c: APIContext) => (handler as (c: APIContext) => Promise<Response>)(c);
    const csv = await get(statementCsvRoute, context(ctxOf(s.memberA)));
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('cache-control')).toBe('private, no-store');
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="estratto-conto-donatore-2026-06-15\.csv"/);
    const pdf = await get(statementPdfRoute, context(ctxOf(s.memberA)));
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    const anonymous = await get(statementCsvRoute, context(testContext(), '?donor=x'));
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toBe(`/it/login?next=${encodeURIComponent(`${path}?donor=x`)}`);
    expect(await domainError(get(statementCsvRoute, context(ctxOf(s.memberB), `?donor=${s.a.id}`)))).toMatchObject({ kind: 'forbidden' });
    expect(await domainError(get(statementPdfRoute, context(ctxOf(s.memberB), `?donor=${s.a.id}`)))).toMatchObject({ kind: 'forbidden' });
  });
});

describe('donor wall', () => {
  it('lists only approved donors who consented, with their committed money, and nothing private', async () => {
    await funded();
    await createDonor(t.db, { name: 'In Attesa Onlus', status: 'pending', publicConsent: true });
    await createDonor(t.db, { name: 'Respinta srl', status: 'rejected', publicConsent: true });
    await createDonor(t.db, { name: 'Zeta Consenziente', publicConsent: true, taxCode: 'RSSMRA85T10A562S' });
    const wall = await donorWall(t.db, 1);
    expect(wall.rows).toEqual([
      { name: 'Fondazione Alfa', committedCents: 1_300_000 },
      { name: 'Zeta Consenziente', committedCents: 0 },
    ]);
    expect(wall).toMatchObject({ total: 2, committedCents: 1_300_000 });
    const text = JSON.stringify(wall);
    for (const secret of ['alfa@esempio.it', '97102345671', 'RSSMRA85T10A562S', 'Beta Spa', 'organisation']) expect(text).not.toContain(secret);
  });
});
