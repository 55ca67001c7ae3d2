import { and, asc, count, desc, eq, gt, ilike, isNull, or, sql, type SQL } from 'drizzle-orm';
import { donorUsers, donors, invitations, pledges, users } from '../../../db/schema/index.ts';
import type { Db } from '../../lib/server/db/index.ts';
import { containsPattern } from '../../lib/server/db/like.ts';
import type { RequestContext } from '../context.ts';
import { notFound } from '../errors.ts';
import { authorize } from '../policy.ts';
import { linkedAccounts, loadDonorFacts } from './donor-facts.server.ts';
import { DONORS_PAGE_SIZE, donorStatuses, type DonorStatusFilter } from './donor.schema.ts';

/** Legally committed money of a donor: pledges with a signed agreement (committed or already disbursed). */
export const committedCentsOf = sql<string>`coalesce((select sum(p.amount_cents) from ${pledges} p where p.donor_id = ${donors.id} and p.status in ('committed', 'disbursed')), 0)`;

/** The back office's list: sign-ups waiting first, filter by status, search by name or email. */
export async function listDonors(db: Db, ctx: RequestContext, filter: { status: DonorStatusFilter; q: string | null; page: number }) {
  authorize(ctx.actor, 'donor.manage');
  const where: SQL[] = [];
  if (filter.status) where.push(eq(donors.status, filter.status));
  if (filter.q) {
    const like = containsPattern(filter.q);
    where.push(or(ilike(donors.name, like), ilike(donors.email, like))!);
  }
  const condition = where.length ? and(...where) : undefined;
  const rows = await db
    .select({
      id: donors.id,
      name: donors.name,
      kind: donors.kind,
      email: donors.email,
      status: donors.status,
      publicConsent: donors.publicConsent,
      createdAt: donors.createdAt,
      accounts: sql<number>`(select count(*) from ${donorUsers} du where du.donor_id = ${donors.id})::int`,
      committedCents: committedCentsOf,
    })
    .from(donors)
    .where(condition)
    .orderBy(sql`${donors.status} = 'pending' desc`, desc(donors.createdAt), asc(donors.id))
    .limit(DONORS_PAGE_SIZE)
    .offset((filter.page - 1) * DONORS_PAGE_SIZE);
  const [total] = await db.select({ n: count() }).from(donors).where(condition);
  const byStatus = await db.select({ status: donors.status, n: count() }).from(donors).groupBy(donors.status);
  const counts = Object.fromEntries(donorStatuses.map((s) => [s, byStatus.find((r) => r.status === s)?.n ?? 0])) as Record<(typeof donorStatuses)[number], number>;
  return {
    rows: rows.map((r) => ({ ...r, committedCents: Number(r.committedCents) })),
    total: total?.n ?? 0,
    counts,
    page: filter.page,
    pageSize: DONORS_PAGE_SIZE,
  };
}

/** One donor for the back office: its record, the accounts acting for it, and the account situation of its address. */
export async function getDonorForStaff(db: Db, ctx: RequestContext, donorId: string) {
  authorize(ctx.actor, 'donor.manage');
  const loaded = await loadDonorFacts(db, donorId);
  if (!loaded) throw notFound('donor_not_found');
  const { donor } = loaded;
  const [accounts, [byEmail], [invitation], [decider]] = await Promise.all([
    linkedAccounts(db, donor.id),
    db.select({ id: users.id }).from(users).where(eq(users.email, donor.email)).limit(1),
    db
      .select({ expiresAt: invitations.expiresAt })
      .from(invitations)
      .where(and(eq(invitations.email, donor.email), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, ctx.now())))
      .orderBy(desc(invitations.createdAt))
      .limit(1),
    donor.decidedBy ? db.select({ name: users.name }).from(users).where(eq(users.id, donor.decidedBy)) : Promise.resolve([]),
  ]);
  return {
    donor,
    accounts,
    /** An account with the donor's contact address exists and is not linked yet. */
    linkableByEmail: byEmail !== undefined && !accounts.some((a) => a.id === byEmail.id),
    invitationExpiresAt: invitation?.expiresAt ?? null,
    decidedByName: decider?.name ?? null,
  };
}
