import postgres from 'postgres';
import type { SpikeDraft } from './spike-seed.ts';

/** One resident's attempt and what the server answered to each of its two requests. */
export type Outcome = { outcome: 'accepted' | 'refused' | 'error'; ms: number; detail?: string };
export type Attempt = SpikeDraft & { late: boolean; save: Outcome | null; submit: Outcome | null; ms: number };
export type Check = { name: string; ok: boolean; detail: string };

type Row = { id: string; status: string; protocol_seq: number | null; protocol_number: string | null; submitted_at: Date | null; submissions: number; receipts: number };

/**
 * What must hold after the spike, read from the database: every answer was a success or a
 * deadline refusal, what was accepted is submitted (none lost) and nothing else is (none doubled
 * or sneaked in), numbers are distinct and gapless, all before the deadline, refused drafts intact.
 */
export async function checkSpike(url: string, callId: string, attempts: Attempt[], closesAt: Date): Promise<Check[]> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const rows = await sql<Row[]>`
      select p.id, p.status, p.protocol_seq, p.protocol_number, p.submitted_at,
        (select count(*)::int from proposal_submissions s where s.proposal_id = p.id) as submissions,
        (select count(*)::int from outbox_messages m join users u on u.email = m.to_address
           where u.id = p.proposer_id and m.template = 'proposalSubmitted') as receipts
      from proposals p where p.call_id = ${callId}`;
    const [call] = await sql<{ last: number }[]>`select last_protocol_seq as last from calls where id = ${callId}`;
    return evaluate(rows, call?.last ?? -1, attempts, closesAt);
  } finally {
    await sql.end();
  }
}

function evaluate(rows: Row[], lastSeq: number, attempts: Attempt[], closesAt: Date): Check[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const accepted = attempts.filter((a) => a.submit?.outcome === 'accepted');
  const refused = attempts.filter((a) => a.submit?.outcome === 'refused');
  const errors = attempts.filter((a) => a.save?.outcome === 'error' || a.submit?.outcome === 'error');
  const submitted = rows.filter((r) => r.status === 'submitted');
  const acceptedIds = new Set(accepted.map((a) => a.proposalId));
  const seqs = submitted.map((r) => r.protocol_seq ?? -1).sort((a, b) => a - b);
  const numbers = new Set(submitted.map((r) => r.protocol_number));
  const lost = accepted.filter((a) => byId.get(a.proposalId)?.status !== 'submitted');
  const unexpected = submitted.filter((r) => !acceptedIds.has(r.id));
  const lateAccepted = submitted.filter((r) => !r.submitted_at || r.submitted_at >= closesAt);
  const touched = refused.filter((a) => {
    const r = byId.get(a.proposalId);
    return !r || r.status !== 'draft' || r.protocol_number !== null || r.submitted_at !== null || r.submissions > 0 || r.receipts > 0;
  });
  const startedLateAccepted = accepted.filter((a) => a.late);
  const check = (name: string, ok: boolean, detail: string): Check => ({ name, ok, detail });
  return [
    check('accepted + refused = attempts, no errors', accepted.length + refused.length === attempts.length && errors.length === 0, `${accepted.length} + ${refused.length} of ${attempts.length}, ${errors.length} with errors`),
    check('none lost: every accepted answer is submitted in the database', lost.length === 0, `${lost.length} lost, e.g. ${lost[0]?.proposalId}`),
    check('nothing submitted without an accepted answer', unexpected.length === 0, `${unexpected.length}, e.g. ${unexpected[0]?.id}`),
    check('no duplicate protocol numbers', numbers.size === submitted.length && !numbers.has(null), `${numbers.size} distinct for ${submitted.length}`),
    check('protocol sequence 1..accepted, gapless', seqs.every((s, i) => s === i + 1) && lastSeq === submitted.length, `last ${lastSeq}, seqs ${seqs.slice(0, 3).join(',')}…${seqs.slice(-3).join(',')}`),
    check('every accepted submitted_at < closes_at', lateAccepted.length === 0, `${lateAccepted.length} at or after ${closesAt.toISOString()}`),
    check('one submission record and one receipt per accepted proposal', submitted.every((r) => r.submissions === 1 && r.receipts === 1), 'a submitted proposal without exactly one of each'),
    check('refused drafts untouched (draft, no number, no record, no receipt)', touched.length === 0, `${touched.length} changed, e.g. ${touched[0]?.proposalId}`),
    check('attempts started after the deadline all refused', startedLateAccepted.length === 0, `${startedLateAccepted.length} accepted`),
  ];
}
