import { asc, desc, eq, sql } from 'drizzle-orm';
import { calls, evaluationSettings, integrationRequests, neighbourhoods, proposals, reviewAssignments, reviewScores, users } from '../../../db/schema/index.ts';
import type { Queryable } from '../../lib/server/db/index.ts';
import { translator, type Locale } from '../../lib/i18n/index.ts';
import { answersView } from '../admissibility/answers-view.ts';
import { liveFilesOf } from '../admissibility/admissibility.repo.server.ts';
import type { Rubric } from '../calls/definitions.ts';
import type { RequestContext } from '../context.ts';
import { forbidden } from '../errors.ts';
import { authorize, can } from '../policy.ts';
import { loadProposalFacts } from '../proposals/facts.server.ts';
import { fileLabelOf, redactForEvaluator, type BlindWords, type EvaluatorProposal } from './blind.ts';
import { ownAssignment, scoringOpen, type AssignmentRow, type CallRow, type ProposalRow } from './review-assignment.server.ts';
import { resolveScale, type ScaleLevel } from './descriptor-scale.ts';
import { totalOf, type RunningTotal, type ScoreEntries } from './scoring-rules.ts';
import { getEvaluationSettings, type EvaluationSettings } from './settings.server.ts';

/** What the evaluator's pages show, read through the policy (pages never query tables). */

/** `scale`: the call's descriptor levels, lowest first (descriptor-scale.ts). */
export type CallSummary = { id: string; slug: string; titleIt: string; titleEn: string; blind: boolean; rubric: Rubric; scale: ScaleLevel[] };
export type ReviewPageView =
  | { stage: 'declare'; assignment: AssignmentRow; call: CallSummary; protocolNumber: string | null }
  | {
      stage: 'review';
      assignment: AssignmentRow;
      call: CallSummary;
      protocolNumber: string | null;
      proposal: EvaluatorProposal;
      entries: ScoreEntries;
      total: RunningTotal;
      /** The sheet can still change (not submitted, proposal under review). */
      editable: boolean;
    };

/**
 * One assignment's page. Before the declaration on conflicts of interest the evaluator learns the
 * protocol number and the call only; after declaring none, the proposal (redacted under blind
 * review) and the sheet. A declared conflict, or someone else's assignment, is forbidden.
 */
export async function reviewPage(db: Queryable, ctx: RequestContext, assignmentId: string): Promise<ReviewPageView> {
  authorize(ctx.actor, 'area.review');
  const assignment = await ownAssignment(db, ctx, assignmentId);
  const loaded = (await loadProposalFacts(db, assignment.proposalId))!;
  const { proposal } = loaded;
  const [callRow] = await db.select().from(calls).where(eq(calls.id, proposal.callId));
  const call = summaryOf(callRow!, await getEvaluationSettings(db, proposal.callId));
  const base = { assignment, call, protocolNumber: proposal.protocolNumber };

  const decision = can(ctx.actor, 'proposal.review', loaded.facts);
  if (!decision.ok) {
    if (decision.reason !== 'conflict_not_declared') throw forbidden(decision.reason, { action: 'proposal.review' });
    authorize(ctx.actor, 'review.declare', loaded.facts);
    return { stage: 'declare', ...base };
  }
  const plain = await proposalForEvaluator(db, callRow!, proposal, ctx.locale);
  const entries = await entriesOf(db, assignment.id, call.rubric);
  return {
    stage: 'review',
    ...base,
    proposal: call.blind ? redactForEvaluator(plain, blindWords(ctx.locale), ctx.locale) : plain,
    entries,
    total: totalOf(call.rubric, entries),
    editable: scoringOpen(proposal, assignment),
  };
}

function summaryOf(call: CallRow, settings: Pick<EvaluationSettings, 'blindReview' | 'descriptors'>): CallSummary {
  return { id: call.id, slug: call.slug, titleIt: call.titleIt, titleEn: call.titleEn, blind: settings.blindReview, rubric: call.rubric, scale: resolveScale(settings.descriptors) };
}

export function blindWords(locale: Locale): BlindWords {
  const t = translator(locale);
  return { member: (n) => t('review.blind.member', { n }), file: (label) => t('review.blind.file', { label }) };
}

/** The proposal as written, with names: the caller redacts it under blind review. */
async function proposalForEvaluator(db: Queryable, call: CallRow, proposal: ProposalRow, locale: Locale): Promise<EvaluatorProposal> {
  const [proposer] = await db.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, proposal.proposerId));
  const [place] = proposal.neighbourhoodId
    ? await db.select({ name: neighbourhoods.name }).from(neighbourhoods).where(eq(neighbourhoods.id, proposal.neighbourhoodId))
    : [];
  const requests = await db.select({ id: integrationRequests.id }).from(integrationRequests).where(eq(integrationRequests.proposalId, proposal.id));
  const own = await liveFilesOf(db, 'proposal', [proposal.id]);
  const later = await liveFilesOf(db, 'integration_request', requests.map((r) => r.id));
  const attachments = [...own.filter((f) => !f.purpose.startsWith('question:')), ...later];
  return {
    protocolNumber: proposal.protocolNumber,
    title: proposal.title,
    applicantType: proposal.applicantType,
    proposer: proposer ?? null,
    organisationName: proposal.organisationName,
    neighbourhoodName: place?.name ?? null,
    requestedCents: proposal.requestedCents,
    team: proposal.team,
    answers: answersView(call.questions, proposal.answers, new Map(own.map((f) => [f.id, f.originalName]))),
    attachments: attachments.map((f) => ({ id: f.id, purpose: f.purpose, label: fileLabelOf(call, f.purpose, locale), name: f.originalName, sizeBytes: f.sizeBytes })),
    blind: false,
  };
}

async function entriesOf(db: Queryable, assignmentId: string, rubric: Rubric): Promise<ScoreEntries> {
  const rows = await db.select().from(reviewScores).where(eq(reviewScores.assignmentId, assignmentId));
  return Object.fromEntries(
    rubric.criteria.map((c) => {
      const row = rows.find((r) => r.criterion === c.key);
      return [c.key, { points: row?.points ?? null, comment: row?.comment ?? '' }];
    }),
  );
}

export type Bucket = 'toDeclare' | 'inProgress' | 'submitted' | 'conflicts';
export const buckets: readonly Bucket[] = ['toDeclare', 'inProgress', 'submitted', 'conflicts'];
export type DashboardItem = {
  assignmentId: string;
  protocolNumber: string | null;
  /** Shown once the evaluator has declared no conflict: before that, only the protocol number. */
  title: string | null;
  assignedAt: Date;
  submittedAt: Date | null;
  conflictDeclaredAt: Date | null;
  /** Points scored so far, out of the rubric's maximum. */
  points: number | null;
  maxPoints: number;
};
export type DashboardCall = { id: string; titleIt: string; titleEn: string; blind: boolean; items: Record<Bucket, DashboardItem[]> };

/** The evaluator's work: their assignments per call, in the four stages of the lifecycle. */
export async function evaluatorDashboard(db: Queryable, ctx: RequestContext): Promise<{ calls: DashboardCall[]; counts: Record<Bucket, number> }> {
  authorize(ctx.actor, 'area.review');
  const points = sql<number | null>`(select sum(${reviewScores.points})::int from ${reviewScores} where ${reviewScores.assignmentId} = ${reviewAssignments.id})`;
  const rows = await db
    .select({ a: reviewAssignments, protocolNumber: proposals.protocolNumber, title: proposals.title, call: calls, blind: evaluationSettings.blindReview, points })
    .from(reviewAssignments)
    .innerJoin(proposals, eq(proposals.id, reviewAssignments.proposalId))
    .innerJoin(calls, eq(calls.id, proposals.callId))
    .leftJoin(evaluationSettings, eq(evaluationSettings.callId, calls.id))
    .where(eq(reviewAssignments.evaluatorId, ctx.actor!.userId))
    .orderBy(desc(calls.closesAt), asc(calls.id), asc(proposals.protocolSeq), asc(reviewAssignments.assignedAt));

  const byCall = new Map<string, DashboardCall>();
  const counts: Record<Bucket, number> = { toDeclare: 0, inProgress: 0, submitted: 0, conflicts: 0 };
  for (const r of rows) {
    let entry = byCall.get(r.call.id);
    if (!entry) {
      entry = { id: r.call.id, titleIt: r.call.titleIt, titleEn: r.call.titleEn, blind: r.blind ?? false, items: { toDeclare: [], inProgress: [], submitted: [], conflicts: [] } };
      byCall.set(r.call.id, entry);
    }
    const bucket = bucketOf(r.a);
    counts[bucket] += 1;
    entry.items[bucket].push({
      assignmentId: r.a.id,
      protocolNumber: r.protocolNumber,
      title: bucket === 'inProgress' || bucket === 'submitted' ? r.title : null,
      assignedAt: r.a.assignedAt,
      submittedAt: r.a.submittedAt,
      conflictDeclaredAt: r.a.conflictDeclaredAt,
      points: r.points,
      maxPoints: r.call.rubric.criteria.reduce((sum, c) => sum + c.maxPoints, 0),
    });
  }
  return { calls: [...byCall.values()], counts };
}

function bucketOf(a: AssignmentRow): Bucket {
  if (a.status === 'conflict_declared') return 'conflicts';
  if (a.status === 'submitted') return 'submitted';
  return a.noConflictDeclaredAt === null ? 'toDeclare' : 'inProgress';
}
