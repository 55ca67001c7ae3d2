import { count, desc, eq } from 'drizzle-orm';
import { calls, files, rankingEntries, rankings } from '../../../db/schema/index.ts';
import type { Queryable } from '../../lib/server/db/index.ts';
import { localized } from '../calls/localized.ts';
import type { RequestContext } from '../context.ts';
import { notFound } from '../errors.ts';
import { authorize, can } from '../policy.ts';
import { loadProposalFacts } from '../proposals/facts.server.ts';
import { criteriaFeedback, maxTotal, type CriterionFeedback } from './feedback-letter.ts';
import { commentsFor } from './feedback.repo.server.ts';
import { observationOf, observationWindow, type ObservationRow } from './observations.repo.server.ts';

export type RankedFeedback = {
  kind: 'provisional' | 'final';
  publishedAt: Date;
  position: number;
  count: number;
  outcome: 'funded' | 'eligible_not_funded' | 'below_threshold';
  grantCents: number;
  centipoints: number;
  maxPoints: number;
  threshold: number;
  criteria: CriterionFeedback[];
};
export type ObservationView = ObservationRow & { file: { id: string; name: string; sizeBytes: number } | null };

/**
 * What the proposer reads on their proposal's feedback and observation pages: the latest
 * published ranking that places the proposal, with the scores and comments per criterion (the
 * same content as the letter), the observation window if one is open to them, and their
 * observation with its answer. Only the proposer: evaluators and staff have their own pages.
 */
export async function getProposerFeedback(db: Queryable, ctx: RequestContext, proposalId: string) {
  const loaded = await loadProposalFacts(db, proposalId);
  // Someone who may not even see the proposal is told it does not exist.
  if (!loaded || !can(ctx.actor, 'proposal.view', loaded.facts).ok) throw notFound('proposal_not_found');
  authorize(ctx.actor, 'proposal.respond', loaded.facts);
  const { proposal } = loaded;
  const [call] = await db.select().from(calls).where(eq(calls.id, proposal.callId)).limit(1);
  if (!call) throw notFound('call_not_found');

  const ranked = await latestPlacement(db, ctx, proposal.id, call.rubric);
  const window = await observationWindow(db, call.id, proposal.id);
  const observation = await observationOf(db, proposal.id, window?.ranking.id);
  return {
    proposal,
    call: { id: call.id, slug: call.slug, title: localized(call.titleIt, call.titleEn, ctx.locale) },
    ranked,
    window: window ? { closesAt: window.closesAt, open: ctx.now() < window.closesAt } : null,
    observation: observation ? await withFile(db, observation) : null,
  };
}
export type ProposerFeedback = Awaited<ReturnType<typeof getProposerFeedback>>;

async function latestPlacement(db: Queryable, ctx: RequestContext, proposalId: string, rubric: typeof calls.$inferSelect.rubric): Promise<RankedFeedback | null> {
  const [row] = await db
    .select({ entry: rankingEntries, kind: rankings.kind, publishedAt: rankings.publishedAt })
    .from(rankingEntries)
    .innerJoin(rankings, eq(rankings.id, rankingEntries.rankingId))
    .where(eq(rankingEntries.proposalId, proposalId))
    .orderBy(desc(rankings.publishedAt))
    .limit(1);
  if (!row) return null;
  const [size] = await db.select({ n: count() }).from(rankingEntries).where(eq(rankingEntries.rankingId, row.entry.rankingId));
  const comments = (await commentsFor(db, { proposalId, asOf: row.publishedAt })).get(proposalId) ?? new Map();
  return {
    kind: row.kind,
    publishedAt: row.publishedAt,
    position: row.entry.position,
    count: size?.n ?? 0,
    outcome: row.entry.outcome,
    grantCents: row.entry.grantCents,
    centipoints: row.entry.scoreCentipoints,
    maxPoints: maxTotal(rubric),
    threshold: rubric.threshold,
    criteria: criteriaFeedback(rubric, row.entry, comments, ctx.locale),
  };
}

async function withFile(db: Queryable, observation: ObservationRow): Promise<ObservationView> {
  if (!observation.fileId) return { ...observation, file: null };
  const [file] = await db.select({ id: files.id, name: files.originalName, sizeBytes: files.sizeBytes }).from(files).where(eq(files.id, observation.fileId));
  return { ...observation, file: file ?? null };
}
