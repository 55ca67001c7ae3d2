import { and, asc, count, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { observations, proposals, rankingEntries, rankings, reviewAssignments, users } from '../../../db/schema/index.ts';
import type { Queryable } from '../../lib/server/db/index.ts';
import { transitions } from '../proposals/workflow.ts';
import type { FrozenMethod } from './ranking-method.ts';
import type { Outcome, RankedEntry } from './ranking-rules.ts';

/** Queries of published rankings; the ranking itself is computed by ranking-sql.server.ts. */

export type RankingRow = typeof rankings.$inferSelect;
export type OutcomeCounts = Record<Outcome, number>;

/** Proposals that still wait for admissibility or scores: a ranking would leave them out. */
export const unscoredStatuses = ['submitted', 'integration_requested', 'admissible', 'in_review'] as const;

/** The call's latest published ranking (of one kind, or either); later publication wins. */
export async function latestRanking(db: Queryable, callId: string, kind?: RankingRow['kind']): Promise<RankingRow | null> {
  const where = kind ? and(eq(rankings.callId, callId), eq(rankings.kind, kind)) : eq(rankings.callId, callId);
  const [row] = await db.select().from(rankings).where(where).orderBy(desc(rankings.publishedAt)).limit(1);
  return row ?? null;
}

/** Every published ranking of the call, newest first (the history: provisional, final, scorrimenti). */
export function rankingHistory(db: Queryable, callId: string): Promise<RankingRow[]> {
  return db.select().from(rankings).where(eq(rankings.callId, callId)).orderBy(desc(rankings.publishedAt));
}

export async function countUnscored(db: Queryable, callId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(proposals)
    .where(and(eq(proposals.callId, callId), inArray(proposals.status, [...unscoredStatuses]), isNotNull(proposals.protocolSeq)));
  return row?.n ?? 0;
}

export async function countUnanswered(db: Queryable, rankingId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(observations)
    .where(and(eq(observations.rankingId, rankingId), eq(observations.status, 'filed')));
  return row?.n ?? 0;
}

/** Re-scorings after upheld observations not yet submitted. */
export async function countPendingRescoring(db: Queryable, callId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(reviewAssignments)
    .innerJoin(proposals, eq(proposals.id, reviewAssignments.proposalId))
    .where(and(eq(proposals.callId, callId), isNotNull(reviewAssignments.observationId), inArray(reviewAssignments.status, ['assigned', 'in_progress'])));
  return row?.n ?? 0;
}

export async function insertRanking(
  tx: Queryable,
  values: { callId: string; kind: RankingRow['kind']; method: FrozenMethod; budgetCents: number; publishedAt: Date; publishedBy: string | null; observationsCloseAt: Date | null },
): Promise<RankingRow> {
  const [row] = await tx
    .insert(rankings)
    .values({ ...values, method: values.method as unknown as Record<string, unknown> })
    .returning();
  return row!;
}

const CHUNK = 1000;

/** Freezes the entries, a thousand rows per statement (well under the 65,535 parameters of a query). */
export async function insertEntries(tx: Queryable, rankingId: string, rows: readonly RankedEntry[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await tx.insert(rankingEntries).values(
      rows.slice(i, i + CHUNK).map((r) => ({
        rankingId,
        proposalId: r.proposalId,
        position: r.position,
        scoreCentipoints: r.scoreCentipoints,
        criteria: r.criteria,
        outcome: r.outcome,
        grantCents: r.grantCents,
        failedThresholds: r.failedThresholds,
      })),
    );
  }
}

const rankable = sql.join(
  transitions.rank.map((s) => sql`${s}`),
  sql`, `,
);

/**
 * Sets each ranked proposal's status to its outcome (the `rank` transition) and writes a timeline
 * event for each one that changed, in one statement: `o` is the row as it was before the update.
 */
export async function applyOutcomes(tx: Queryable, rankingId: string, at: Date, actorId: string | null): Promise<void> {
  // postgres.js takes no Date as a raw parameter: ISO text, cast.
  const when = sql`${at.toISOString()}::timestamptz`;
  await tx.execute(sql`
    with moved as (
      update proposals p set status = e.outcome::text::proposal_status, updated_at = ${when}
      from ranking_entries e join proposals o on o.id = e.proposal_id
      where e.ranking_id = ${rankingId}::uuid and p.id = e.proposal_id
        and o.status in (${rankable}) and o.status::text <> e.outcome::text
      returning p.id, o.status as from_status, p.status as to_status
    )
    insert into proposal_events (proposal_id, from_status, to_status, at, actor_id)
    select id, from_status, to_status, ${when}, ${actorId}::uuid from moved`);
}

export async function outcomeCounts(db: Queryable, rankingId: string): Promise<OutcomeCounts> {
  const rows = await db
    .select({ outcome: rankingEntries.outcome, n: count() })
    .from(rankingEntries)
    .where(eq(rankingEntries.rankingId, rankingId))
    .groupBy(rankingEntries.outcome);
  const counts: OutcomeCounts = { funded: 0, eligible_not_funded: 0, below_threshold: 0 };
  for (const r of rows) counts[r.outcome] = r.n;
  return counts;
}

export async function fundedTotal(db: Queryable, rankingId: string): Promise<number> {
  const [row] = await db
    .select({ total: sql<string>`coalesce(sum(${rankingEntries.grantCents}), 0)` })
    .from(rankingEntries)
    .where(and(eq(rankingEntries.rankingId, rankingId), eq(rankingEntries.outcome, 'funded')));
  return Number(row?.total ?? 0);
}

/** One page of a published ranking, with what may be shown of each proposal (and what decides whether its name may: public-name.ts). */
export function entriesPage(db: Queryable, rankingId: string, limit: number, offset: number) {
  return db
    .select({
      proposalId: rankingEntries.proposalId,
      position: rankingEntries.position,
      scoreCentipoints: rankingEntries.scoreCentipoints,
      criteria: rankingEntries.criteria,
      outcome: rankingEntries.outcome,
      grantCents: rankingEntries.grantCents,
      failedThresholds: rankingEntries.failedThresholds,
      protocolNumber: proposals.protocolNumber,
      title: proposals.title,
      applicantType: proposals.applicantType,
      organisationName: proposals.organisationName,
      publicNameConsent: proposals.publicNameConsent,
      proposerName: users.name,
      firstSubmittedAt: proposals.firstSubmittedAt,
      requestedCents: proposals.requestedCents,
      status: proposals.status,
    })
    .from(rankingEntries)
    .innerJoin(proposals, eq(proposals.id, rankingEntries.proposalId))
    .innerJoin(users, eq(users.id, proposals.proposerId))
    .where(eq(rankingEntries.rankingId, rankingId))
    .orderBy(asc(rankingEntries.position))
    .limit(limit)
    .offset(offset);
}
export type EntryRow = Awaited<ReturnType<typeof entriesPage>>[number];
