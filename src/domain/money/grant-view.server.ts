import { and, asc, eq, sql } from 'drizzle-orm';
import { calls, donors, grants, milestones, pledges, startups, tranches } from '../../../db/schema/index.ts';
import type { Queryable } from '../../lib/server/db/index.ts';
import type { RequestContext } from '../context.ts';
import { notFound } from '../errors.ts';
import { authorize } from '../policy.ts';
import type { CallLedger, GrantUse } from './money-rules.ts';
import type { TrancheStatus } from './money-workflow.ts';
import { callLedger, grantUse, requireId, toCents } from './money-tx.server.ts';
import { pledgeDrawRefusal } from './pledge-rules.ts';

export type GrantTranche = {
  id: string;
  position: number;
  labelIt: string;
  labelEn: string;
  amountCents: number;
  status: TrancheStatus;
  approvedAt: Date | null;
  milestone: { titleIt: string; titleEn: string; status: string } | null;
  /** Committed pledges this tranche's payment may draw on (same call, start-up, restrictions, enough left). */
  pledgeOptions: { id: string; donorName: string; leftCents: number }[];
};
export type GrantPayment = { id: string; trancheLabelIt: string; trancheLabelEn: string; amountCents: number; paidOn: string; reference: string; donorName: string | null; pledgeId: string | null };

export type GrantDetail = {
  grant: typeof grants.$inferSelect;
  startup: { id: string; name: string };
  call: { id: string; titleIt: string; titleEn: string };
  use: GrantUse;
  ledger: CallLedger;
  tranches: GrantTranche[];
  payments: GrantPayment[];
};

/** One grant's page: its agreement, tranches with their conditions, and payments. */
export async function grantDetail(db: Queryable, ctx: RequestContext, grantId: string): Promise<GrantDetail> {
  authorize(ctx.actor, 'grant.manage');
  requireId(grantId, 'grant_not_found');
  const [grant] = await db.select().from(grants).where(eq(grants.id, grantId));
  if (!grant) throw notFound('grant_not_found');
  const [startup] = await db.select().from(startups).where(eq(startups.id, grant.startupId));
  const [call] = await db.select({ id: calls.id, titleIt: calls.titleIt, titleEn: calls.titleEn, themes: calls.themes }).from(calls).where(eq(calls.id, grant.callId));
  const rows = await db
    .select({ tranche: tranches, milestone: { titleIt: milestones.titleIt, titleEn: milestones.titleEn, status: milestones.status } })
    .from(tranches)
    .leftJoin(milestones, eq(milestones.id, tranches.milestoneId))
    .where(eq(tranches.grantId, grant.id))
    .orderBy(asc(tranches.position));
  const candidates = await db
    .select({ pledge: pledges, donorName: donors.name, drawnCents: sql`(select coalesce(sum(d.amount_cents), 0) from disbursements d where d.pledge_id = ${pledges.id})`.mapWith(toCents) })
    .from(pledges)
    .innerJoin(donors, eq(donors.id, pledges.donorId))
    .where(and(eq(pledges.callId, grant.callId), eq(pledges.status, 'committed')))
    .orderBy(asc(pledges.createdAt));
  const target = { callId: grant.callId, startupId: grant.startupId, neighbourhoodId: startup!.neighbourhoodId, callThemes: call!.themes };
  const tranchesOut: GrantTranche[] = rows.map(({ tranche, milestone }) => ({
    ...tranche,
    milestone: tranche.milestoneId && milestone ? milestone : null,
    pledgeOptions: candidates
      .filter((c) => pledgeDrawRefusal({ ...c.pledge, drawnCents: c.drawnCents }, target, tranche.amountCents) === null)
      .map((c) => ({ id: c.pledge.id, donorName: c.donorName, leftCents: c.pledge.amountCents - c.drawnCents })),
  }));
  return {
    grant,
    startup: { id: startup!.id, name: startup!.name },
    call: { id: call!.id, titleIt: call!.titleIt, titleEn: call!.titleEn },
    use: await grantUse(db, grant),
    ledger: await callLedger(db, grant.callId),
    tranches: tranchesOut,
    payments: await grantPayments(db, grant.id),
  };
}

async function grantPayments(db: Queryable, grantId: string): Promise<GrantPayment[]> {
  const rows = await db.execute(sql`
    select d.id, t.label_it, t.label_en, d.amount_cents, d.paid_on::text as paid_on, d.reference, dn.name as donor_name, d.pledge_id
    from disbursements d join tranches t on t.id = d.tranche_id
    left join pledges p on p.id = d.pledge_id left join donors dn on dn.id = p.donor_id
    where d.grant_id = ${grantId}::uuid order by d.paid_on, t.position`);
  const list = (Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows) as Record<string, unknown>[];
  return list.map((r) => ({
    id: String(r.id),
    trancheLabelIt: String(r.label_it),
    trancheLabelEn: String(r.label_en),
    amountCents: toCents(r.amount_cents),
    paidOn: String(r.paid_on),
    reference: String(r.reference),
    donorName: r.donor_name == null ? null : String(r.donor_name),
    pledgeId: r.pledge_id == null ? null : String(r.pledge_id),
  }));
}
