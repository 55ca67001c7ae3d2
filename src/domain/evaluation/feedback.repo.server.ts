import { and, asc, eq, inArray, lte, ne, sql, type SQL } from 'drizzle-orm';
import { consensusScores, rankingEntries, reviewAssignments, reviewScores } from '../../../db/schema/index.ts';
import type { Queryable } from '../../lib/server/db/index.ts';
import type { FeedbackComment } from './feedback-letter.ts';

/** Comments per proposal, per criterion, in a stable order that names nobody. */
export type CommentsByProposal = Map<string, Map<string, FeedbackComment[]>>;

/** The proposals of a ranking, or one proposal as a ranking placed it (`asOf`: its publication). */
export type FeedbackScope = { rankingId: string } | { proposalId: string; asOf: Date };

type ReviewComment = { proposalId: string; criterion: string; text: string; rescoring: boolean };

/**
 * The comments proposers may read: those of the scorings that count, as the ranking counts them
 * (ranking-sql.server.ts: submitted scorings only, and once a re-scoring after an observation is
 * submitted it supersedes the earlier ones), then the president's consensus reasons. Only the
 * text leaves this function: never who wrote it.
 */
export async function commentsFor(db: Queryable, scope: FeedbackScope): Promise<CommentsByProposal> {
  const proposalFilter = (column: typeof reviewAssignments.proposalId | typeof consensusScores.proposalId): SQL =>
    'rankingId' in scope
      ? inArray(column, db.select({ id: rankingEntries.proposalId }).from(rankingEntries).where(eq(rankingEntries.rankingId, scope.rankingId)))
      : eq(column, scope.proposalId);
  // A re-scoring submitted after the ranking shown was published did not count in it.
  const asOf = 'asOf' in scope ? lte(reviewAssignments.submittedAt, scope.asOf) : undefined;

  const reviews = await db
    .select({
      proposalId: reviewAssignments.proposalId,
      criterion: reviewScores.criterion,
      text: reviewScores.comment,
      rescoring: sql<boolean>`${reviewAssignments.observationId} is not null`,
    })
    .from(reviewScores)
    .innerJoin(reviewAssignments, eq(reviewAssignments.id, reviewScores.assignmentId))
    .where(and(proposalFilter(reviewAssignments.proposalId), eq(reviewAssignments.status, 'submitted'), asOf))
    .orderBy(asc(reviewAssignments.submittedAt), asc(reviewAssignments.id));
  const consensus = await db
    .select({ proposalId: consensusScores.proposalId, criterion: consensusScores.criterion, reason: consensusScores.reason })
    .from(consensusScores)
    .where(and(proposalFilter(consensusScores.proposalId), ne(sql`btrim(${consensusScores.reason})`, '')));

  const out: CommentsByProposal = new Map();
  const add = (proposalId: string, criterion: string, comment: FeedbackComment) => {
    const byCriterion = out.get(proposalId) ?? new Map<string, FeedbackComment[]>();
    byCriterion.set(criterion, [...(byCriterion.get(criterion) ?? []), comment]);
    out.set(proposalId, byCriterion);
  };
  for (const c of consensus) add(c.proposalId, c.criterion, { text: c.reason.trim(), consensus: true });
  for (const r of counting(reviews)) if (r.text.trim()) add(r.proposalId, r.criterion, { text: r.text.trim(), consensus: false });
  return out;
}

function counting(reviews: ReviewComment[]): ReviewComment[] {
  const rescored = new Set(reviews.filter((r) => r.rescoring).map((r) => r.proposalId));
  return reviews.filter((r) => r.rescoring === rescored.has(r.proposalId));
}
