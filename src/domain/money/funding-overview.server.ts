import { sql } from 'drizzle-orm';
import type { Queryable } from '../../lib/server/db/index.ts';
import type { RequestContext } from '../context.ts';
import { authorize } from '../policy.ts';
import type { TrancheStatus } from './money-workflow.ts';
import { toCents } from './money-tx.server.ts';

export type OverviewCall = {
  id: string;
  titleIt: string;
  titleEn: string;
  budgetCents: number;
  pledgedCents: number;
  awardedCents: number;
  committedCents: number;
  disbursedCents: number;
  toApprove: number;
  toPay: number;
  withoutGrant: number;
  hasPlan: boolean;
};
export type TodoTranche = { trancheId: string; grantId: string; startupName: string; callId: string; labelIt: string; labelEn: string; amountCents: number; status: TrancheStatus };

type Row = Record<string, unknown>;
const rowsOf = (result: unknown): Row[] => (Array.isArray(result) ? result : (result as { rows: Row[] }).rows) as Row[];
const int = (v: unknown) => Number(v ?? 0);

/**
 * The back office's funding overview: each call with start-ups, pledges or a tranche plan, its
 * money and what waits for the office (tranches to approve and to pay, start-ups without a grant),
 * in one query; then the tranches to act on.
 */
export async function fundingOverview(db: Queryable, ctx: RequestContext): Promise<{ calls: OverviewCall[]; todo: TodoTranche[] }> {
  authorize(ctx.actor, 'grant.manage');
  const calls = rowsOf(
    await db.execute(sql`
      select c.id, c.title_it, c.title_en, c.budget_cents,
        (select coalesce(sum(p.amount_cents), 0) from pledges p where p.call_id = c.id and p.status in ('committed', 'disbursed')) as pledged,
        (select coalesce(sum(g.awarded_cents), 0) from grants g where g.call_id = c.id) as awarded,
        (select coalesce(sum(g.committed_cents), 0) from grants g where g.call_id = c.id) as committed,
        (select coalesce(sum(d.amount_cents), 0) from disbursements d join grants g on g.id = d.grant_id where g.call_id = c.id) as disbursed,
        (select count(*) from tranches t join grants g on g.id = t.grant_id where g.call_id = c.id and t.status = 'eligible' and g.committed_cents > 0) as to_approve,
        (select count(*) from tranches t join grants g on g.id = t.grant_id where g.call_id = c.id and t.status = 'approved') as to_pay,
        (select count(*) from startups s where s.call_id = c.id and not exists (select 1 from grants g where g.startup_id = s.id)) as without_grant,
        exists (select 1 from tranche_templates tt where tt.call_id = c.id) as has_plan
      from calls c
      where exists (select 1 from startups s where s.call_id = c.id)
         or exists (select 1 from pledges p where p.call_id = c.id)
         or exists (select 1 from tranche_templates tt where tt.call_id = c.id)
      order by c.closes_at desc, c.id`),
  ).map((r) => ({
    id: String(r.id),
    titleIt: String(r.title_it),
    titleEn: String(r.title_en),
    budgetCents: toCents(r.budget_cents),
    pledgedCents: toCents(r.pledged),
    awardedCents: toCents(r.awarded),
    committedCents: toCents(r.committed),
    disbursedCents: toCents(r.disbursed),
    toApprove: int(r.to_approve),
    toPay: int(r.to_pay),
    withoutGrant: int(r.without_grant),
    hasPlan: r.has_plan === true || r.has_plan === 't',
  }));
  const todo = rowsOf(
    await db.execute(sql`
      select t.id as tranche_id, g.id as grant_id, s.name, g.call_id, t.label_it, t.label_en, t.amount_cents, t.status
      from tranches t join grants g on g.id = t.grant_id join startups s on s.id = g.startup_id
      where t.status = 'approved' or (t.status = 'eligible' and g.committed_cents > 0)
      order by case t.status when 'approved' then 0 else 1 end, s.name, t.position
      limit 100`),
  ).map((r) => ({
    trancheId: String(r.tranche_id),
    grantId: String(r.grant_id),
    startupName: String(r.name),
    callId: String(r.call_id),
    labelIt: String(r.label_it),
    labelEn: String(r.label_en),
    amountCents: toCents(r.amount_cents),
    status: r.status as TrancheStatus,
  }));
  return { calls, todo };
}
