import { and, desc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import { commissionMembers, observations, rankingEntries, rankings, reviewAssignments, userRoles, users } from '../../../db/schema/index.ts';
import type { Queryable } from '../../lib/server/db/index.ts';
import { invalid } from '../errors.ts';

export type ObservationRow = typeof observations.$inferSelect;
export type RankingRow = typeof rankings.$inferSelect;

/** The observation window a proposal may file in: its call's latest ranking, if provisional and placing it. */
export type ObservationWindow = { ranking: RankingRow; closesAt: Date };

/**
 * The latest published ranking of the call decides: once a final ranking is out, or a newer
 * provisional one replaced the old, the old window is gone. A proposal absent from the ranking
 * (inadmissible, withdrawn) has no window: its decisions are appealed elsewhere.
 */
export async function observationWindow(db: Queryable, callId: string, proposalId: string): Promise<ObservationWindow | null> {
  const [ranking] = await db.select().from(rankings).where(eq(rankings.callId, callId)).orderBy(desc(rankings.publishedAt)).limit(1);
  if (!ranking || ranking.kind !== 'provisional' || !ranking.observationsCloseAt) return null;
  const [entry] = await db
    .select({ id: rankingEntries.proposalId })
    .from(rankingEntries)
    .where(and(eq(rankingEntries.rankingId, ranking.id), eq(rankingEntries.proposalId, proposalId)))
    .limit(1);
  return entry ? { ranking, closesAt: ranking.observationsCloseAt } : null;
}

/** The proposal's observation on a ranking (one per proposal and ranking), else its latest one. */
export async function observationOf(db: Queryable, proposalId: string, rankingId?: string): Promise<ObservationRow | null> {
  const where = rankingId ? and(eq(observations.proposalId, proposalId), eq(observations.rankingId, rankingId)) : eq(observations.proposalId, proposalId);
  const [row] = await db.select().from(observations).where(where).orderBy(desc(observations.filedAt)).limit(1);
  return row ?? null;
}

/**
 * The window is the server's: judged by the database clock as the transaction's last statement,
 * like the call's deadline (README decision 10). A late observation rolls back entirely.
 */
export async function requireWindowOpenInDatabase(tx: Queryable, rankingId: string): Promise<void> {
  const [row] = await tx
    .select({ open: sql<boolean>`clock_timestamp() < ${rankings.observationsCloseAt}`, closesAt: rankings.observationsCloseAt })
    .from(rankings)
    .where(eq(rankings.id, rankingId));
  if (!row?.open) throw invalid('observation_window_closed', { closedAt: row?.closesAt ?? null });
}

export type Candidate = { id: string; name: string };

/**
 * Who may re-score a proposal after an upheld observation: commission members of its call who
 * score (not the secretary), still hold the evaluator role and an active account, and never had
 * an assignment on it — neither those who scored it nor those who declared a conflict on it.
 */
export async function rescoreCandidates(db: Queryable, callId: string, proposalIds: readonly string[]): Promise<Map<string, Candidate[]>> {
  const out = new Map<string, Candidate[]>(proposalIds.map((id) => [id, []]));
  if (proposalIds.length === 0) return out;
  const members = await db
    .select({ id: users.id, name: users.name })
    .from(commissionMembers)
    .innerJoin(users, eq(users.id, commissionMembers.userId))
    .innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, 'evaluator')))
    .where(and(eq(commissionMembers.callId, callId), ne(commissionMembers.role, 'secretary'), isNull(users.disabledAt)))
    .orderBy(users.name);
  const taken = await db
    .select({ proposalId: reviewAssignments.proposalId, evaluatorId: reviewAssignments.evaluatorId })
    .from(reviewAssignments)
    .where(inArray(reviewAssignments.proposalId, [...proposalIds]));
  for (const id of proposalIds) {
    const busy = new Set(taken.filter((a) => a.proposalId === id).map((a) => a.evaluatorId));
    out.set(
      id,
      members.filter((m) => !busy.has(m.id)),
    );
  }
  return out;
}
