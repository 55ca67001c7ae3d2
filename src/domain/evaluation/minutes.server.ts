import { and, asc, count, eq, inArray, max, min } from 'drizzle-orm';
import { consensusScores, observations, proposals, rankings, reviewAssignments, reviewScores } from '../../../db/schema/index.ts';
import type { Db, Queryable } from '../../lib/server/db/index.ts';
import { translator } from '../../lib/i18n/index.ts';
import type { Locale } from '../../lib/i18n/locales.ts';
import { requireCall } from '../admissibility/admissibility.repo.server.ts';
import type { RequestContext } from '../context.ts';
import { authorize } from '../policy.ts';
import { listMembers, type CommissionMember } from './commission.server.ts';
import { exportRankingRows, type RankingSource } from './ranking-source.server.ts';
import type { FrozenMethod } from './ranking-method.ts';
import type { RankingRow } from './ranking-repo.server.ts';
import type { RankingViewRow } from './ranking-view.server.ts';
import { getEvaluationSettings, type CallRow } from './settings.server.ts';

/** One evaluator's sheet on a proposal, as the minutes show it. */
export type MinutesSheet = { evaluator: string; points: (number | null)[]; rescoring: boolean; superseded: boolean };
export type MinutesProposal = RankingViewRow & { sheets: MinutesSheet[]; consensus: { criterion: string; points: number; reason: string }[] };

export type MinutesData = {
  locale: Locale;
  call: CallRow;
  blind: boolean;
  method: FrozenMethod;
  members: CommissionMember[];
  source: RankingSource['kind'];
  rankings: RankingRow[];
  evaluation: { from: Date | null; to: Date | null };
  observations: { filed: number; upheld: number; rejected: number; open: number };
  proposals: MinutesProposal[];
};

/**
 * What the commission's minutes (verbale) record: members and president, the call's dates and the
 * evaluation period, the method, every evaluator's points per proposal (as "Evaluator n" when the
 * review was blind), the consolidated scores, outcomes, the observations decided and the
 * publications. Staff only.
 */
export async function loadMinutes(db: Db, ctx: RequestContext, callId: string, locale: Locale): Promise<MinutesData> {
  authorize(ctx.actor, 'evaluation.manage');
  const call = await requireCall(db, callId);
  const settings = await getEvaluationSettings(db, call.id);
  const members = await listMembers(db, call.id);
  const source = await exportRankingRows(db, call);
  const ids = source.rows.map((r) => r.proposalId);
  const sheets = await sheetsOf(db, ids, source.method);
  const labels = evaluatorLabels(members, [...new Set(sheets.map((s) => s.evaluatorId))], settings.blindReview, locale);
  const consensus = source.method.consolidation === 'consensus' ? await consensusOf(db, ids) : [];
  return {
    locale,
    call,
    blind: settings.blindReview,
    method: source.method,
    members,
    source: source.kind,
    rankings: await db.select().from(rankings).where(eq(rankings.callId, call.id)).orderBy(asc(rankings.publishedAt)),
    evaluation: await evaluationPeriod(db, call.id),
    observations: await observationCounts(db, call.id),
    proposals: source.rows.map((r) => ({
      ...r,
      sheets: sheets
        .filter((s) => s.proposalId === r.proposalId)
        .sort((a, b) => labels.order.indexOf(a.evaluatorId) - labels.order.indexOf(b.evaluatorId))
        .map((s) => ({ evaluator: labels.names.get(s.evaluatorId)!, points: s.points, rescoring: s.rescoring, superseded: s.superseded })),
      consensus: consensus.filter((c) => c.proposalId === r.proposalId),
    })),
  };
}

type RawSheet = { proposalId: string; evaluatorId: string; points: (number | null)[]; rescoring: boolean; superseded: boolean };

async function sheetsOf(db: Queryable, proposalIds: string[], method: FrozenMethod): Promise<RawSheet[]> {
  if (proposalIds.length === 0) return [];
  const rows = await db
    .select({ id: reviewAssignments.id, proposalId: reviewAssignments.proposalId, evaluatorId: reviewAssignments.evaluatorId, observationId: reviewAssignments.observationId, criterion: reviewScores.criterion, points: reviewScores.points })
    .from(reviewAssignments)
    .innerJoin(reviewScores, eq(reviewScores.assignmentId, reviewAssignments.id))
    .where(and(inArray(reviewAssignments.proposalId, proposalIds), eq(reviewAssignments.status, 'submitted')))
    .orderBy(asc(reviewAssignments.submittedAt), asc(reviewAssignments.id));
  const byAssignment = new Map<string, RawSheet>();
  const order = new Map(method.criteria.map((c, i) => [c.key, i]));
  for (const r of rows) {
    const sheet = byAssignment.get(r.id) ?? { proposalId: r.proposalId, evaluatorId: r.evaluatorId, points: method.criteria.map(() => null), rescoring: r.observationId !== null, superseded: false };
    const i = order.get(r.criterion);
    if (i !== undefined) sheet.points[i] = r.points;
    byAssignment.set(r.id, sheet);
  }
  const sheets = [...byAssignment.values()];
  // The ranking rule: a re-scoring after an upheld observation replaces the original assessments.
  const rescored = new Set(sheets.filter((s) => s.rescoring).map((s) => s.proposalId));
  return sheets.map((s) => ({ ...s, superseded: !s.rescoring && rescored.has(s.proposalId) }));
}

/** Names, or in a blind review "Evaluator 1…n" in the commission's order (president first). */
function evaluatorLabels(members: CommissionMember[], scorers: string[], blind: boolean, locale: Locale): { order: string[]; names: Map<string, string> } {
  const t = translator(locale);
  const order = [...members.map((m) => m.userId).filter((id) => scorers.includes(id)), ...scorers.filter((id) => !members.some((m) => m.userId === id)).sort()];
  const known = new Map(members.map((m) => [m.userId, m.name]));
  return { order, names: new Map(order.map((id, i) => [id, blind || !known.has(id) ? t('ranking.minutes.evaluatorN', { n: i + 1 }) : known.get(id)!])) };
}

async function consensusOf(db: Queryable, proposalIds: string[]) {
  if (proposalIds.length === 0) return [];
  return db
    .select({ proposalId: consensusScores.proposalId, criterion: consensusScores.criterion, points: consensusScores.points, reason: consensusScores.reason })
    .from(consensusScores)
    .where(inArray(consensusScores.proposalId, proposalIds));
}

async function evaluationPeriod(db: Queryable, callId: string): Promise<{ from: Date | null; to: Date | null }> {
  const [row] = await db
    .select({ from: min(reviewAssignments.assignedAt), to: max(reviewAssignments.submittedAt) })
    .from(reviewAssignments)
    .innerJoin(proposals, eq(proposals.id, reviewAssignments.proposalId))
    .where(eq(proposals.callId, callId));
  return { from: row?.from ? new Date(row.from) : null, to: row?.to ? new Date(row.to) : null };
}

async function observationCounts(db: Queryable, callId: string) {
  const rows = await db
    .select({ status: observations.status, upheld: observations.upheld, n: count() })
    .from(observations)
    .innerJoin(proposals, eq(proposals.id, observations.proposalId))
    .where(eq(proposals.callId, callId))
    .groupBy(observations.status, observations.upheld);
  const sum = (f: (r: (typeof rows)[number]) => boolean) => rows.filter(f).reduce((a, r) => a + r.n, 0);
  return { filed: sum(() => true), upheld: sum((r) => r.status === 'answered' && r.upheld === true), rejected: sum((r) => r.status === 'answered' && r.upheld !== true), open: sum((r) => r.status === 'filed') };
}
