import { asc, desc, eq, sql } from 'drizzle-orm';
import { callAmendments, calls, programmes, proposals, users } from '../../../db/schema/index.ts';
import type { Db } from '../../lib/server/db/index.ts';
import type { RequestContext } from '../context.ts';
import { authorize } from '../policy.ts';
import { neighbourhoodIdsOf } from './call-changes.server.ts';
import { publishProblems } from './readiness.ts';
import { effectiveStatus } from './status.ts';

/** Proposals of a call counted by stage, in SQL (lists stay fast with many proposals). */
const draftCount = sql<number>`count(*) filter (where ${proposals.status} = 'draft')`.mapWith(Number);
const sentCount = sql<number>`count(*) filter (where ${proposals.status} not in ('draft', 'withdrawn'))`.mapWith(Number);

/** Every call for the back office, newest deadline first, with its status and proposal counts. */
export async function listCallsForStaff(db: Db, ctx: RequestContext) {
  authorize(ctx.actor, 'call.manage');
  const counts = db
    .select({ callId: proposals.callId, drafts: draftCount.as('drafts'), sent: sentCount.as('sent') })
    .from(proposals)
    .groupBy(proposals.callId)
    .as('counts');
  const rows = await db
    .select({
      id: calls.id,
      slug: calls.slug,
      titleIt: calls.titleIt,
      titleEn: calls.titleEn,
      phase: calls.phase,
      opensAt: calls.opensAt,
      closesAt: calls.closesAt,
      version: calls.version,
      programmeCode: programmes.code,
      drafts: sql<number>`coalesce(${counts.drafts}, 0)`.mapWith(Number),
      sent: sql<number>`coalesce(${counts.sent}, 0)`.mapWith(Number),
    })
    .from(calls)
    .innerJoin(programmes, eq(programmes.id, calls.programmeId))
    .leftJoin(counts, eq(counts.callId, calls.id))
    .orderBy(desc(calls.closesAt), asc(calls.slug));
  const now = ctx.now();
  return rows.map((r) => ({ ...r, status: effectiveStatus(r, now) }));
}

/** One call for its editor: the row, its neighbourhoods, status, readiness and history. */
export async function getCallForStaff(db: Db, ctx: RequestContext, callId: string) {
  authorize(ctx.actor, 'call.manage');
  const [call] = await db.select().from(calls).where(eq(calls.id, callId));
  if (!call) return null;
  const neighbourhoodIds = await neighbourhoodIdsOf(db, callId);
  const [tally] = await db.select({ drafts: draftCount, sent: sentCount }).from(proposals).where(eq(proposals.callId, callId));
  const now = ctx.now();
  return {
    call,
    neighbourhoodIds,
    status: effectiveStatus(call, now),
    problems: publishProblems(call, neighbourhoodIds.length, now),
    drafts: tally?.drafts ?? 0,
    sent: tally?.sent ?? 0,
  };
}

/** The versions of a call after publication, newest first, with who made each. */
export async function listAmendments(db: Db, ctx: RequestContext, callId: string) {
  authorize(ctx.actor, 'call.manage');
  return db
    .select({
      id: callAmendments.id,
      version: callAmendments.version,
      kind: callAmendments.kind,
      noteIt: callAmendments.noteIt,
      noteEn: callAmendments.noteEn,
      changes: callAmendments.changes,
      createdAt: callAmendments.createdAt,
      author: users.name,
    })
    .from(callAmendments)
    .leftJoin(users, eq(users.id, callAmendments.createdBy))
    .where(eq(callAmendments.callId, callId))
    .orderBy(desc(callAmendments.version));
}

/** Programmes to choose from in the call editor. */
export async function programmeChoices(db: Db, ctx: RequestContext) {
  authorize(ctx.actor, 'call.manage');
  return db
    .select({ id: programmes.id, code: programmes.code, titleIt: programmes.titleIt, titleEn: programmes.titleEn })
    .from(programmes)
    .orderBy(asc(programmes.code));
}
