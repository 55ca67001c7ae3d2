import type { Db } from '../../lib/server/db/index.ts';
import type { RequestContext } from '../context.ts';
import { conflict, invalid, notFound } from '../errors.ts';
import { authorize } from '../policy.ts';
import type { AmendmentNote } from './call.schema.ts';
import { lockCall, saveCallChanges, type CallRow } from './call-changes.server.ts';
import { itemSchemas, moveItem, readList, removeItem, upsertItem, writeList, type AnyItem, type CallList, type Draft, type ListResult } from './lists.ts';

/**
 * The list editors' use cases. Each locks the call, applies one pure list operation and saves
 * through saveCallChanges: free edits on a draft, a rettifica (note required) once published.
 */

type Base = { callId: string; note: AmendmentNote | null };

export async function saveCallItem(db: Db, ctx: RequestContext, input: Base & { list: CallList; originalKey: string | null; item: Draft<AnyItem> }) {
  return edit(db, ctx, input, input.list, (items, call) => upsertItem(items, input.originalKey, input.item, call.phase !== 'draft'), {
    op: input.originalKey ? 'edited' : 'added',
  });
}

export async function removeCallItem(db: Db, ctx: RequestContext, input: Base & { list: CallList; key: string }) {
  return edit(db, ctx, input, input.list, (items) => removeItem(items, input.key), { op: 'removed' });
}

export async function moveCallItem(db: Db, ctx: RequestContext, input: Base & { list: CallList; key: string; direction: 'up' | 'down' }) {
  return edit(db, ctx, input, input.list, (items) => moveItem(items, input.key, input.direction), { op: `moved_${input.direction}` });
}

/** The maximum points of the criteria and the overall threshold, changed together. */
export async function setRubricPoints(db: Db, ctx: RequestContext, input: Base & { points: Record<string, number>; threshold: number }) {
  authorize(ctx.actor, 'call.manage');
  return db.transaction(async (tx) => {
    const call = await lockCall(tx, input.callId);
    const keys = new Set(call.rubric.criteria.map((c) => c.key));
    if (Object.keys(input.points).some((k) => !keys.has(k))) throw notFound('item_not_found');
    const criteria = call.rubric.criteria.map((c) => ({ ...c, maxPoints: input.points[c.key] ?? c.maxPoints }));
    const over = criteria.find((c) => c.threshold !== undefined && c.threshold > c.maxPoints);
    if (over) throw invalid('threshold_over_max', { field: `points.${over.key}` });
    const patch = { rubric: { criteria, threshold: input.threshold } };
    return saveCallChanges(tx, ctx, call, patch, { kind: 'rettifica', note: input.note, summary: { list: 'criteria', op: 'points' } });
  });
}

async function edit(
  db: Db,
  ctx: RequestContext,
  input: Base,
  list: CallList,
  operation: (items: AnyItem[], call: CallRow) => ListResult,
  summary: Record<string, unknown>,
) {
  authorize(ctx.actor, 'call.manage');
  return db.transaction(async (tx) => {
    const call = await lockCall(tx, input.callId);
    const result = operation(readList(call, list), call);
    if (!result.ok) throw listError(result.error);
    const changed = result.items.find((i) => i.key === result.key);
    // The editor's form is stricter than the schema; this is the definitions.ts check itself.
    if (changed && !itemSchemas[list].safeParse(changed).success) throw invalid('item_invalid');
    const saved = await saveCallChanges(tx, ctx, call, writeList(call, list, result.items), {
      kind: 'rettifica',
      note: input.note,
      summary: { list, key: result.key, ...summary },
    });
    return { ...saved, key: result.key };
  });
}

function listError(error: 'item_not_found' | 'key_taken' | 'key_locked') {
  if (error === 'item_not_found') return notFound('item_not_found');
  return error === 'key_taken' ? conflict('key_taken', { field: 'key' }) : invalid('key_locked', { field: 'key' });
}
