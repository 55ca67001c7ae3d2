import { asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { callNeighbourhoods, calls, donors, neighbourhoods, startups } from '../../../db/schema/index.ts';
import type { Queryable } from '../../lib/server/db/index.ts';
import type { RequestContext } from '../context.ts';
import { notFound } from '../errors.ts';
import { authorize, can } from '../policy.ts';
import type { PledgeFilter } from './money.schema.ts';
import { FUNDABLE_PHASES, type PledgeStatus } from './money-workflow.ts';
import { requireId, toCents } from './money-tx.server.ts';

export type PledgeListRow = {
  id: string;
  donorId: string;
  donorName: string;
  callId: string;
  callTitleIt: string;
  callTitleEn: string;
  startupId: string | null;
  startupName: string | null;
  neighbourhoodName: string | null;
  theme: string | null;
  amountCents: number;
  drawnCents: number;
  status: PledgeStatus;
  agreementRef: string | null;
  agreementOn: string | null;
  cancelReason: string | null;
  createdAt: Date;
};

type Row = Record<string, unknown>;
const rowsOf = (result: unknown): Row[] => (Array.isArray(result) ? result : (result as { rows: Row[] }).rows) as Row[];
const text = (v: unknown) => (v === null || v === undefined ? null : String(v));

const pledgeSelect = sql`
  select p.id, p.donor_id, dn.name as donor_name, p.call_id, c.title_it, c.title_en, p.startup_id, s.name as startup_name,
    n.name as neighbourhood_name, p.theme, p.amount_cents, p.status, p.agreement_ref, p.agreement_on::text as agreement_on,
    p.cancel_reason, p.created_at,
    (select coalesce(sum(d.amount_cents), 0) from disbursements d where d.pledge_id = p.id) as drawn
  from pledges p
  join donors dn on dn.id = p.donor_id
  join calls c on c.id = p.call_id
  left join startups s on s.id = p.startup_id
  left join neighbourhoods n on n.id = p.neighbourhood_id`;

const toRow = (r: Row): PledgeListRow => ({
  id: String(r.id),
  donorId: String(r.donor_id),
  donorName: String(r.donor_name),
  callId: String(r.call_id),
  callTitleIt: String(r.title_it),
  callTitleEn: String(r.title_en),
  startupId: text(r.startup_id),
  startupName: text(r.startup_name),
  neighbourhoodName: text(r.neighbourhood_name),
  theme: text(r.theme),
  amountCents: toCents(r.amount_cents),
  drawnCents: toCents(r.drawn),
  status: r.status as PledgeStatus,
  agreementRef: text(r.agreement_ref),
  agreementOn: text(r.agreement_on),
  cancelReason: text(r.cancel_reason),
  createdAt: r.created_at instanceof Date ? r.created_at : new Date(String(r.created_at)),
});

export type PledgeQuery = { status: PledgeFilter | null; callId?: string; page: number; pageSize?: number };

/** The back office's pledges, newest first, with a status filter and the count per status. */
export async function listPledges(db: Queryable, ctx: RequestContext, q: PledgeQuery) {
  authorize(ctx.actor, 'donor.manage');
  const pageSize = q.pageSize ?? 25;
  const conditions: SQL[] = [sql`true`];
  if (q.callId) conditions.push(sql`p.call_id = ${q.callId}::uuid`);
  const scoped = sql.join(conditions, sql` and `);
  const where = q.status ? sql`${scoped} and p.status = ${q.status}` : scoped;
  const rows = rowsOf(await db.execute(sql`${pledgeSelect} where ${where} order by p.created_at desc, p.id limit ${pageSize} offset ${(q.page - 1) * pageSize}`)).map(toRow);
  const counted = rowsOf(await db.execute(sql`select p.status, count(*) as n from pledges p where ${scoped} group by p.status`));
  const counts = Object.fromEntries(counted.map((r) => [String(r.status), Number(r.n)])) as Partial<Record<PledgeStatus, number>>;
  const total = q.status ? (counts[q.status] ?? 0) : Object.values(counts).reduce((a, b) => a + (b ?? 0), 0);
  return { rows, counts, total, page: q.page, pageSize };
}

export type PledgeDraw = { id: string; paidOn: string; amountCents: number; reference: string; grantId: string; startupName: string; labelIt: string; labelEn: string };

/** One pledge with the payments drawn on it. */
export async function pledgeDetail(db: Queryable, ctx: RequestContext, pledgeId: string): Promise<{ pledge: PledgeListRow; draws: PledgeDraw[] }> {
  authorize(ctx.actor, 'donor.manage');
  requireId(pledgeId, 'pledge_not_found');
  const [row] = rowsOf(await db.execute(sql`${pledgeSelect} where p.id = ${pledgeId}::uuid`));
  if (!row) throw notFound('pledge_not_found');
  const draws = rowsOf(
    await db.execute(sql`
      select d.id, d.paid_on::text as paid_on, d.amount_cents, d.reference, d.grant_id, s.name, t.label_it, t.label_en
      from disbursements d join tranches t on t.id = d.tranche_id join grants g on g.id = d.grant_id join startups s on s.id = g.startup_id
      where d.pledge_id = ${pledgeId}::uuid order by d.paid_on, d.created_at`),
  ).map((r) => ({
    id: String(r.id),
    paidOn: String(r.paid_on),
    amountCents: toCents(r.amount_cents),
    reference: String(r.reference),
    grantId: String(r.grant_id),
    startupName: String(r.name),
    labelIt: String(r.label_it),
    labelEn: String(r.label_en),
  }));
  return { pledge: toRow(row), draws };
}

export type PledgeTargetCall = { id: string; titleIt: string; titleEn: string; themes: string[]; neighbourhoods: { id: string; name: string }[] };
export type PledgeTargets = {
  /** Calls whose fund takes pledges, each with its themes and target neighbourhoods (restrictions). */
  calls: PledgeTargetCall[];
  startups: { id: string; name: string; callTitleIt: string; callTitleEn: string }[];
  neighbourhoods: { id: string; name: string }[];
};

/**
 * What a pledge can go to, for both pledge forms (staff's and the donor area's; createPledge checks
 * it all again): the funds of calls in a fundable phase, and start-ups still running. Staff see
 * every start-up; anyone else only those with a public profile (a donor names only what it can see).
 */
export async function pledgeTargets(db: Queryable, ctx: RequestContext): Promise<PledgeTargets> {
  const visible = can(ctx.actor, 'donor.manage').ok ? sql`true` : sql`${startups.publicConsent}`;
  const [fundable, running, places] = await Promise.all([
    db
      .select({ id: calls.id, titleIt: calls.titleIt, titleEn: calls.titleEn, themes: calls.themes })
      .from(calls)
      .where(inArray(calls.phase, [...FUNDABLE_PHASES]))
      .orderBy(asc(calls.titleIt)),
    db
      .select({ id: startups.id, name: startups.name, callTitleIt: calls.titleIt, callTitleEn: calls.titleEn })
      .from(startups)
      .innerJoin(calls, eq(calls.id, startups.callId))
      .where(sql`${startups.stage} <> 'closed' and ${visible}`)
      .orderBy(asc(startups.name)),
    db.select({ id: neighbourhoods.id, name: neighbourhoods.name }).from(neighbourhoods).orderBy(asc(neighbourhoods.name)),
  ]);
  const targeted = fundable.length
    ? await db
        .select({ callId: callNeighbourhoods.callId, id: callNeighbourhoods.neighbourhoodId })
        .from(callNeighbourhoods)
        .where(inArray(callNeighbourhoods.callId, fundable.map((c) => c.id)))
    : [];
  const ofCall = (callId: string) => places.filter((n) => targeted.some((t) => t.callId === callId && t.id === n.id));
  return { calls: fundable.map((c) => ({ ...c, neighbourhoods: ofCall(c.id) })), startups: running, neighbourhoods: places };
}

/** Approved donors, for the staff form that records a pledge. */
export async function approvedDonors(db: Queryable, ctx: RequestContext) {
  authorize(ctx.actor, 'donor.manage');
  return db.select({ id: donors.id, name: donors.name }).from(donors).where(sql`${donors.status} = 'approved'`).orderBy(asc(donors.name));
}
