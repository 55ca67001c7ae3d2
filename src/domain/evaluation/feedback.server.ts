import { asc, eq } from 'drizzle-orm';
import { calls, proposals, rankingEntries, rankings, users } from '../../../db/schema/index.ts';
import type { Queryable } from '../../lib/server/db/index.ts';
import { formatDateTime } from '../../lib/format.ts';
import { translator, type Locale } from '../../lib/i18n/index.ts';
import type { RequestContext } from '../context.ts';
import { conflict, notFound } from '../errors.ts';
import { enqueueEmails, type EmailRequest } from '../mail/enqueue-email.server.ts';
import { authorize } from '../policy.ts';
import { criteriaBlock, criteriaFeedback, formatPoints, maxTotal } from './feedback-letter.ts';
import { commentsFor } from './feedback.repo.server.ts';

type CallRow = typeof calls.$inferSelect;
type Letter = Awaited<ReturnType<typeof rankedProposals>>[number];

/**
 * Queues one feedback letter per proposal of a provisional ranking, to its proposer, in their
 * language: per criterion the consolidated points and the commission's comments (never who wrote
 * them), the total, the outcome, the position and how to file an observation before the window
 * closes. Call it inside the transaction that publishes the ranking, so that letters go out only
 * if the ranking is published. A final ranking has no observation window and gets no letter here.
 * Returns how many letters were queued.
 */
export async function sendFeedbackLetters(tx: Queryable, ctx: RequestContext, rankingId: string): Promise<{ queued: number }> {
  authorize(ctx.actor, 'evaluation.manage');
  const [ranking] = await tx.select().from(rankings).where(eq(rankings.id, rankingId)).limit(1);
  if (!ranking) throw notFound('ranking_not_found');
  const closesAt = ranking.observationsCloseAt;
  if (ranking.kind !== 'provisional' || !closesAt) throw conflict('ranking_not_provisional');
  const [call] = await tx.select().from(calls).where(eq(calls.id, ranking.callId)).limit(1);
  if (!call) throw notFound('call_not_found');

  const letters = await rankedProposals(tx, rankingId);
  const comments = await commentsFor(tx, { rankingId });
  const requests: EmailRequest[] = letters.map((letter) => ({
    to: letter.email,
    userId: letter.userId,
    locale: letter.locale,
    template: 'feedbackLetter',
    params: letterParams(ctx, call, letter, letters.length, comments.get(letter.proposalId) ?? new Map(), closesAt),
  }));
  await enqueueEmails(tx, requests);
  return { queued: requests.length };
}

async function rankedProposals(tx: Queryable, rankingId: string) {
  return tx
    .select({
      proposalId: proposals.id,
      title: proposals.title,
      protocol: proposals.protocolNumber,
      position: rankingEntries.position,
      total: rankingEntries.scoreCentipoints,
      criteria: rankingEntries.criteria,
      failedThresholds: rankingEntries.failedThresholds,
      outcome: rankingEntries.outcome,
      userId: users.id,
      email: users.email,
      name: users.name,
      locale: users.locale,
    })
    .from(rankingEntries)
    .innerJoin(proposals, eq(proposals.id, rankingEntries.proposalId))
    .innerJoin(users, eq(users.id, proposals.proposerId))
    .where(eq(rankingEntries.rankingId, rankingId))
    .orderBy(asc(rankingEntries.position));
}

function letterParams(ctx: RequestContext, call: CallRow, letter: Letter, count: number, comments: Parameters<typeof criteriaFeedback>[2], closesAt: Date) {
  const locale: Locale = letter.locale;
  const t = translator(locale);
  const items = criteriaFeedback(call.rubric, letter, comments, locale);
  return {
    name: letter.name,
    link: `${ctx.origin}/${locale}/me/proposals/${letter.proposalId}/feedback`,
    call: locale === 'it' ? call.titleIt : call.titleEn || call.titleIt,
    protocol: letter.protocol ?? '',
    title: letter.title,
    outcome: t(`observations.outcome.${letter.outcome}`),
    position: t('observations.letter.position', { position: letter.position, count }),
    total: t('observations.letter.total', { points: formatPoints(letter.total, locale), max: maxTotal(call.rubric) }),
    criteria: criteriaBlock(items, t),
    closes: formatDateTime(closesAt, locale),
  };
}
