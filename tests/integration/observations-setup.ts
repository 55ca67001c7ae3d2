import { sql } from 'drizzle-orm';
import { commissionMembers, rankingEntries, rankings, reviewAssignments, reviewScores } from '../../db/schema/index.ts';
import type { Db } from '../../src/lib/server/db/index.ts';
import { createCall, createProposal, createUser, type TestUser } from '../factories/index.ts';
import { testContext } from '../support/context.ts';

/**
 * Shared set-up of the observation tests (not a test file). Rankings and scores are written
 * directly, as the ranking and scoring use cases would leave them.
 */
export const protocol = (seq: number) => `IDEA-2026-${String(seq).padStart(6, '0')}`;

type Entry = { proposalId: string; position: number; total: number; criteria: Record<string, number>; outcome: 'funded' | 'eligible_not_funded' | 'below_threshold'; failed?: string[] };

/** The database's own clock, plus `ms`: windows are judged by it, not by the test's clock. */
export async function dbNowPlus(db: Db, ms: number): Promise<Date> {
  const result = await db.execute(sql`select clock_timestamp() as now`);
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { now: Date | string }[];
  return new Date(new Date(rows[0]!.now).getTime() + ms);
}

export async function publishRanking(db: Db, callId: string, kind: 'provisional' | 'final', closesAt: Date | null, entries: Entry[], publishedAt = new Date()) {
  const [ranking] = await db
    .insert(rankings)
    .values({ callId, kind, method: { consolidation: 'mean' }, budgetCents: 30_000_000, observationsCloseAt: closesAt, publishedAt })
    .returning();
  if (entries.length) {
    await db.insert(rankingEntries).values(
      entries.map((e) => ({ rankingId: ranking!.id, proposalId: e.proposalId, position: e.position, scoreCentipoints: e.total, criteria: e.criteria, outcome: e.outcome, failedThresholds: e.failed ?? [] })),
    );
  }
  return ranking!;
}

/** A submitted (or draft) scoring with a comment per criterion. */
export async function scored(db: Db, proposalId: string, evaluator: TestUser, scores: Record<string, [number, string]>, status: 'submitted' | 'in_progress' = 'submitted') {
  const [assignment] = await db
    .insert(reviewAssignments)
    .values({ proposalId, evaluatorId: evaluator.id, status, noConflictDeclaredAt: new Date(), submittedAt: status === 'submitted' ? new Date() : null })
    .returning();
  await db.insert(reviewScores).values(Object.entries(scores).map(([criterion, [points, comment]]) => ({ assignmentId: assignment!.id, criterion, points, comment })));
  return assignment!;
}

/**
 * A call in provisional ranking with two ranked proposals (Italian and English proposers), three
 * evaluators who scored or declared a conflict, a fresh commission member and a secretary.
 */
export async function rankedCall(db: Db, closesAt: Date) {
  const staff = await createUser(db, 'staff');
  const proposer = await createUser(db, 'resident', { name: 'Agata Russo' });
  const english = await createUser(db, 'resident', 'english', { name: 'Mary Jones' });
  const call = await createCall(db, 'inReview', { phase: 'ranking_provisional' });
  const base = { callId: call.id, submittedAt: new Date(Date.now() - 30 * 86_400_000) };
  const first = await createProposal(db, { ...base, proposerId: proposer.id, status: 'funded', protocolSeq: 1, protocolNumber: protocol(1), title: 'Doposcuola di cortile' });
  const second = await createProposal(db, { ...base, proposerId: english.id, status: 'below_threshold', protocolSeq: 2, protocolNumber: protocol(2), title: 'Bike repair corner' });

  const [rossi, bianchi, verdi, fresh, secretary] = await Promise.all([
    createUser(db, 'evaluator', { name: 'Giuseppe Rossiniano' }),
    createUser(db, 'evaluator', { name: 'Lucia Bianchetti' }),
    createUser(db, 'evaluator', { name: 'Carmelo Verdone' }),
    createUser(db, 'evaluator', { name: 'Nuccia Freschi' }),
    createUser(db, 'evaluator', { name: 'Santo Segretario' }),
  ]);
  await db.insert(commissionMembers).values([
    { callId: call.id, userId: rossi.id, role: 'president' },
    { callId: call.id, userId: bianchi.id },
    { callId: call.id, userId: verdi.id },
    { callId: call.id, userId: fresh.id },
    { callId: call.id, userId: secretary.id, role: 'secretary' },
  ]);
  await scored(db, first.id, rossi, { need: [18, 'Bisogno ben documentato con dati del quartiere.'], feasibility: [20, ''], impact: [20, 'Impatto chiaro sui ragazzi.'], team: [12, 'Squadra esperta.'] });
  await scored(db, first.id, bianchi, { need: [17, 'Manca il confronto con i servizi esistenti.'], feasibility: [22, 'Tempi realistici.'], impact: [18, ''], team: [11, ''] });
  await db.insert(reviewAssignments).values({ proposalId: first.id, evaluatorId: verdi.id, status: 'conflict_declared', conflictKind: 'neighbourhood', conflictReason: 'Abito nel cortile.', conflictDeclaredAt: new Date() });
  await scored(db, second.id, rossi, { need: [10, 'The need is not shown with any evidence.'], feasibility: [15, 'Budget unclear.'], impact: [10, ''], team: [8, ''] });
  await scored(db, second.id, bianchi, { need: [14, 'Bozza non ancora inviata: non deve comparire.'], feasibility: [1, ''], impact: [1, ''], team: [1, ''] }, 'in_progress');

  const ranking = await publishRanking(db, call.id, 'provisional', closesAt, [
    { proposalId: first.id, position: 1, total: 6900, criteria: { need: 1750, feasibility: 2100, impact: 1900, team: 1150 }, outcome: 'funded' },
    { proposalId: second.id, position: 2, total: 4300, criteria: { need: 1000, feasibility: 1500, impact: 1000, team: 800 }, outcome: 'below_threshold', failed: ['need'] },
  ]);
  const ctx = testContext({ actor: staff.actor });
  return { staff, proposer, english, call, first, second, evaluators: { rossi, bianchi, verdi, fresh, secretary }, ranking, ctx };
}
