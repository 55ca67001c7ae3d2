/**
 * Row locks and figures shared by the money use cases. Lock order, always: the call row first,
 * then the grant, the tranche, the pledge. Every money write of a call takes the call's row lock
 * before reading the figures it checks, so two writes of one call run one after the other and
 * each sees what the other committed (no write skew between two grants, a grant and a pledge
 * cancellation, or two payments drawn on one pledge).
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { calls, disbursements, grants, pledges, startups, tranches } from '../../../db/schema/index.ts';
import { isUuid } from '../../lib/ids.ts';
import type { Queryable } from '../../lib/server/db/index.ts';
import { notFound } from '../errors.ts';
import { buildPool } from './funding-pool.ts';
import type { CallLedger, GrantUse } from './money-rules.ts';
import type { PledgeState } from './pledge-rules.ts';

/** bigint sums arrive as strings (numeric): back to integer cents, refusing anything else. */
export function toCents(value: unknown): number {
  const n = typeof value === 'number' ? value : Number(value ?? 0);
  if (!Number.isSafeInteger(n)) throw new RangeError(`not integer cents: ${String(value)}`);
  return n;
}

export const requireId = (id: string, code: string) => {
  if (!isUuid(id)) throw notFound(code);
};

export async function lockCall(tx: Queryable, callId: string) {
  requireId(callId, 'call_not_found');
  const [call] = await tx.select().from(calls).where(eq(calls.id, callId)).for('update');
  if (!call) throw notFound('call_not_found');
  return call;
}

export async function lockGrant(tx: Queryable, grantId: string) {
  const [grant] = await tx.select().from(grants).where(eq(grants.id, grantId)).for('update');
  if (!grant) throw notFound('grant_not_found');
  return grant;
}

export async function lockTranche(tx: Queryable, trancheId: string) {
  const [tranche] = await tx.select().from(tranches).where(eq(tranches.id, trancheId)).for('update');
  if (!tranche) throw notFound('tranche_not_found');
  return tranche;
}

export async function lockPledge(tx: Queryable, pledgeId: string) {
  const [pledge] = await tx.select().from(pledges).where(eq(pledges.id, pledgeId)).for('update');
  if (!pledge) throw notFound('pledge_not_found');
  return pledge;
}

const sum = (expr: ReturnType<typeof sql>) => sql`(${expr})`.mapWith(toCents);

/** The call's money now, with who may use what is left (read it after locking the call row). */
export async function callLedger(tx: Queryable, callId: string): Promise<CallLedger> {
  const [row] = await tx
    .select({
      callId: calls.id,
      budgetCents: calls.budgetCents,
      maxGrantCents: calls.maxGrantCents,
      callThemes: calls.themes,
      pledgedCents: sum(sql`select coalesce(sum(p.amount_cents), 0) from pledges p where p.call_id = ${calls.id} and p.status in ('committed', 'disbursed')`),
      awardedCents: sum(sql`select coalesce(sum(g.awarded_cents), 0) from grants g where g.call_id = ${calls.id}`),
      committedCents: sum(sql`select coalesce(sum(g.committed_cents), 0) from grants g where g.call_id = ${calls.id}`),
      disbursedCents: sum(sql`select coalesce(sum(d.amount_cents), 0) from disbursements d join grants g on g.id = d.grant_id where g.call_id = ${calls.id}`),
      programmeDisbursedCents: sum(
        sql`select coalesce(sum(d.amount_cents), 0) from disbursements d join grants g on g.id = d.grant_id where g.call_id = ${calls.id} and d.source = 'programme'`,
      ),
    })
    .from(calls)
    .where(eq(calls.id, callId));
  if (!row) throw notFound('call_not_found');
  const [own, binding] = await Promise.all([startupsOwed(tx, callId), bindingPledges(tx, callId)]);
  const pool = buildPool({ budgetLeftCents: row.budgetCents - row.programmeDisbursedCents, callThemes: row.callThemes, startups: own, pledges: binding });
  return { ...row, pool };
}

/** Every start-up of the call with its grant (0 without one) and what it was paid from any source. */
function startupsOwed(tx: Queryable, callId: string) {
  return tx
    .select({
      id: startups.id,
      neighbourhoodId: startups.neighbourhoodId,
      awardedCents: sum(sql`select coalesce(sum(g.awarded_cents), 0) from grants g where g.startup_id = ${startups.id}`),
      paidCents: sum(sql`select coalesce(sum(d.amount_cents), 0) from disbursements d join grants g on g.id = d.grant_id where g.startup_id = ${startups.id}`),
    })
    .from(startups)
    .where(eq(startups.callId, callId));
}

/** The call's legally binding pledges with what is left on each. */
function bindingPledges(tx: Queryable, callId: string) {
  return tx
    .select({
      startupId: pledges.startupId,
      neighbourhoodId: pledges.neighbourhoodId,
      theme: pledges.theme,
      leftCents: sum(sql`${pledges.amountCents} - (select coalesce(sum(d.amount_cents), 0) from disbursements d where d.pledge_id = ${pledges.id})`),
    })
    .from(pledges)
    .where(and(eq(pledges.callId, callId), inArray(pledges.status, ['committed', 'disbursed'])));
}

/** What a grant has paid and approved for payment (read it after locking the grant). */
export async function grantUse(tx: Queryable, grant: typeof grants.$inferSelect): Promise<GrantUse> {
  const [paid] = await tx.select({ cents: sum(sql`coalesce(sum(${disbursements.amountCents}), 0)`) }).from(disbursements).where(eq(disbursements.grantId, grant.id));
  const [approved] = await tx
    .select({ cents: sum(sql`coalesce(sum(${tranches.amountCents}), 0)`) })
    .from(tranches)
    .where(and(eq(tranches.grantId, grant.id), inArray(tranches.status, ['approved'])));
  return { awardedCents: grant.awardedCents, committedCents: grant.committedCents, disbursedCents: paid?.cents ?? 0, approvedCents: approved?.cents ?? 0 };
}

/** A pledge with the total drawn on it. */
export async function pledgeState(tx: Queryable, pledge: typeof pledges.$inferSelect): Promise<typeof pledges.$inferSelect & PledgeState> {
  const [drawn] = await tx.select({ cents: sum(sql`coalesce(sum(${disbursements.amountCents}), 0)`) }).from(disbursements).where(eq(disbursements.pledgeId, pledge.id));
  return { ...pledge, drawnCents: drawn?.cents ?? 0 };
}
