import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { commissionMembers, evaluationSettings, proposals, users } from '../../db/schema/index.ts';
import { publishFinal, publishProvisional } from '../../src/domain/evaluation/publish-ranking.server.ts';
import { getRankingBoard } from '../../src/domain/evaluation/ranking-board.server.ts';
import { loadMinutes } from '../../src/domain/evaluation/minutes.server.ts';
import { renderMinutesPdf } from '../../src/domain/evaluation/minutes-pdf.server.ts';
import { viewResults } from '../../src/domain/evaluation/ranking-results.server.ts';
import { exportRankingCsv } from '../../src/domain/evaluation/ranking-csv.server.ts';
import type { APIContext } from 'astro';
import { GET as rankingCsv } from '../../src/pages/[lang]/staff/calls/[id]/evaluation/ranking.csv.ts';
import { GET as minutesPdf } from '../../src/pages/[lang]/staff/calls/[id]/evaluation/minutes.pdf.ts';
import type { RequestContext } from '../../src/domain/context.ts';
import { translator } from '../../src/lib/i18n/index.ts';
import { createProposal } from '../factories/index.ts';
import { createScoredProposal } from '../factories/ranking.ts';
import { testContext } from '../support/context.ts';
import { useTestDb } from '../support/db.ts';
import { at, DAY, domainError } from './helpers.ts';
import { commission, keys } from './ranking-setup.ts';

const t = useTestDb();

/** Two scored proposals: an association (named in public) and a person who did not consent to be named. */
async function scoredCall() {
  const setup = await commission(t.db, { budgetCents: 20_000_00 });
  const [e1, e2] = setup.evaluators;
  const common = { callId: setup.call.id, criteria: keys };
  const org = await createScoredProposal(t.db, {
    ...common,
    proposerId: setup.proposers[0]!.id,
    seq: 1,
    applicantType: 'association',
    organisationName: 'APS Il Cortile',
    sheets: { [e1!.id]: [25, 25, 20, 12], [e2!.id]: [27, 24, 21, 13] },
  });
  const person = await createScoredProposal(t.db, {
    ...common,
    proposerId: setup.proposers[1]!.id,
    seq: 2,
    applicantType: 'individual',
    organisationName: 'Studio Rossi',
    sheets: { [e1!.id]: [20, 20, 15, 10], [e2!.id]: [21, 19, 16, 9] },
  });
  await t.db.insert(commissionMembers).values([
    { callId: setup.call.id, userId: e2!.id, role: 'president' },
    { callId: setup.call.id, userId: e1!.id, role: 'member' },
  ]);
  return { ...setup, org, person };
}

/** The ranking CSV as staff download it. */
async function csvText(callId: string, locale: 'it' | 'en'): Promise<string> {
  const [staff] = await t.db.select({ id: users.id }).from(users).limit(1);
  const ctx = testContext({ actor: { userId: staff!.id, roles: ['staff'], emailVerified: true } });
  let text = '';
  for await (const chunk of (await exportRankingCsv(t.db, ctx, callId, locale)).chunks) text += chunk;
  return text;
}

describe('public results page', () => {
  it('says nothing is published until it is; then shows protocol numbers, organisations, and no person who did not consent', async () => {
    const { call, ctx, proposers, evaluators } = await scoredCall();
    const anonymous = testContext();
    expect(await viewResults(t.db, anonymous, call.slug, 1)).toMatchObject({ ranking: null, rows: [] });
    await publishProvisional(t.db, ctx, call.id);
    const results = await viewResults(t.db, anonymous, call.slug, 1);
    expect(results?.ranking).toMatchObject({ kind: 'provisional', method: { consolidation: 'mean' } });
    expect(results?.rows.map((r) => [r.position, r.protocolNumber, r.name?.name ?? null, r.scoreCentipoints, r.outcome, r.grantCents])).toEqual([
      [1, 'IDEA-2026-000001', 'APS Il Cortile', 8350, 'funded', 15_000_00],
      [2, 'IDEA-2026-000002', null, 6500, 'eligible_not_funded', 0],
    ]);
    expect(results?.counts).toEqual({ funded: 1, eligible_not_funded: 1, below_threshold: 0 });
    const everything = JSON.stringify(results);
    for (const name of [...proposers, ...evaluators].flatMap((u) => [u.name, u.email])) expect(everything).not.toContain(name);
    expect(everything).not.toContain('Studio Rossi');
    expect(await viewResults(t.db, anonymous, 'no-such-call', 1)).toBeNull();
  });

  it('names individuals and informal groups only with the proposer’s consent, read when the page is built', async () => {
    const { call, ctx, proposers, evaluators, person } = await scoredCall();
    const [e1, e2] = evaluators;
    const group = await createScoredProposal(t.db, {
      callId: call.id,
      proposerId: proposers[2]!.id,
      seq: 3,
      applicantType: 'informal_group',
      organisationName: 'Gruppo Via Etnea',
      publicNameConsent: true,
      criteria: keys,
      sheets: { [e1!.id]: [18, 18, 14, 9], [e2!.id]: [19, 17, 15, 9] },
    });
    await publishProvisional(t.db, ctx, call.id);
    const names = async () => {
      const results = await viewResults(t.db, testContext(), call.slug, 1);
      return Object.fromEntries(results!.rows.map((r) => [r.protocolNumber, r.name]));
    };
    // The group's contact person (the proposer), never the other members nor a group name typed as an organisation.
    expect(await names()).toEqual({
      'IDEA-2026-000001': { kind: 'organisation', name: 'APS Il Cortile' },
      'IDEA-2026-000002': null,
      'IDEA-2026-000003': { kind: 'informal_group', name: proposers[2]!.name },
    });
    const csv = await csvText(call.id, 'it');
    expect(csv).toContain(`${proposers[2]!.name} (referente di un gruppo informale)`);
    expect(csv).not.toContain(proposers[1]!.name);
    expect(csv).not.toContain('Gruppo Via Etnea');

    // Consent given later by the individual, withdrawn by the group: both pages follow at once.
    await t.db.update(proposals).set({ publicNameConsent: true }).where(eq(proposals.id, person.id));
    await t.db.update(proposals).set({ publicNameConsent: false }).where(eq(proposals.id, group.id));
    expect(await names()).toEqual({
      'IDEA-2026-000001': { kind: 'organisation', name: 'APS Il Cortile' },
      'IDEA-2026-000002': { kind: 'individual', name: proposers[1]!.name },
      'IDEA-2026-000003': null,
    });
    expect(await csvText(call.id, 'en')).not.toContain(proposers[2]!.name);
  });
});

describe('staff ranking board', () => {
  it('previews the ranking and lists what prevents publishing; staff only', async () => {
    const { call, ctx, proposers, evaluators } = await scoredCall();
    await createProposal(t.db, { callId: call.id, proposerId: proposers[2]!.id, status: 'in_review', protocolSeq: 3, protocolNumber: 'IDEA-2026-000003' });
    const board = await getRankingBoard(t.db, ctx, call.id, 1);
    expect(board).toMatchObject({ stage: 'in_review', source: 'preview', total: 2, blockers: [{ code: 'proposals_not_scored', params: { count: 1 } }] });
    expect(board.rows.map((r) => r.protocolNumber)).toEqual(['IDEA-2026-000001', 'IDEA-2026-000002']);
    expect((await domainError(getRankingBoard(t.db, testContext({ actor: evaluators[0]!.actor }), call.id, 1))).kind).toBe('forbidden');
    expect((await domainError(getRankingBoard(t.db, ctx, crypto.randomUUID(), 1))).kind).toBe('not_found');
  });

  it('during the observation window shows when it closes; after the final ranking shows the published one', async () => {
    const { call, ctx, staff } = await scoredCall();
    await publishProvisional(t.db, ctx, call.id);
    const during = await getRankingBoard(t.db, ctx, call.id, 1);
    expect(during.stage).toBe('provisional');
    expect(during.blockers.map((b) => b.code)).toEqual(['observation_window_open']);
    const later = testContext({ actor: staff.actor, now: () => at(11 * DAY) });
    expect((await getRankingBoard(t.db, later, call.id, 1)).blockers).toEqual([]);
    await publishFinal(t.db, later, call.id);
    const after = await getRankingBoard(t.db, later, call.id, 99);
    expect(after).toMatchObject({ stage: 'final', source: 'published', page: 1, total: 2, fundedCents: 15_000_00, budgetCents: 20_000_00 });
  });
});

describe('commission minutes', () => {
  it('names the members, numbers the evaluators when the review is blind, and renders a PDF', async () => {
    const { call, ctx, evaluators } = await scoredCall();
    await t.db.insert(evaluationSettings).values({ callId: call.id, blindReview: true });
    const minutes = await loadMinutes(t.db, ctx, call.id, 'it');
    expect(minutes.source).toBe('preview');
    expect(minutes.members.map((m) => [m.name, m.role])).toEqual([
      [evaluators[1]!.name, 'president'],
      [evaluators[0]!.name, 'member'],
    ]);
    // The president is first in the commission's order: Valutatore 1.
    expect(minutes.proposals[0]!.sheets.map((s) => [s.evaluator, s.points])).toEqual(
      expect.arrayContaining([
        ['Valutatore 1', [27, 24, 21, 13]],
        ['Valutatore 2', [25, 25, 20, 12]],
      ]),
    );
    const pdf = await renderMinutesPdf(minutes, at(0));
    expect(Buffer.from(pdf.slice(0, 5)).toString()).toBe('%PDF-');

    await t.db.update(evaluationSettings).set({ blindReview: false }).where(eq(evaluationSettings.callId, call.id));
    const named = await loadMinutes(t.db, ctx, call.id, 'en');
    expect(named.proposals[0]!.sheets.map((s) => s.evaluator).sort()).toEqual([evaluators[0]!.name, evaluators[1]!.name].sort());
    await renderMinutesPdf(named, at(0));
  });

  it('is for staff only', async () => {
    const { call, proposers } = await scoredCall();
    const [proposer] = await t.db.select().from(users).where(eq(users.id, proposers[0]!.id));
    const error = await domainError(loadMinutes(t.db, testContext({ actor: { userId: proposer!.id, roles: ['resident'], emailVerified: true } }), call.id, 'it'));
    expect(error.kind).toBe('forbidden');
    expect(await t.db.select({ id: proposals.id }).from(proposals)).toHaveLength(2);
  });
});

describe('export routes', () => {
  /** The parts of Astro's context the handlers read, as the middleware fills them. */
  function context(id: string, ctx: RequestContext, path: string): APIContext {
    const locals = { ctx, runtime: { database: { db: t.db } }, t: translator('it'), locale: 'it' };
    const redirect = (to: string, status = 302) => new Response(null, { status, headers: { Location: to } });
    return { params: { lang: 'it', id }, locals, url: new URL(`http://vivaio.test${path}`), redirect } as unknown as APIContext;
  }
  const get = (handler: unknown, c: APIContext) => (handler as (c: APIContext) => Promise<Response>)(c);

  it('send the CSV and the PDF to staff as private downloads; anonymous visitors are sent to sign in', async () => {
    const { call, ctx, evaluators } = await scoredCall();
    const path = `/it/staff/calls/${call.id}/evaluation/ranking.csv`;
    const csv = await get(rankingCsv, context(call.id, ctx, path));
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('cache-control')).toBe('private, no-store');
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="graduatoria-anteprima-/);
    expect((await csv.text()).split('\r\n').filter(Boolean)).toHaveLength(3);
    const pdf = await get(minutesPdf, context(call.id, ctx, path));
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    const anonymous = await get(rankingCsv, context(call.id, testContext(), path));
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toBe(`/it/login?next=${encodeURIComponent(path)}`);
    // Signed in without the permission: the use case refuses before the first byte (the middleware answers 403).
    expect((await domainError(get(rankingCsv, context(call.id, testContext({ actor: evaluators[0]!.actor }), path)))).kind).toBe('forbidden');
    expect((await domainError(get(minutesPdf, context(call.id, testContext({ actor: evaluators[0]!.actor }), path)))).kind).toBe('forbidden');
  });
});
