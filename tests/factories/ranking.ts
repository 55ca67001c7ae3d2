import { sql } from 'drizzle-orm';
import { consensusScores, reviewAssignments, reviewScores } from '../../db/schema/index.ts';
import type { Queryable } from '../../src/lib/server/db/index.ts';
import { createProposal, type ProposalOptions, type ProposalRow } from './proposals.ts';

/** Scored proposals for ranking tests, the demo seed and the benchmark. */

export type ScoredOptions = Partial<ProposalOptions> & {
  callId: string;
  proposerId: string;
  seq: number;
  /** Per evaluator, the points in rubric order (keys from `criteria`). */
  sheets: Record<string, number[]>;
  criteria: readonly string[];
  /** Evaluators whose sheets re-score the proposal after an observation. */
  rescoredBy?: readonly string[];
  observationId?: string | null;
};

/** A protocolled proposal in `scored` with one submitted assignment and sheet per evaluator. */
export async function createScoredProposal(db: Queryable, o: ScoredOptions): Promise<ProposalRow> {
  const { sheets, criteria, rescoredBy = [], observationId = null, seq, ...rest } = o;
  const at = o.firstSubmittedAt ?? new Date(Date.UTC(2026, 0, 10, 9, 0, seq));
  const proposal = await createProposal(db, {
    status: 'scored',
    protocolSeq: seq,
    protocolNumber: `IDEA-2026-${String(seq).padStart(6, '0')}`,
    submittedAt: at,
    firstSubmittedAt: at,
    declarationsAcceptedAt: at,
    ...rest,
  });
  for (const [evaluatorId, points] of Object.entries(sheets)) {
    const rescoring = rescoredBy.includes(evaluatorId);
    const [assignment] = await db
      .insert(reviewAssignments)
      .values({ proposalId: proposal.id, evaluatorId, status: 'submitted', noConflictDeclaredAt: at, submittedAt: at, observationId: rescoring ? (observationId ?? crypto.randomUUID()) : null })
      .returning({ id: reviewAssignments.id });
    await db.insert(reviewScores).values(criteria.map((criterion, i) => ({ assignmentId: assignment!.id, criterion, points: points[i]!, comment: '' })));
  }
  return proposal;
}

export async function createConsensus(db: Queryable, proposalId: string, criteria: readonly string[], points: readonly number[], enteredBy: string | null = null) {
  await db.insert(consensusScores).values(criteria.map((criterion, i) => ({ proposalId, criterion, points: points[i]!, reason: 'Valutazione collegiale della commissione.', enteredBy })));
}

/** A small deterministic PRNG (mulberry32): the same seed gives the same "random" data everywhere. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Bulk data in a few set-based statements, for scale: `n` scored proposals of one call, each with
 * `perProposal` submitted assignments among `evaluatorIds` (round robin) and a score on every
 * criterion. Points are drawn by the database from a seeded generator around each evaluator's own
 * leniency, so normalisation has something to correct.
 */
export async function bulkScoredProposals(
  db: Queryable,
  o: { callId: string; proposerIds: readonly string[]; evaluatorIds: readonly string[]; n: number; perProposal: number; criteria: readonly { key: string; maxPoints: number }[]; seed?: number },
): Promise<void> {
  await db.execute(sql`select setseed(${o.seed ?? 0.42})`);
  await db.execute(sql`
    insert into proposals (call_id, proposer_id, status, applicant_type, organisation_name, title, protocol_seq, protocol_number, submitted_at, first_submitted_at, requested_cents)
    select ${o.callId}::uuid, (${sql.raw(arrayLiteral(o.proposerIds))}::uuid[])[1 + g % ${o.proposerIds.length}],
      'scored', (case when g % 3 = 0 then 'association' else 'informal_group' end)::applicant_type,
      case when g % 3 = 0 then 'Associazione n. ' || g end, 'Idea numero ' || g, g, 'IDEA-2026-' || lpad(g::text, 6, '0'),
      timestamptz '2026-01-10 09:00:00+01' + g * interval '1 second', timestamptz '2026-01-10 09:00:00+01' + g * interval '1 second',
      (500000 + floor(random() * 2500000))::bigint
    from generate_series(1, ${o.n}) g`);
  await db.execute(sql`
    insert into review_assignments (proposal_id, evaluator_id, status, no_conflict_declared_at, submitted_at)
    select p.id, (${sql.raw(arrayLiteral(o.evaluatorIds))}::uuid[])[1 + (p.protocol_seq + k) % ${o.evaluatorIds.length}], 'submitted', now(), now()
    from proposals p cross join generate_series(0, ${o.perProposal - 1}) k
    where p.call_id = ${o.callId}::uuid and p.protocol_seq is not null`);
  const criteria = JSON.stringify(o.criteria.map((c) => ({ key: c.key, max_points: c.maxPoints })));
  await db.execute(sql`
    insert into review_scores (assignment_id, criterion, points)
    select a.id, c.key,
      least(c.max_points, greatest(0, round(c.max_points * (0.35 + 0.4 * random() + 0.2 * ((('x' || substr(a.evaluator_id::text, 1, 2))::bit(8)::int % 5) / 4.0 - 0.5)))))::int
    from review_assignments a join proposals p on p.id = a.proposal_id
    cross join jsonb_to_recordset(${criteria}::jsonb) as c(key text, max_points int)
    where p.call_id = ${o.callId}::uuid`);
}

function arrayLiteral(ids: readonly string[]): string {
  return `'{${ids.map((id) => id.replace(/[^0-9a-f-]/gi, '')).join(',')}}'`;
}
