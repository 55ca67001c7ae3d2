import { eq } from 'drizzle-orm';
import { calls, commissionMembers, evaluationSettings, observations, proposalEvents, proposals, rankingEntries, rankings, reviewAssignments, reviewScores } from '../schema/index.ts';
import type { Tx } from '../../src/lib/server/db/index.ts';
import type { Rubric } from '../../src/domain/calls/definitions.ts';
import { findUserByEmail } from '../../src/domain/accounts/accounts.repo.server.ts';
import { takeProtocolNumber } from '../../src/domain/proposals/proposal-tx.server.ts';
import type { DescriptorLabel } from '../../src/domain/evaluation/descriptor-scale.ts';
import { freezeMethod } from '../../src/domain/evaluation/ranking-method.ts';
import { createCall, createUser } from '../../tests/factories/index.ts';
import { avvisoBody } from './call-body.ts';
import { demoAttachments, demoEligibility, demoQuestions, demoRubric } from './call-forms.ts';
import { DEMO_PASSWORD } from './demo-accounts.ts';
import { demoAnswers } from './proposal-texts.ts';
import { demoObservations, evaluationCalls, evaluationProposals, evaluatorAccounts, residentAccounts, scoreComment, type EvaluationCallText, type EvaluationProposal } from './evaluation-texts.ts';

/**
 * Evaluation demo (issue 4): the call in review gets proposals, a three-member commission and
 * partly sent score sheets (one conflict declared); four more calls show every sheet sent and the
 * provisional ranking still to publish (with the call's own descriptor scale), a provisional
 * ranking with its observation window open and observations filed, one whose window has closed
 * with every observation answered (the final ranking still to publish), and a final ranking. Rows are written
 * as the use cases write them. Idempotent: a call that already has proposals, or exists, is left alone.
 */
export type SeedEvaluationOptions = { programmeId: string; neighbourhoodIds: string[]; staffUserId: string };
export const IN_REVIEW_SLUG = 'cura-di-comunita-2026';

const DAY = 86_400_000;
type Call = typeof calls.$inferSelect;
type Proposal = { id: string; title: string; requestedCents: number; submittedAt: Date };

export async function seedEvaluation(tx: Tx, o: SeedEvaluationOptions, now = new Date()): Promise<{ calls: number }> {
  const evaluators = [await ensureUser(tx, 'valutatore@vivaio.example', 'Paolo Valutatore', 'evaluator')];
  for (const e of evaluatorAccounts) evaluators.push(await ensureUser(tx, e.email, e.name, 'evaluator'));
  const residents: { id: string; name: string }[] = [];
  for (const r of residentAccounts) residents.push({ id: await ensureUser(tx, r.email, r.name, 'resident'), name: r.name });

  let seeded = 0;
  const [inReview] = await tx.select().from(calls).where(eq(calls.slug, IN_REVIEW_SLUG));
  if (inReview && (await tx.select({ id: proposals.id }).from(proposals).where(eq(proposals.callId, inReview.id)).limit(1)).length === 0) {
    await seedInReview(tx, inReview, evaluators, residents, o.staffUserId, now);
    seeded += 1;
  }
  for (const text of evaluationCalls) {
    if ((await tx.select({ id: calls.id }).from(calls).where(eq(calls.slug, text.slug))).length > 0) continue;
    const call = await createRankedCall(tx, text, o, now);
    await seedRanked(tx, call, text, evaluators, residents, o.staffUserId, now);
    seeded += 1;
  }
  return { calls: seeded };
}

async function ensureUser(tx: Tx, email: string, name: string, role: 'evaluator' | 'resident'): Promise<string> {
  const found = await findUserByEmail(tx, email);
  if (found) return found.id;
  return (await createUser(tx, { email, name, roles: [role], password: DEMO_PASSWORD, verified: true, locale: 'it' })).id;
}

/** Scores sent by the president and the second evaluator; the third is halfway and declared one conflict. */
async function seedInReview(tx: Tx, call: Call, evaluators: string[], residents: { id: string; name: string }[], staffId: string, now: Date) {
  await appoint(tx, call.id, evaluators, staffId, new Date(call.closesAt.getTime() + 10 * DAY));
  const assignedAt = new Date(call.closesAt.getTime() + 12 * DAY);
  for (const [i, item] of evaluationProposals[IN_REVIEW_SLUG]!.entries()) {
    const p = await addProposal(tx, call, item, residents[i % residents.length]!, 'in_review', staffId, assignedAt);
    for (const [k, evaluatorId] of evaluators.entries()) {
      const points = item.sheets[k]!;
      if (k < 2 || i < 2) await addSheet(tx, p.id, evaluatorId, call.rubric, points, 'submitted', assignedAt, new Date(now.getTime() - (8 - i) * DAY), staffId);
      else if (i === 3) await addSheet(tx, p.id, evaluatorId, call.rubric, [], 'conflict_declared', assignedAt, new Date(now.getTime() - 5 * DAY), staffId);
      else if (i === 4) await addSheet(tx, p.id, evaluatorId, call.rubric, points.slice(0, 3), 'in_progress', assignedAt, new Date(now.getTime() - DAY), staffId);
      else await addSheet(tx, p.id, evaluatorId, call.rubric, [], 'assigned', assignedAt, null, staffId);
    }
    // Every active sheet sent: the proposal is scored (as markScoredIfComplete does).
    if (i < 2) await moveStatus(tx, p.id, 'in_review', 'scored', null, new Date(now.getTime() - (8 - i) * DAY));
  }
}

async function createRankedCall(tx: Tx, t: EvaluationCallText, o: SeedEvaluationOptions, now: Date): Promise<Call> {
  const opensAt = new Date(now.getTime() + t.opensIn * DAY);
  const closesAt = new Date(now.getTime() + t.closesIn * DAY);
  const facts = {
    budgetCents: t.budgetEuros * 100, maxGrantCents: t.maxGrantEuros * 100, minCofinancingPct: 10, applicantTypes: ['informal_group', 'association'] as const,
    minGroupMembers: 2, neighbourhoods: [], attachments: demoAttachments, rubric: demoRubric, opensAt, closesAt, office: 'Ufficio Innovazione sociale', rup: 'Marco Ufficio',
  };
  return createCall(tx, {
    programmeId: o.programmeId, slug: t.slug, phase: t.phase, protocolPrefix: t.protocolPrefix, titleIt: t.title.it, titleEn: t.title.en, summaryIt: t.summary.it, summaryEn: t.summary.en,
    bodyIt: avvisoBody('it', { ...facts, applicantTypes: [...facts.applicantTypes], purpose: t.purpose.it, funds: t.funds.it }),
    bodyEn: avvisoBody('en', { ...facts, applicantTypes: [...facts.applicantTypes], purpose: t.purpose.en, funds: t.funds.en }),
    themes: t.themes, applicantTypes: [...facts.applicantTypes], minGroupMembers: 2, eligibility: demoEligibility, questions: demoQuestions, attachments: demoAttachments,
    rubric: demoRubric, budgetCents: facts.budgetCents, maxGrantCents: facts.maxGrantCents, minCofinancingPct: 10, opensAt, closesAt,
    publishedAt: new Date(opensAt.getTime() - 7 * DAY), createdAt: new Date(opensAt.getTime() - 21 * DAY), createdBy: o.staffUserId, neighbourhoodIds: o.neighbourhoodIds,
  });
}

/** All sheets sent, then (unless the call is still in review) the provisional ranking, and for a final call the final one. */
async function seedRanked(tx: Tx, call: Call, t: EvaluationCallText, evaluators: string[], residents: { id: string; name: string }[], staffId: string, now: Date) {
  await appoint(tx, call.id, evaluators, staffId, new Date(call.closesAt.getTime() + 5 * DAY), t.descriptors ?? null);
  const assignedAt = new Date(call.closesAt.getTime() + 7 * DAY);
  const scored: (Proposal & { sheets: number[][] })[] = [];
  for (const [i, item] of evaluationProposals[t.slug]!.entries()) {
    const p = await addProposal(tx, call, item, residents[i % residents.length]!, 'in_review', staffId, assignedAt);
    const sentAt = new Date(assignedAt.getTime() + (10 + i) * DAY);
    for (const [k, evaluatorId] of evaluators.entries()) await addSheet(tx, p.id, evaluatorId, call.rubric, item.sheets[k]!, 'submitted', assignedAt, sentAt, staffId);
    await moveStatus(tx, p.id, 'in_review', 'scored', null, sentAt);
    scored.push({ ...p, sheets: item.sheets });
  }
  // Every sheet sent: a call `in_review` waits here for staff to publish the provisional ranking.
  if (t.phase === 'in_review' || t.publishedDaysAgo === undefined) return;
  const method = freezeMethod(call, { consolidation: 'mean', normalise: false });
  const entries = rankEntries(call, scored);
  const publishedAt = new Date(now.getTime() - t.publishedDaysAgo * DAY);
  const closesAt = new Date(publishedAt.getTime() + t.windowDays * DAY);
  const provisional = await publish(tx, call, 'provisional', method, entries, publishedAt, closesAt, staffId);
  for (const e of entries) await moveStatus(tx, e.proposalId, 'scored', e.outcome, staffId, publishedAt);
  for (const [i, obs] of demoObservations.entries()) {
    const p = scored.find((s) => s.title === obs.title) ?? scored[scored.length - 1 - i]!;
    const filedAt = new Date(publishedAt.getTime() + (i + 1) * DAY);
    // Once the window has closed the office has answered them (not upheld: the scores stand).
    const answered = closesAt < now;
    await tx.insert(observations).values({
      proposalId: p.id, rankingId: provisional, text: obs.text, status: answered ? 'answered' : 'filed', filedAt,
      ...(answered ? { answer: 'La commissione ha riesaminato la proposta e gli allegati: il punteggio è confermato.', upheld: false, answeredBy: staffId, answeredAt: new Date(filedAt.getTime() + 5 * DAY) } : {}),
    });
  }
  if (t.finalDaysAgo !== undefined) await publish(tx, call, 'final', method, entries, new Date(now.getTime() - t.finalDaysAgo * DAY), null, staffId);
}

async function appoint(tx: Tx, callId: string, evaluators: string[], staffId: string, at: Date, descriptors: DescriptorLabel[] | null = null) {
  await tx.insert(evaluationSettings).values({ callId, descriptors, updatedAt: at }).onConflictDoNothing();
  await tx.insert(commissionMembers).values(evaluators.map((userId, i) => ({ callId, userId, role: i === 0 ? ('president' as const) : ('member' as const), appointedAt: at, appointedBy: staffId })));
}

/** A sent proposal (protocol number from the call's counter), found admissible and put in review. */
async function addProposal(tx: Tx, call: Call, item: EvaluationProposal, proposer: { id: string; name: string }, status: 'in_review', staffId: string, reviewAt: Date): Promise<Proposal> {
  const submittedAt = new Date(call.closesAt.getTime() - (3 + item.title.length % 20) * DAY);
  const protocol = await takeProtocolNumber(tx, call.id);
  const team = [{ name: proposer.name, role: 'referente', adult: true }, { name: 'Concetta Privitera', role: 'volontaria', adult: true }, { name: 'Orazio Nicolosi', role: 'educatore', adult: true }];
  const story = { locale: 'it' as const, title: item.title, organisation: item.organisation ?? '', requestedCents: item.requestedEuros * 100, team, paragraphs: [item.need], short: item.need.slice(0, 80) };
  const [row] = await tx
    .insert(proposals)
    .values({
      callId: call.id, proposerId: proposer.id, status, applicantType: item.applicantType, organisationName: item.organisation ?? null, title: item.title,
      requestedCents: Math.min(item.requestedEuros * 100, call.maxGrantCents), team, answers: demoAnswers(call.questions, story, call.questions.length),
      publicNameConsent: item.nameConsent === true && item.applicantType !== 'association',
      protocolSeq: protocol.seq, protocolNumber: protocol.number, firstSubmittedAt: submittedAt, submittedAt, declarationsAcceptedAt: submittedAt,
      createdAt: new Date(submittedAt.getTime() - 5 * DAY), updatedAt: reviewAt,
    })
    .returning({ id: proposals.id, title: proposals.title, requestedCents: proposals.requestedCents });
  const admissibleAt = new Date(call.closesAt.getTime() + 6 * DAY);
  await tx.insert(proposalEvents).values([
    { proposalId: row!.id, fromStatus: null, toStatus: 'draft', actorId: proposer.id, at: new Date(submittedAt.getTime() - 5 * DAY) },
    { proposalId: row!.id, fromStatus: 'draft', toStatus: 'submitted', actorId: proposer.id, at: submittedAt },
    { proposalId: row!.id, fromStatus: 'submitted', toStatus: 'admissible', actorId: staffId, at: admissibleAt },
    { proposalId: row!.id, fromStatus: 'admissible', toStatus: 'in_review', actorId: staffId, at: reviewAt },
  ]);
  return { ...row!, requestedCents: row!.requestedCents ?? 0, submittedAt };
}

type SheetStatus = 'assigned' | 'in_progress' | 'submitted' | 'conflict_declared';
async function addSheet(tx: Tx, proposalId: string, evaluatorId: string, rubric: Rubric, points: number[], status: SheetStatus, assignedAt: Date, at: Date | null, staffId: string) {
  const conflict = status === 'conflict_declared';
  const [a] = await tx
    .insert(reviewAssignments)
    .values({
      proposalId, evaluatorId, status, assignedAt, assignedBy: staffId,
      noConflictDeclaredAt: status === 'assigned' || conflict ? null : new Date(assignedAt.getTime() + DAY),
      ...(conflict ? { conflictKind: 'association' as const, conflictReason: 'Sono socio dell’associazione proponente da diversi anni.', conflictDeclaredAt: at } : {}),
      submittedAt: status === 'submitted' ? at : null, version: points.length > 0 ? 2 : 1,
    })
    .returning({ id: reviewAssignments.id });
  if (points.length === 0) return;
  await tx.insert(reviewScores).values(
    points.map((p, i) => ({ assignmentId: a!.id, criterion: rubric.criteria[i]!.key, points: p, comment: scoreComment(p, rubric.criteria[i]!.maxPoints), updatedAt: at ?? assignedAt })),
  );
}

async function moveStatus(tx: Tx, proposalId: string, from: 'in_review' | 'scored', to: 'scored' | Outcome, actorId: string | null, at: Date) {
  await tx.update(proposals).set({ status: to, updatedAt: at }).where(eq(proposals.id, proposalId));
  await tx.insert(proposalEvents).values({ proposalId, fromStatus: from, toStatus: to, actorId, at });
}

type Outcome = 'funded' | 'eligible_not_funded' | 'below_threshold';
type Entry = { proposalId: string; position: number; scoreCentipoints: number; criteria: Record<string, number>; outcome: Outcome; grantCents: number; failedThresholds: string[] };

/**
 * The documented method by hand (ranking-rules.ts): mean of the evaluators per criterion, in
 * hundredths; sub-thresholds and the overall threshold decide eligibility; ties by criterion
 * order then submission time; funded down the list while the budget covers the whole grant.
 */
export function rankEntries(call: Pick<Call, 'rubric' | 'budgetCents' | 'maxGrantCents'>, scored: (Proposal & { sheets: number[][] })[]): Entry[] {
  const rows = scored.map((p) => {
    const criteria: Record<string, number> = {};
    const failed: string[] = [];
    call.rubric.criteria.forEach((c, i) => {
      const mean = Math.round((p.sheets.reduce((s, sheet) => s + sheet[i]!, 0) * 100) / p.sheets.length);
      criteria[c.key] = mean;
      if (c.threshold != null && mean < c.threshold * 100) failed.push(c.key);
    });
    const total = Object.values(criteria).reduce((s, v) => s + v, 0);
    return { p, criteria, failed, total, eligible: failed.length === 0 && total >= call.rubric.threshold * 100 };
  });
  const keys = call.rubric.criteria.map((c) => c.key);
  rows.sort((a, b) => Number(b.eligible) - Number(a.eligible) || b.total - a.total || tieBreak(a.criteria, b.criteria, keys) || a.p.submittedAt.getTime() - b.p.submittedAt.getTime());
  let left = call.budgetCents;
  let open = true;
  return rows.map((r, i) => {
    const grant = Math.min(r.p.requestedCents, call.maxGrantCents);
    const funded = r.eligible && open && grant <= left;
    if (funded) left -= grant;
    else if (r.eligible) open = false;
    const outcome: Outcome = !r.eligible ? 'below_threshold' : funded ? 'funded' : 'eligible_not_funded';
    return { proposalId: r.p.id, position: i + 1, scoreCentipoints: r.total, criteria: r.criteria, outcome, grantCents: funded ? grant : 0, failedThresholds: r.failed };
  });
}

function tieBreak(a: Record<string, number>, b: Record<string, number>, keys: string[]): number {
  for (const k of keys) if (a[k] !== b[k]) return (b[k] ?? 0) - (a[k] ?? 0);
  return 0;
}

async function publish(tx: Tx, call: Call, kind: 'provisional' | 'final', method: object, entries: Entry[], publishedAt: Date, observationsCloseAt: Date | null, staffId: string): Promise<string> {
  const [r] = await tx
    .insert(rankings)
    .values({ callId: call.id, kind, method: method as Record<string, unknown>, budgetCents: call.budgetCents, publishedAt, publishedBy: staffId, observationsCloseAt })
    .returning({ id: rankings.id });
  await tx.insert(rankingEntries).values(entries.map((e) => ({ rankingId: r!.id, ...e })));
  return r!.id;
}
