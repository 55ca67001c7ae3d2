import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { proposals, rankingEntries } from '../../../db/schema/index.ts';
import type { Db, Queryable } from '../../lib/server/db/index.ts';
import { formatMoney } from '../../lib/format.ts';
import { changeStatus, proposerContact, proposerLinks, type ProposalRow } from '../admissibility/admissibility.repo.server.ts';
import { recordAudit } from '../audit/record-audit.server.ts';
import type { RequestContext } from '../context.ts';
import { conflict, invalid } from '../errors.ts';
import { enqueueEmail } from '../mail/enqueue-email.server.ts';
import { authorize } from '../policy.ts';
import { canTransition } from '../proposals/workflow.ts';
import { MAX_CENTS } from '../../lib/money.ts';
import { readMethod, type FrozenMethod } from './ranking-method.ts';
import { SLIDE_REASON_MAX } from './ranking.schema.ts';
import { insertRanking, latestRanking, type RankingRow } from './ranking-repo.server.ts';
import { grantOf, slideLine, type LineEntry } from './ranking-rules.ts';
import { lockEvaluationCall, type CallRow } from './settings.server.ts';

export type SlideResult = { rankingId: string; moved: { proposalId: string; protocolNumber: string | null; grantCents: number }[]; residualCents: number };

/**
 * Scorrimento della graduatoria: money frees up (a renunciation, savings, new funds), the final
 * ranking's budget grows by it and the waiting list moves above the line in ranking order while
 * the next proposal fits (ranking-rules.ts `slideLine`). The result is a new final ranking (the
 * previous stays as it was published), each moved proposal becomes funded, is audited and its
 * proposer is told by email. Money that does not reach the next proposal stays in the budget for
 * the next release.
 */
export async function slideRanking(db: Db, ctx: RequestContext, callId: string, freedCents: number, reason: string): Promise<SlideResult> {
  authorize(ctx.actor, 'evaluation.manage');
  if (!Number.isSafeInteger(freedCents) || freedCents <= 0 || freedCents > MAX_CENTS) throw invalid('slide_amount_invalid', { field: 'amount' });
  const why = reason.trim();
  if (!why || why.length > SLIDE_REASON_MAX) throw invalid('slide_reason_required', { field: 'reason' });
  return db.transaction(async (tx) => {
    const call = await lockEvaluationCall(tx, callId);
    if (call.phase !== 'ranking_final') throw conflict('ranking_wrong_phase', { phase: call.phase });
    const current = await latestRanking(tx, call.id, 'final');
    const method = current ? readMethod(current.method) : null;
    if (!current || !method) throw conflict('no_final_ranking');
    const line = await lineOf(tx, current.id, method);
    const waiting = new Set(line.filter((e) => e.outcome === 'eligible_not_funded' && e.status === 'eligible_not_funded').map((e) => e.proposalId));
    if (waiting.size === 0) throw conflict('nothing_to_slide');
    const budgetCents = current.budgetCents + freedCents;
    const { moved, residualCents } = slideLine(line, budgetCents, waiting);

    const now = ctx.now();
    const next = await insertRanking(tx, {
      callId: call.id,
      kind: 'final',
      method: { ...method, slide: { fromRankingId: current.id, freedCents, reason: why } },
      budgetCents,
      publishedAt: new Date(Math.max(now.getTime(), current.publishedAt.getTime() + 1)),
      publishedBy: ctx.actor?.userId ?? null,
      observationsCloseAt: null,
    });
    await copyEntries(tx, current.id, next.id, moved);
    const out = [];
    for (const entry of moved) out.push(await moveUp(tx, ctx, call, next, entry, { freedCents, reason: why }));
    await recordAudit(tx, ctx, {
      action: 'ranking.slid',
      entityType: 'ranking',
      entityId: next.id,
      summary: { callId: call.id, fromRankingId: current.id, freedCents, reason: why, budgetCents, residualCents, moved: out.map((m) => m.protocolNumber) },
    });
    return { rankingId: next.id, moved: out, residualCents };
  });
}

type Line = LineEntry & { status: ProposalRow['status'] };

/** The funded and waiting entries of a ranking, with each proposal's grant and current status. */
async function lineOf(tx: Queryable, rankingId: string, method: FrozenMethod): Promise<Line[]> {
  const rows = await tx
    .select({
      proposalId: rankingEntries.proposalId,
      position: rankingEntries.position,
      outcome: rankingEntries.outcome,
      grantCents: rankingEntries.grantCents,
      requestedCents: proposals.requestedCents,
      status: proposals.status,
    })
    .from(rankingEntries)
    .innerJoin(proposals, eq(proposals.id, rankingEntries.proposalId))
    .where(and(eq(rankingEntries.rankingId, rankingId), inArray(rankingEntries.outcome, ['funded', 'eligible_not_funded'])))
    .orderBy(asc(rankingEntries.position));
  return rows.map((r) => ({ ...r, requestedGrantCents: grantOf(r.requestedCents, method.maxGrantCents) }));
}

/** The new ranking's entries: the previous ones, with the moved proposals funded. */
async function copyEntries(tx: Queryable, fromId: string, toId: string, moved: readonly LineEntry[]): Promise<void> {
  const grants = JSON.stringify(Object.fromEntries(moved.map((m) => [m.proposalId, m.requestedGrantCents])));
  await tx.execute(sql`
    insert into ranking_entries (ranking_id, proposal_id, position, score_centipoints, criteria, outcome, grant_cents, failed_thresholds)
    select ${toId}::uuid, e.proposal_id, e.position, e.score_centipoints, e.criteria,
      case when (${grants}::jsonb ->> e.proposal_id::text) is not null then 'funded'::ranking_outcome else e.outcome end,
      coalesce((${grants}::jsonb ->> e.proposal_id::text)::bigint, e.grant_cents),
      e.failed_thresholds
    from ranking_entries e where e.ranking_id = ${fromId}::uuid`);
}

async function moveUp(tx: Queryable, ctx: RequestContext, call: CallRow, ranking: RankingRow, entry: LineEntry, why: { freedCents: number; reason: string }) {
  const [proposal] = await tx.select().from(proposals).where(eq(proposals.id, entry.proposalId)).for('update');
  if (!proposal || !canTransition(proposal.status, 'rank')) throw conflict('ranking_changed');
  await changeStatus(tx, { proposal, to: 'funded', at: ranking.publishedAt, actorId: ctx.actor?.userId ?? null, note: null });
  await recordAudit(tx, ctx, {
    action: 'ranking.slid',
    entityType: 'proposal',
    entityId: proposal.id,
    summary: { rankingId: ranking.id, position: entry.position, grantCents: entry.requestedGrantCents, ...why },
  });
  const contact = await proposerContact(tx, proposal.proposerId);
  await enqueueEmail(tx, {
    to: contact.email,
    userId: proposal.proposerId,
    locale: contact.locale,
    template: 'rankingSlid',
    params: {
      name: contact.name,
      link: proposerLinks.proposal(ctx.origin, contact.locale, proposal.id),
      protocol: proposal.protocolNumber ?? '',
      title: proposal.title,
      call: contact.locale === 'en' && call.titleEn ? call.titleEn : call.titleIt,
      grant: formatMoney(entry.requestedGrantCents, contact.locale),
    },
  });
  return { proposalId: proposal.id, protocolNumber: proposal.protocolNumber, grantCents: entry.requestedGrantCents };
}
