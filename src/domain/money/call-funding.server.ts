import { sql } from 'drizzle-orm';
import type { Queryable } from '../../lib/server/db/index.ts';
import type { RequestContext } from '../context.ts';
import { notFound } from '../errors.ts';
import { authorize } from '../policy.ts';
import type { CallLedger } from './money-rules.ts';
import { callLedger, requireId, toCents } from './money-tx.server.ts';
import type { PledgeListRow } from './pledge-views.server.ts';
import { listPledges } from './pledge-views.server.ts';
import type { PlanRow } from './tranche-plan-rules.ts';
import { getTranchePlan } from './tranche-plan.server.ts';

export type CallStartupRow = {
  id: string;
  name: string;
  /** Its grant in the call's latest final ranking: the default award. */
  rankedCents: number;
  grant: { id: string; awardedCents: number; committedCents: number; disbursedCents: number } | null;
};

export type CallFunding = {
  call: { id: string; titleIt: string; titleEn: string; budgetCents: number; maxGrantCents: number };
  ledger: CallLedger;
  plan: PlanRow[];
  /** The plan can no longer change: the call has grants. */
  planFixed: boolean;
  startups: CallStartupRow[];
  pledges: PledgeListRow[];
};

type Row = Record<string, unknown>;
const rowsOf = (result: unknown): Row[] => (Array.isArray(result) ? result : (result as { rows: Row[] }).rows) as Row[];

/** One call's funding page: its money, tranche plan, start-ups with their grants, and pledges. */
export async function callFunding(db: Queryable, ctx: RequestContext, callId: string): Promise<CallFunding> {
  authorize(ctx.actor, 'grant.manage');
  requireId(callId, 'call_not_found');
  const [call] = rowsOf(await db.execute(sql`select id, title_it, title_en, budget_cents, max_grant_cents from calls where id = ${callId}::uuid`));
  if (!call) throw notFound('call_not_found');
  const startups = rowsOf(
    await db.execute(sql`
      with latest_final as (
        select id from rankings where call_id = ${callId}::uuid and kind = 'final' order by published_at desc, id limit 1
      )
      select s.id, s.name, coalesce(e.grant_cents, 0) as ranked, g.id as grant_id, g.awarded_cents, g.committed_cents,
        (select coalesce(sum(d.amount_cents), 0) from disbursements d where d.grant_id = g.id) as disbursed
      from startups s
      left join ranking_entries e on e.proposal_id = s.proposal_id and e.ranking_id = (select id from latest_final)
      left join grants g on g.startup_id = s.id
      where s.call_id = ${callId}::uuid
      order by s.name, s.id`),
  ).map(
    (r): CallStartupRow => ({
      id: String(r.id),
      name: String(r.name),
      rankedCents: toCents(r.ranked),
      grant: r.grant_id ? { id: String(r.grant_id), awardedCents: toCents(r.awarded_cents), committedCents: toCents(r.committed_cents), disbursedCents: toCents(r.disbursed) } : null,
    }),
  );
  return {
    call: { id: String(call.id), titleIt: String(call.title_it), titleEn: String(call.title_en), budgetCents: toCents(call.budget_cents), maxGrantCents: toCents(call.max_grant_cents) },
    ledger: await callLedger(db, callId),
    plan: await getTranchePlan(db, callId),
    planFixed: startups.some((s) => s.grant !== null),
    startups,
    pledges: (await listPledges(db, ctx, { callId, status: null, page: 1, pageSize: 200 })).rows,
  };
}

/** The default award of a start-up: its ranked grant, capped at the call's maximum. */
export const defaultAward = (rankedCents: number, maxGrantCents: number) => Math.max(0, Math.min(rankedCents, maxGrantCents));
