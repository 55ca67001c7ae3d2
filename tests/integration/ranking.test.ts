import { and, asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { calls, evaluationSettings, observations, outboxMessages, proposalEvents, proposals, rankingEntries, rankings, reviewAssignments, reviewScores } from '../../db/schema/index.ts';
import { publishFinal, publishProvisional, slideRanking } from '../../src/domain/evaluation/publish-ranking.server.ts';
import { exportRankingCsv } from '../../src/domain/evaluation/ranking-csv.server.ts';
import { computeRanking, type RankingMethod } from '../../src/domain/evaluation/ranking-rules.ts';
import { computeRankingSql } from '../../src/domain/evaluation/ranking-sql.server.ts';
import { createProposal, createUser } from '../factories/index.ts';
import { createScoredProposal } from '../factories/ranking.ts';
import { actor, testContext } from '../support/context.ts';
import { parseCsv } from '../support/csv.ts';
import { useTestDb } from '../support/db.ts';
import { at, auditTrail, DAY, domainError, outbox, rowCount } from './helpers.ts';
import { commission, keys, loadInput, randomCall, rubric } from './ranking-setup.ts';

const t = useTestDb();

const method = (over: Partial<RankingMethod> = {}): RankingMethod => ({
  consolidation: 'mean',
  normalise: false,
  criteria: rubric.criteria.map((c) => ({ key: c.key, maxPoints: c.maxPoints, threshold: c.threshold ?? null })),
  threshold: rubric.threshold,
  budgetCents: 250_000_00,
  maxGrantCents: 25_000_00,
  ...over,
});

describe('the database and the rules agree', () => {
  const variants: [string, Partial<RankingMethod>][] = [
    ['mean', {}],
    ['mean, normalised', { normalise: true }],
    ['consensus', { consolidation: 'consensus' }],
    ['no maximum grant, tight budget', { maxGrantCents: 0, budgetCents: 90_000_00 }],
  ];
  for (const seed of [7, 2026]) {
    it(`on random scores (seed ${seed})`, { timeout: 60_000 }, async () => {
      const { call } = await randomCall(t.db, seed);
      const totals: Record<string, number[]> = {};
      for (const [name, over] of variants) {
        const m = method(over);
        const fromSql = (await computeRankingSql(t.db, call.id, m)).map(({ protocolNumber: _, ...r }) => r);
        const fromRules = computeRanking(await loadInput(t.db, call.id, m));
        expect(fromSql, name).toEqual(fromRules);
        expect(new Set(fromSql.map((r) => r.outcome)).size, `${name}: every outcome occurs`).toBe(3);
        totals[name] = fromSql.map((r) => r.scoreCentipoints);
      }
      // The data exercise what they should: exact ties on the total, and a normalisation that changes scores.
      expect(totals.mean!.some((x, i) => x === totals.mean![i + 1])).toBe(true);
      expect(totals['mean, normalised']).not.toEqual(totals.mean);
    });
  }
});

/** Three scored proposals: A funded (20,000), B waiting (25,000 after A does not fit 30,000), C below the need sub-threshold. */
async function threeScored() {
  const setup = await commission(t.db, { budgetCents: 30_000_00 });
  const [e1, e2, e3] = setup.evaluators.map((e) => e.id) as [string, string, string];
  const [p1, p2, p3] = setup.proposers as [typeof setup.proposers[0], typeof setup.proposers[0], typeof setup.proposers[0]];
  const common = { callId: setup.call.id, criteria: keys };
  const a = await createScoredProposal(t.db, { ...common, proposerId: p1.id, seq: 1, requestedCents: 20_000_00, sheets: { [e1]: [25, 25, 20, 12], [e2]: [27, 24, 21, 13], [e3]: [26, 26, 19, 12] } });
  const b = await createScoredProposal(t.db, { ...common, proposerId: p2.id, seq: 2, requestedCents: 40_000_00, sheets: { [e1]: [20, 20, 15, 10], [e2]: [21, 19, 16, 9], [e3]: [19, 22, 14, 10] } });
  const c = await createScoredProposal(t.db, { ...common, proposerId: p3.id, seq: 3, requestedCents: 10_000_00, sheets: { [e1]: [14, 28, 24, 14], [e2]: [13, 29, 24, 14], [e3]: [15, 27, 23, 15] } });
  return { ...setup, a, b, c };
}

const statusOf = async (id: string) => (await t.db.select({ s: proposals.status }).from(proposals).where(eq(proposals.id, id)))[0]!.s;
const phaseOf = async (id: string) => (await t.db.select({ p: calls.phase }).from(calls).where(eq(calls.id, id)))[0]!.p;

describe('publishing the provisional ranking', () => {
  it('freezes the ranking, sets each outcome, opens the observation window and writes to every proposer', async () => {
    const { call, ctx, a, b, c, staff } = await threeScored();
    const result = await publishProvisional(t.db, ctx, call.id);
    expect(result).toMatchObject({ kind: 'provisional', counts: { funded: 1, eligible_not_funded: 1, below_threshold: 1 }, letters: 3 });
    // T0 is 2 March 2026 10:00 in Rome; 10 days → 12 March 23:59:59.999 CET.
    expect(result.observationsCloseAt?.toISOString()).toBe('2026-03-12T22:59:59.999Z');
    expect(await phaseOf(call.id)).toBe('ranking_provisional');
    const entries = await t.db.select().from(rankingEntries).where(eq(rankingEntries.rankingId, result.rankingId)).orderBy(asc(rankingEntries.position));
    expect(entries.map((e) => [e.proposalId, e.position, e.scoreCentipoints, e.outcome, e.grantCents, e.failedThresholds])).toEqual([
      // A: (25+27+26)/3 = 26 · (25+24+26)/3 = 25 · 20 · (12+13+12)/3 = 12.33 → 83.33.
      [a.id, 1, 8333, 'funded', 20_000_00, []],
      // B: 20 · 20.33 · 15 · 9.67 = 65.00; asks 40,000, capped at 25,000: 45,000 > 30,000.
      [b.id, 2, 6500, 'eligible_not_funded', 0, []],
      // C: need 14 < 15 although its total, 14 + 28 + 23.67 + 14.33 = 80.00, is higher than B's.
      [c.id, 3, 8000, 'below_threshold', 0, ['need']],
    ]);
    expect([await statusOf(a.id), await statusOf(b.id), await statusOf(c.id)]).toEqual(['funded', 'eligible_not_funded', 'below_threshold']);
    expect(await rowCount(t.db, proposalEvents, and(eq(proposalEvents.fromStatus, 'scored'), eq(proposalEvents.actorId, staff.id)))).toBe(3);
    const [ranking] = await t.db.select().from(rankings).where(eq(rankings.id, result.rankingId));
    expect(ranking).toMatchObject({ kind: 'provisional', budgetCents: 30_000_00, publishedBy: staff.id, method: { version: 1, consolidation: 'mean', normalise: false } });
    const audit = (await auditTrail(t.db)).find((e) => e.action === 'ranking.published');
    expect(audit).toMatchObject({ entityId: result.rankingId, summary: { kind: 'provisional', counts: { funded: 1 } } });
    expect((await outbox(t.db)).map((m) => m.template)).toEqual(['feedbackLetter', 'feedbackLetter', 'feedbackLetter']);
  });

  it('is refused, changing nothing, while a proposal waits for scores, before review, twice, or to non-staff', async () => {
    const { call, ctx, proposers, evaluators } = await threeScored();
    const pending = await createProposal(t.db, { callId: call.id, proposerId: proposers[0]!.id, status: 'in_review', protocolSeq: 9, protocolNumber: 'IDEA-2026-000009' });
    expect(await domainError(publishProvisional(t.db, ctx, call.id))).toMatchObject({ code: 'proposals_not_scored', details: { count: 1 } });
    await t.db.update(proposals).set({ status: 'scored' }).where(eq(proposals.id, pending.id));
    expect(await domainError(publishProvisional(t.db, ctx, call.id))).toMatchObject({ code: 'scores_incomplete', details: { count: 1 } });
    await t.db.update(proposals).set({ status: 'inadmissible' }).where(eq(proposals.id, pending.id));
    expect((await domainError(publishProvisional(t.db, testContext({ actor: evaluators[0]!.actor }), call.id))).kind).toBe('forbidden');
    expect(await rowCount(t.db, rankings)).toBe(0);
    expect(await rowCount(t.db, outboxMessages)).toBe(0);
    expect(await rowCount(t.db, proposalEvents)).toBe(0);
    expect(await phaseOf(call.id)).toBe('in_review');
    await publishProvisional(t.db, ctx, call.id);
    expect(await domainError(publishProvisional(t.db, ctx, call.id))).toMatchObject({ code: 'ranking_wrong_phase' });
    const open = await commission(t.db, { phase: 'published' });
    expect(await domainError(publishProvisional(t.db, open.ctx, open.call.id))).toMatchObject({ code: 'ranking_wrong_phase' });
  });

  it('with consensus consolidation, needs the president’s score on every criterion', async () => {
    const { call, ctx } = await threeScored();
    await t.db.insert(evaluationSettings).values({ callId: call.id, consolidation: 'consensus' });
    expect(await domainError(publishProvisional(t.db, ctx, call.id))).toMatchObject({ code: 'consensus_incomplete', details: { count: 3 } });
  });
});

describe('publishing the final ranking', () => {
  it('waits for the end of the window, for every answer and every re-scoring; then re-ranks and freezes it as final', async () => {
    const { call, ctx, a, b, c, evaluators, staff } = await threeScored();
    const provisional = await publishProvisional(t.db, ctx, call.id);
    const inWindow = testContext({ actor: staff.actor, now: () => new Date('2026-03-12T22:59:59.999Z') });
    expect(await domainError(publishFinal(t.db, inWindow, call.id))).toMatchObject({ code: 'observation_window_open' });

    // C's observation is upheld: a fourth evaluator re-scores need 16 (sub-threshold met).
    const [obs] = await t.db.insert(observations).values({ proposalId: c.id, rankingId: provisional.rankingId, text: 'Il criterio 1 non considera la lettera di sostegno.' }).returning();
    const after = testContext({ actor: staff.actor, now: () => at(11 * DAY) });
    expect(await domainError(publishFinal(t.db, after, call.id))).toMatchObject({ code: 'observations_unanswered', details: { count: 1 } });
    await t.db.update(observations).set({ status: 'answered', upheld: true, answer: 'Accolta.', answeredAt: at(5 * DAY) }).where(eq(observations.id, obs!.id));
    const [rescore] = await t.db.insert(reviewAssignments).values({ proposalId: c.id, evaluatorId: evaluators[3]!.id, observationId: obs!.id, status: 'in_progress' }).returning();
    expect(await domainError(publishFinal(t.db, after, call.id))).toMatchObject({ code: 'rescoring_pending', details: { count: 1 } });
    await t.db.insert(reviewScores).values(keys.map((criterion, i) => ({ assignmentId: rescore!.id, criterion, points: [16, 28, 24, 14][i]! })));
    await t.db.update(reviewAssignments).set({ status: 'submitted', submittedAt: at(6 * DAY) }).where(eq(reviewAssignments.id, rescore!.id));

    const final = await publishFinal(t.db, after, call.id);
    expect(await phaseOf(call.id)).toBe('ranking_final');
    const entries = await t.db.select().from(rankingEntries).where(eq(rankingEntries.rankingId, final.rankingId)).orderBy(asc(rankingEntries.position));
    // C's re-scoring supersedes: 16 + 28 + 24 + 14 = 82.00, second after A (83.33); 20,000 + 10,000 = 30,000 fits the budget.
    expect(entries.map((e) => [e.proposalId, e.scoreCentipoints, e.outcome])).toEqual([
      [a.id, 8333, 'funded'],
      [c.id, 8200, 'funded'],
      [b.id, 6500, 'eligible_not_funded'],
    ]);
    expect(await statusOf(c.id)).toBe('funded');
    expect(await rowCount(t.db, proposalEvents, eq(proposalEvents.proposalId, a.id))).toBe(1); // unchanged: no new event
    expect(await rowCount(t.db, proposalEvents, and(eq(proposalEvents.proposalId, c.id), eq(proposalEvents.toStatus, 'funded')))).toBe(1);
  });
});

describe('scorrimento', () => {
  async function finalRanking() {
    const setup = await threeScored();
    await publishProvisional(t.db, setup.ctx, setup.call.id);
    const later = testContext({ actor: setup.staff.actor, now: () => at(11 * DAY) });
    await publishFinal(t.db, later, setup.call.id);
    return { ...setup, later };
  }

  it('moves the next eligible proposal above the line when enough money frees up; audited and notified', async () => {
    const { call, later, b } = await finalRanking();
    // Funded A 20,000 of 30,000 (C is below threshold): 10,000 left; B needs 25,000. 10,000 freed is not enough: nothing moves, it is kept.
    const first = await slideRanking(t.db, later, call.id, 10_000_00, 'Economie di spesa');
    expect(first).toMatchObject({ moved: [], residualCents: 20_000_00 });
    expect(await statusOf(b.id)).toBe('eligible_not_funded');
    const second = await slideRanking(t.db, later, call.id, 5_000_00, 'Rinuncia del beneficiario IDEA-2026-000001');
    expect(second).toMatchObject({ moved: [{ proposalId: b.id, grantCents: 25_000_00 }], residualCents: 0 });
    expect(await statusOf(b.id)).toBe('funded');
    const [latest] = await t.db.select().from(rankings).where(eq(rankings.id, second.rankingId));
    expect(latest).toMatchObject({ kind: 'final', budgetCents: 45_000_00, method: { slide: { freedCents: 5_000_00 } } });
    const entry = await t.db.select().from(rankingEntries).where(and(eq(rankingEntries.rankingId, second.rankingId), eq(rankingEntries.proposalId, b.id)));
    expect(entry[0]).toMatchObject({ outcome: 'funded', grantCents: 25_000_00, position: 2 });
    expect((await auditTrail(t.db)).filter((e) => e.action === 'ranking.slid').map((e) => e.entityId)).toEqual([first.rankingId, b.id, second.rankingId]);
    const mail = (await outbox(t.db)).filter((m) => m.template === 'rankingSlid');
    expect(mail).toHaveLength(1);
    expect(mail[0]!.textBody).toContain('25.000,00');
    expect(await domainError(slideRanking(t.db, later, call.id, 1_000_00, 'Altre economie'))).toMatchObject({ code: 'nothing_to_slide' });
  });

  it('refuses a bad amount, a missing reason, a call without a final ranking and non-staff', async () => {
    const { call, later, ctx, evaluators } = await finalRanking();
    expect(await domainError(slideRanking(t.db, later, call.id, 0, 'x'))).toMatchObject({ code: 'slide_amount_invalid' });
    expect(await domainError(slideRanking(t.db, later, call.id, 100, '  '))).toMatchObject({ code: 'slide_reason_required' });
    expect((await domainError(slideRanking(t.db, testContext({ actor: actor(evaluators[0]!.id, ['evaluator']) }), call.id, 100, 'x'))).kind).toBe('forbidden');
    const other = await commission(t.db);
    expect(await domainError(slideRanking(t.db, ctx, other.call.id, 100, 'x'))).toMatchObject({ code: 'ranking_wrong_phase' });
    expect(await rowCount(t.db, rankings)).toBe(2);
  });
});

describe('CSV export', () => {
  const read = async (chunks: AsyncGenerator<string>) => {
    let text = '';
    for await (const c of chunks) text += c;
    return text;
  };

  it('has stable columns, then the criteria; names organisations, no person without consent; neutralises formulas; parses back', async () => {
    const { call, ctx, a, b } = await threeScored();
    await t.db.update(proposals).set({ title: '=HYPERLINK("http://x")', applicantType: 'association', organisationName: 'APS Cortile; Aperto' }).where(eq(proposals.id, a.id));
    await t.db.update(proposals).set({ applicantType: 'individual', organisationName: 'Mario Rossi' }).where(eq(proposals.id, b.id));
    const preview = await exportRankingCsv(t.db, ctx, call.id, 'it');
    expect(preview.fileName).toMatch(/^graduatoria-anteprima-avviso-\d+-\d{4}-\d{2}-\d{2}\.csv$/);
    const previewRows = parseCsv(await read(preview.chunks));
    expect(previewRows).toHaveLength(4);

    await publishProvisional(t.db, ctx, call.id);
    const { fileName, chunks } = await exportRankingCsv(t.db, ctx, call.id, 'it');
    expect(fileName).toMatch(/^graduatoria-provvisoria-/);
    const text = await read(chunks);
    expect(text.startsWith('\uFEFF')).toBe(true);
    const [header, ...rows] = parseCsv(text.slice(1));
    expect(header).toEqual([
      'Posizione', 'Protocollo', 'Titolo', 'Tipo di proponente', 'Nome (enti; persone solo con consenso)', 'Punteggio totale', 'Esito', 'Contributo (euro)', 'Soglie minime non raggiunte', 'Primo invio',
      'Rilevanza del bisogno (max 30)', 'Fattibilità (max 30)', 'Impatto sociale (max 25)', 'Gruppo proponente (max 15)',
    ]);
    expect(rows.map((r) => r.slice(0, 9))).toEqual([
      ['1', 'IDEA-2026-000001', `'=HYPERLINK("http://x")`, 'Associazione o ente del terzo settore', 'APS Cortile; Aperto', '83,33', 'Finanziata', '20000,00', ''],
      ['2', 'IDEA-2026-000002', 'Doposcuola di cortile', 'Persona singola', '', '65,00', 'Idonea non finanziata', '0,00', ''],
      ['3', 'IDEA-2026-000003', 'Doposcuola di cortile', 'Gruppo informale', '', '80,00', 'Non idonea', '0,00', 'Rilevanza del bisogno'],
    ]);
    expect(rows[0]!.slice(10)).toEqual(['26,00', '25,00', '20,00', '12,33']);
    expect((await domainError(exportRankingCsv(t.db, testContext({ actor: actor(a.proposerId, ['resident']) }), call.id, 'it'))).kind).toBe('forbidden');
  });
});

it('a non-staff member cannot even compute: permission first', async () => {
  const resident = await createUser(t.db, 'resident');
  const error = await domainError(publishFinal(t.db, testContext({ actor: resident.actor }), crypto.randomUUID()));
  expect(error.kind).toBe('forbidden');
});
