import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { calls, proposals, rankingEntries, rankings } from '../../../db/schema/index.ts';
import type { Queryable } from '../../lib/server/db/index.ts';
import type { RequestContext } from '../context.ts';
import { authorize } from '../policy.ts';
import { transitions } from '../proposals/workflow.ts';

export type IncubationCandidate = {
  callId: string;
  titleIt: string;
  titleEn: string;
  rankingId: string;
  publishedAt: Date;
  /** Funded proposals in the latest final ranking. */
  funded: number;
  /** Of those, already start-ups. */
  incubated: number;
  /** Still `funded` (the `incubate` transition's start) without a start-up: what the staff action would create. */
  pending: number;
};

/**
 * Calls with a final ranking and how far their funded proposals have become start-ups: the
 * choices of the staff action. One query; the latest final ranking of each call counts.
 */
export async function incubationCandidates(db: Queryable, ctx: RequestContext): Promise<IncubationCandidate[]> {
  authorize(ctx.actor, 'startup.create');
  const latest = db.$with('latest_final').as(
    db
      .selectDistinctOn([rankings.callId], { id: rankings.id, callId: rankings.callId, publishedAt: rankings.publishedAt })
      .from(rankings)
      .where(eq(rankings.kind, 'final'))
      .orderBy(rankings.callId, desc(rankings.publishedAt)),
  );
  const hasStartup = sql`exists (select 1 from startups s where s.proposal_id = ${proposals.id})`;
  const rows = await db
    .with(latest)
    .select({
      callId: calls.id,
      titleIt: calls.titleIt,
      titleEn: calls.titleEn,
      rankingId: latest.id,
      publishedAt: latest.publishedAt,
      funded: sql<number>`count(*)::int`,
      incubated: sql<number>`(count(*) filter (where ${hasStartup}))::int`,
      pending: sql<number>`(count(*) filter (where ${inArray(proposals.status, [...transitions.incubate])} and not ${hasStartup}))::int`,
    })
    .from(latest)
    .innerJoin(calls, eq(calls.id, latest.callId))
    .innerJoin(rankingEntries, and(eq(rankingEntries.rankingId, latest.id), eq(rankingEntries.outcome, 'funded')))
    .innerJoin(proposals, eq(proposals.id, rankingEntries.proposalId))
    .groupBy(calls.id, latest.id, latest.publishedAt)
    .orderBy(desc(latest.publishedAt));
  return rows.map((r) => ({ ...r, funded: Number(r.funded), incubated: Number(r.incubated), pending: Number(r.pending) }));
}
