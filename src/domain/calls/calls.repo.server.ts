import { and, asc, desc, eq, gt, inArray, isNull, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import { callAmendments, callNeighbourhoods, calls, files, neighbourhoods, programmes } from '../../../db/schema/index.ts';
import type { Queryable } from '../../lib/server/db/index.ts';
import { effectiveStatus, type CallStatus } from './status.ts';

/**
 * The public read side of calls. Every query here carries `phase <> 'draft'`, so no list or page
 * can show a call before staff publish it.
 */

export const publicStatusFilters = ['open', 'upcoming', 'closed'] as const;
export type PublicStatusFilter = (typeof publicStatusFilters)[number];
export type PublicCallFilters = { status?: PublicStatusFilter; theme?: string; neighbourhood?: string };

export type CallRow = typeof calls.$inferSelect;
export type NeighbourhoodRef = { slug: string; name: string; district: string | null };
export type PublicCallSummary = Pick<
  CallRow,
  'id' | 'slug' | 'titleIt' | 'titleEn' | 'summaryIt' | 'summaryEn' | 'themes' | 'opensAt' | 'closesAt' | 'budgetCents' | 'maxGrantCents' | 'updatedAt' | 'publishedAt' | 'version'
> & { status: CallStatus; neighbourhoods: NeighbourhoodRef[] };

export type PublicDocument = { id: string; originalName: string; mime: string; sizeBytes: number; purpose: string };
export type PublicAmendment = Pick<typeof callAmendments.$inferSelect, 'id' | 'version' | 'kind' | 'noteIt' | 'noteEn' | 'changes' | 'createdAt'>;
export type PublicProgramme = Pick<typeof programmes.$inferSelect, 'code' | 'cup' | 'rupName' | 'office' | 'titleIt' | 'titleEn'>;
export type PublicCall = CallRow & {
  status: CallStatus;
  neighbourhoods: NeighbourhoodRef[];
  programme: PublicProgramme;
  amendments: PublicAmendment[];
  documents: PublicDocument[];
};

const published = ne(calls.phase, 'draft');

/**
 * The effective status (src/domain/calls/status.ts) as SQL, so filtering and ordering happen in
 * the database: 0 open, 1 upcoming, 2 closed or later.
 */
function statusCondition(status: PublicStatusFilter, now: Date): SQL {
  const inWindow = eq(calls.phase, 'published');
  if (status === 'upcoming') return and(inWindow, gt(calls.opensAt, now))!;
  if (status === 'open') return and(inWindow, lte(calls.opensAt, now), gt(calls.closesAt, now))!;
  return or(ne(calls.phase, 'published'), lte(calls.closesAt, now))!;
}

function statusRank(now: Date): SQL<number> {
  // Raw SQL takes the instant as ISO text with a cast: postgres.js does not serialise a Date there.
  const at = sql`${now.toISOString()}::timestamptz`;
  return sql<number>`case when ${calls.phase} = 'published' and ${calls.opensAt} <= ${at} and ${calls.closesAt} > ${at} then 0
    when ${calls.phase} = 'published' and ${calls.opensAt} > ${at} then 1 else 2 end`;
}

/**
 * Published calls for the public list: open first by nearest deadline, then upcoming by opening
 * date, then closed ones, most recently closed first.
 */
export async function listPublicCalls(db: Queryable, filters: PublicCallFilters, now: Date): Promise<PublicCallSummary[]> {
  const conditions: SQL[] = [published];
  if (filters.status) conditions.push(statusCondition(filters.status, now));
  if (filters.theme) conditions.push(sql`${filters.theme} = any(${calls.themes})`);
  if (filters.neighbourhood) {
    conditions.push(sql`exists (select 1 from ${callNeighbourhoods} join ${neighbourhoods} on ${neighbourhoods.id} = ${callNeighbourhoods.neighbourhoodId}
      where ${callNeighbourhoods.callId} = ${calls.id} and ${neighbourhoods.slug} = ${filters.neighbourhood})`);
  }
  const rank = statusRank(now);
  const rows = await db
    .select({
      id: calls.id, slug: calls.slug, phase: calls.phase, titleIt: calls.titleIt, titleEn: calls.titleEn,
      summaryIt: calls.summaryIt, summaryEn: calls.summaryEn, themes: calls.themes, opensAt: calls.opensAt,
      closesAt: calls.closesAt, budgetCents: calls.budgetCents, maxGrantCents: calls.maxGrantCents,
      updatedAt: calls.updatedAt, publishedAt: calls.publishedAt, version: calls.version,
    })
    .from(calls)
    .where(and(...conditions))
    .orderBy(
      rank,
      sql`case when ${rank} = 0 then ${calls.closesAt} end asc`,
      sql`case when ${rank} = 1 then ${calls.opensAt} end asc`,
      desc(calls.closesAt),
      asc(calls.slug),
    );
  const byCall = await neighbourhoodsOf(db, rows.map((r) => r.id));
  return rows.map(({ phase, ...row }) => ({
    ...row,
    status: effectiveStatus({ phase, opensAt: row.opensAt, closesAt: row.closesAt }, now),
    neighbourhoods: byCall.get(row.id) ?? [],
  }));
}

/** A published call with everything its public page shows; null for an unknown slug or a draft. */
export async function getPublicCall(db: Queryable, slug: string, now: Date): Promise<PublicCall | null> {
  const [row] = await db
    .select({ call: calls, programme: { code: programmes.code, cup: programmes.cup, rupName: programmes.rupName, office: programmes.office, titleIt: programmes.titleIt, titleEn: programmes.titleEn } })
    .from(calls)
    .innerJoin(programmes, eq(programmes.id, calls.programmeId))
    .where(and(eq(calls.slug, slug), published));
  if (!row) return null;
  const { call, programme } = row;
  const [byCall, amendments, documents] = await Promise.all([
    neighbourhoodsOf(db, [call.id]),
    db
      .select({ id: callAmendments.id, version: callAmendments.version, kind: callAmendments.kind, noteIt: callAmendments.noteIt, noteEn: callAmendments.noteEn, changes: callAmendments.changes, createdAt: callAmendments.createdAt })
      .from(callAmendments)
      .where(eq(callAmendments.callId, call.id))
      .orderBy(desc(callAmendments.version)),
    db
      .select({ id: files.id, originalName: files.originalName, mime: files.mime, sizeBytes: files.sizeBytes, purpose: files.purpose })
      .from(files)
      .where(and(eq(files.ownerType, 'call'), eq(files.ownerId, call.id), isNull(files.deletedAt)))
      .orderBy(asc(files.createdAt), asc(files.originalName)),
  ]);
  return { ...call, status: effectiveStatus(call, now), neighbourhoods: byCall.get(call.id) ?? [], programme, amendments, documents };
}

/** Neighbourhoods named by at least one published call, for the list's filter. */
export async function listCallNeighbourhoods(db: Queryable): Promise<NeighbourhoodRef[]> {
  return db
    .selectDistinct({ slug: neighbourhoods.slug, name: neighbourhoods.name, district: neighbourhoods.district })
    .from(neighbourhoods)
    .innerJoin(callNeighbourhoods, eq(callNeighbourhoods.neighbourhoodId, neighbourhoods.id))
    .innerJoin(calls, eq(calls.id, callNeighbourhoods.callId))
    .where(published)
    .orderBy(asc(neighbourhoods.name), asc(neighbourhoods.slug));
}

async function neighbourhoodsOf(db: Queryable, callIds: string[]): Promise<Map<string, NeighbourhoodRef[]>> {
  const out = new Map<string, NeighbourhoodRef[]>();
  if (callIds.length === 0) return out;
  const rows = await db
    .select({ callId: callNeighbourhoods.callId, slug: neighbourhoods.slug, name: neighbourhoods.name, district: neighbourhoods.district })
    .from(callNeighbourhoods)
    .innerJoin(neighbourhoods, eq(neighbourhoods.id, callNeighbourhoods.neighbourhoodId))
    .where(inArray(callNeighbourhoods.callId, callIds))
    .orderBy(asc(neighbourhoods.name));
  for (const { callId, ...ref } of rows) out.set(callId, [...(out.get(callId) ?? []), ref]);
  return out;
}
