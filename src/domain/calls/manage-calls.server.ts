import { and, count, eq, ne } from 'drizzle-orm';
import { callNeighbourhoods, calls, programmes } from '../../../db/schema/index.ts';
import type { Db, Tx } from '../../lib/server/db/index.ts';
import type { RequestContext } from '../context.ts';
import { recordAudit } from '../audit/record-audit.server.ts';
import { conflict, invalid } from '../errors.ts';
import { authorize } from '../policy.ts';
import { assertNeighbourhoodsExist } from '../programmes/manage-programmes.server.ts';
import { slugify } from '../programmes/slug.ts';
import { isUniqueViolation } from '../programmes/unique-violation.ts';
import type { CallBasicsInput } from './call.schema.ts';
import { lockCall, neighbourhoodIdsOf, saveCallChanges, type CallRow } from './call-changes.server.ts';
import { publishProblems } from './readiness.ts';

export { amendCall } from './amend-call.server.ts';

/** Staff start a call as a draft: nobody outside the office sees it until it is published. */
export async function createCall(db: Db, ctx: RequestContext, input: CallBasicsInput): Promise<{ id: string; slug: string }> {
  authorize(ctx.actor, 'call.manage');
  return slugSafe(() =>
    db.transaction(async (tx) => {
      await assertReferences(tx, input);
      const slug = await chooseSlug(tx, input.values.slug, input.values.titleIt, null);
      const [row] = await tx
        .insert(calls)
        .values({ ...input.values, slug, phase: 'draft', createdBy: ctx.actor!.userId })
        .returning({ id: calls.id });
      const id = row!.id;
      await saveNeighbourhoods(tx, id, input.neighbourhoodIds);
      await recordAudit(tx, ctx, { action: 'call.created', entityType: 'call', entityId: id, summary: { slug, titleIt: input.values.titleIt } });
      return { id, slug };
    }),
  );
}

/** Edits the basics of a call that is still a draft. */
export async function updateDraftCall(db: Db, ctx: RequestContext, callId: string, input: CallBasicsInput): Promise<void> {
  authorize(ctx.actor, 'call.manage');
  await slugSafe(() =>
    db.transaction(async (tx) => {
      const call = await lockCall(tx, callId);
      if (call.phase !== 'draft') throw conflict('call_not_draft');
      await saveBasics(tx, ctx, call, input);
    }),
  );
}

/**
 * The basics form of the editor: a draft is updated; a published call gets a rettifica with the
 * note typed under the form (see saveCallChanges for what an amendment may change).
 */
export async function saveCallBasics(db: Db, ctx: RequestContext, callId: string, input: CallBasicsInput): Promise<{ version: number }> {
  authorize(ctx.actor, 'call.manage');
  return slugSafe(() => db.transaction(async (tx) => saveBasics(tx, ctx, await lockCall(tx, callId), input)));
}

async function saveBasics(tx: Tx, ctx: RequestContext, call: CallRow, input: CallBasicsInput) {
  await assertReferences(tx, input);
  const slug = await chooseSlug(tx, input.values.slug, input.values.titleIt, call);
  // The form shows minutes: a deadline stored with seconds, re-sent unchanged, is no change.
  const opensAt = sameMinute(input.values.opensAt, call.opensAt) ? call.opensAt : input.values.opensAt;
  const closesAt = sameMinute(input.values.closesAt, call.closesAt) ? call.closesAt : input.values.closesAt;
  const patch = { ...input.values, slug, opensAt, closesAt, neighbourhoodIds: input.neighbourhoodIds };
  return saveCallChanges(tx, ctx, call, patch, { kind: 'rettifica', note: input.note, summary: { form: 'basics' } });
}

/** Draft → published, when the call is complete (readiness.ts lists what "complete" means). */
export async function publishCall(db: Db, ctx: RequestContext, callId: string): Promise<void> {
  authorize(ctx.actor, 'call.manage');
  await db.transaction(async (tx) => {
    const call = await lockCall(tx, callId);
    if (call.phase !== 'draft') throw conflict('call_not_draft');
    const now = ctx.now();
    const problems = publishProblems(call, (await neighbourhoodIdsOf(tx, callId)).length, now);
    if (problems.length) throw invalid(problems[0]!, { problems });
    await tx.update(calls).set({ phase: 'published', publishedAt: now, updatedAt: now }).where(eq(calls.id, callId));
    await recordAudit(tx, ctx, {
      action: 'call.published',
      entityType: 'call',
      entityId: callId,
      summary: { slug: call.slug, opensAt: call.opensAt.toISOString(), closesAt: call.closesAt.toISOString() },
    });
  });
}

/** Published → in review, once the deadline has passed: the server's clock decides. */
export async function startReview(db: Db, ctx: RequestContext, callId: string): Promise<void> {
  authorize(ctx.actor, 'call.manage');
  await db.transaction(async (tx) => {
    const call = await lockCall(tx, callId);
    if (call.phase !== 'published') throw conflict('call_wrong_phase');
    const now = ctx.now();
    if (now < call.closesAt) throw conflict('review_too_early');
    await tx.update(calls).set({ phase: 'in_review', updatedAt: now }).where(eq(calls.id, callId));
    await recordAudit(tx, ctx, { action: 'call.review_started', entityType: 'call', entityId: callId, summary: { closesAt: call.closesAt.toISOString() } });
  });
}

/**
 * Archives a draft that will not be used, or a call whose final ranking is out. A published call
 * in between is a public act: it runs its course (revoking one is not a button).
 */
export async function archiveCall(db: Db, ctx: RequestContext, callId: string): Promise<void> {
  authorize(ctx.actor, 'call.manage');
  await db.transaction(async (tx) => {
    const call = await lockCall(tx, callId);
    if (call.phase !== 'draft' && call.phase !== 'ranking_final') throw conflict('cannot_archive');
    await tx.update(calls).set({ phase: 'archived', updatedAt: ctx.now() }).where(eq(calls.id, callId));
    await recordAudit(tx, ctx, { action: 'call.archived', entityType: 'call', entityId: callId, summary: { from: call.phase } });
  });
}

async function assertReferences(tx: Tx, input: CallBasicsInput) {
  const [programme] = await tx.select({ id: programmes.id }).from(programmes).where(eq(programmes.id, input.values.programmeId));
  if (!programme) throw invalid('programme_unknown', { field: 'programmeId' });
  await assertNeighbourhoodsExist(tx, input.neighbourhoodIds);
}

/** A typed slug must be free; one derived from the title gets `-2`, `-3`… until it is. */
async function chooseSlug(tx: Tx, typed: string | null, titleIt: string, call: CallRow | null): Promise<string> {
  const taken = async (slug: string) => {
    const where = call ? and(eq(calls.slug, slug), ne(calls.id, call.id)) : eq(calls.slug, slug);
    const [row] = await tx.select({ n: count() }).from(calls).where(where);
    return (row?.n ?? 0) > 0;
  };
  if (typed) {
    if (await taken(typed)) throw conflict('slug_taken', { field: 'slug' });
    return typed;
  }
  if (call && call.phase !== 'draft') return call.slug;
  const base = slugify(titleIt).slice(0, 72).replace(/-+$/, '') || 'avviso';
  for (let n = 1; ; n++) {
    const slug = n === 1 ? base : `${base}-${n}`;
    if (!(await taken(slug))) return slug;
  }
}

async function saveNeighbourhoods(tx: Tx, callId: string, ids: string[]) {
  if (ids.length) await tx.insert(callNeighbourhoods).values(ids.map((neighbourhoodId) => ({ callId, neighbourhoodId })));
}

const sameMinute = (a: Date, b: Date) => Math.floor(a.getTime() / 60_000) === Math.floor(b.getTime() / 60_000);

async function slugSafe<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('slug_taken', { field: 'slug' });
    throw error;
  }
}
