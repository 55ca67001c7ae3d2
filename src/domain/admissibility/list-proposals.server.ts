import { and, asc, count, eq, gt, ilike, or, sql, type SQL } from 'drizzle-orm';
import { callNeighbourhoods, neighbourhoods, proposals, users } from '../../../db/schema/index.ts';
import type { Db, Queryable } from '../../lib/server/db/index.ts';
import { containsPattern } from '../../lib/server/db/like.ts';
import type { RequestContext } from '../context.ts';
import { authorize } from '../policy.ts';
import { requireCall, staffVisible } from './admissibility.repo.server.ts';
import { LIST_PAGE_SIZE, staffStatuses, type ListFilter, type StaffStatus } from './schema.ts';

export type ProposalListRow = Awaited<ReturnType<typeof selectRows>>[number];
export type StatusCounts = { byStatus: Record<StaffStatus, number>; visible: number; drafts: number };

/**
 * The back-office list of one call's proposals: filters, search, a page of 25 in protocol order,
 * and the counts by status. Drafts are never listed (see `staffVisible`); only their number shows.
 */
export async function listProposals(db: Db, ctx: RequestContext, callId: string, filter: ListFilter) {
  authorize(ctx.actor, 'proposal.list');
  const call = await requireCall(db, callId);
  const where = listCondition(callId, filter);
  // The join to users is needed only to search names and emails.
  const counting = db.select({ n: count() }).from(proposals).$dynamic();
  const [totalRow] = await (filter.q ? counting.innerJoin(users, eq(users.id, proposals.proposerId)) : counting).where(where);
  const total = totalRow?.n ?? 0;
  const pages = Math.max(1, Math.ceil(total / LIST_PAGE_SIZE));
  // A page past the end (the list shrank since the link was made) shows the last page.
  const page = Math.min(filter.page, pages);
  const rows = total === 0 ? [] : await selectRows(db, where).limit(LIST_PAGE_SIZE).offset((page - 1) * LIST_PAGE_SIZE);
  return {
    call,
    rows,
    total,
    page,
    pageSize: LIST_PAGE_SIZE,
    counts: await countByStatus(db, callId),
    neighbourhoods: await neighbourhoodOptions(db, callId),
  };
}

const PROTOCOL = /^[a-z0-9]{1,16}-\d{4}-\d{6,}$/i;

/** Filters and search as one condition; always inside what staff may see. */
export function listCondition(callId: string, filter: Omit<ListFilter, 'page'>): SQL {
  const where: SQL[] = [staffVisible(callId)];
  if (filter.status) where.push(eq(proposals.status, filter.status));
  if (filter.applicantType) where.push(eq(proposals.applicantType, filter.applicantType));
  if (filter.neighbourhoodId) where.push(eq(proposals.neighbourhoodId, filter.neighbourhoodId));
  if (filter.q && PROTOCOL.test(filter.q)) {
    // A whole protocol number (what the office types most) is one row of a unique index.
    where.push(eq(proposals.protocolNumber, filter.q.toUpperCase()));
  } else if (filter.q) {
    const like = containsPattern(filter.q);
    where.push(
      or(
        ilike(proposals.protocolNumber, like),
        ilike(proposals.title, like),
        ilike(proposals.organisationName, like),
        ilike(users.name, like),
        ilike(users.email, like),
      )!,
    );
  }
  return and(...where)!;
}

/**
 * The columns of the list and of the CSV export, in protocol order. protocol_seq is unique per call
 * (proposals_protocol_seq_uq), so the order is total; created_at and id only guard the impossible tie.
 */
export function selectRows(db: Queryable, where: SQL) {
  return db
    .select({
      id: proposals.id,
      protocolSeq: proposals.protocolSeq,
      protocolNumber: proposals.protocolNumber,
      status: proposals.status,
      applicantType: proposals.applicantType,
      organisationName: proposals.organisationName,
      title: proposals.title,
      requestedCents: proposals.requestedCents,
      submittedAt: proposals.submittedAt,
      neighbourhoodName: neighbourhoods.name,
      proposerName: users.name,
      proposerEmail: users.email,
    })
    .from(proposals)
    .innerJoin(users, eq(users.id, proposals.proposerId))
    .leftJoin(neighbourhoods, eq(neighbourhoods.id, proposals.neighbourhoodId))
    .where(where)
    .orderBy(asc(proposals.protocolSeq), asc(proposals.createdAt), asc(proposals.id));
}

/** Rows after a protocol number, for exports read in chunks without OFFSET. */
export function afterSeq(seq: number): SQL {
  return gt(proposals.protocolSeq, seq);
}

/**
 * How many proposals the call has in each status, in one GROUP BY over proposals_call_status_idx.
 * Withdrawn proposals count only if they had been submitted; drafts are a number, nothing more.
 */
export async function countByStatus(db: Queryable, callId: string): Promise<StatusCounts> {
  const rows = await db
    .select({
      status: proposals.status,
      total: count(),
      protocolled: sql<number>`count(*) filter (where ${proposals.protocolSeq} is not null)`.mapWith(Number),
    })
    .from(proposals)
    .where(eq(proposals.callId, callId))
    .groupBy(proposals.status);
  const byStatus = Object.fromEntries(staffStatuses.map((s) => [s, 0])) as Record<StaffStatus, number>;
  let drafts = 0;
  for (const r of rows) {
    if (r.status === 'draft') drafts = r.total;
    else byStatus[r.status] = r.protocolled;
  }
  const visible = Object.values(byStatus).reduce((a, b) => a + b, 0);
  return { byStatus, visible, drafts };
}

/** The call's target neighbourhoods, or every neighbourhood when the call names none. */
async function neighbourhoodOptions(db: Queryable, callId: string) {
  const linked = await db
    .select({ id: neighbourhoods.id, name: neighbourhoods.name })
    .from(neighbourhoods)
    .innerJoin(callNeighbourhoods, eq(callNeighbourhoods.neighbourhoodId, neighbourhoods.id))
    .where(eq(callNeighbourhoods.callId, callId))
    .orderBy(asc(neighbourhoods.name));
  if (linked.length) return linked;
  return db.select({ id: neighbourhoods.id, name: neighbourhoods.name }).from(neighbourhoods).orderBy(asc(neighbourhoods.name));
}
