import { eq, inArray } from 'drizzle-orm';
import { callAmendments, callNeighbourhoods, calls, neighbourhoods } from '../../../db/schema/index.ts';
import type { Queryable, Tx } from '../../lib/server/db/index.ts';
import type { RequestContext } from '../context.ts';
import { recordAudit } from '../audit/record-audit.server.ts';
import { conflict, invalid, notFound } from '../errors.ts';
import type { AmendmentNote } from './call.schema.ts';
import { notifyDraftOwners } from './notify-amendment.server.ts';
import { publishProblems } from './readiness.ts';

export type CallRow = typeof calls.$inferSelect;
type Editable = Omit<CallRow, 'id' | 'phase' | 'lastProtocolSeq' | 'version' | 'publishedAt' | 'createdBy' | 'createdAt' | 'updatedAt'>;
export type CallPatch = Partial<Editable> & { neighbourhoodIds?: string[] };
export type AmendmentKind = 'rettifica' | 'proroga';
export type Change = { kind: AmendmentKind; note: AmendmentNote | null; summary?: Record<string, unknown> };

/** Reads the call and holds its row until the transaction ends: changes to one call queue up. */
export async function lockCall(tx: Tx, callId: string): Promise<CallRow> {
  const [call] = await tx.select().from(calls).where(eq(calls.id, callId)).for('update');
  if (!call) throw notFound('not_found');
  return call;
}

export async function neighbourhoodIdsOf(tx: Queryable, callId: string): Promise<string[]> {
  const rows = await tx.select({ id: callNeighbourhoods.neighbourhoodId }).from(callNeighbourhoods).where(eq(callNeighbourhoods.callId, callId));
  return rows.map((r) => r.id).sort();
}

/** While published and before the deadline a call may be amended; after it, it is a record. */
export function isAmendable(call: Pick<CallRow, 'phase' | 'closesAt'>, now: Date): boolean {
  return call.phase === 'published' && now < call.closesAt;
}

/**
 * Saves a change to a locked call. A draft is simply updated (`call.updated`). A published call
 * still open to amendments gets a new version: the changed fields (from → to) in
 * call_amendments, `call.amended`, and an email to every proposer with a draft on it. Any other
 * phase is closed to changes.
 */
export async function saveCallChanges(tx: Tx, ctx: RequestContext, call: CallRow, patch: CallPatch, change: Change): Promise<{ version: number }> {
  const { neighbourhoodIds, ...columns } = patch;
  const beforeAreas = await neighbourhoodIdsOf(tx, call.id);
  const changes = diff(call, columns);
  if (neighbourhoodIds && beforeAreas.join() !== [...neighbourhoodIds].sort().join())
    changes.neighbourhoods = { from: beforeAreas, to: [...neighbourhoodIds].sort() };
  const edit: Edit = { call, columns, neighbourhoodIds, beforeAreas, changes };
  if (call.phase === 'draft') return saveDraft(tx, ctx, edit, change);
  if (!isAmendable(call, ctx.now())) throw conflict('call_not_editable');
  return saveAmendment(tx, ctx, edit, change);
}

type Edit = {
  call: CallRow;
  columns: Partial<Editable>;
  neighbourhoodIds: string[] | undefined;
  beforeAreas: string[];
  changes: Record<string, { from: unknown; to: unknown }>;
};

async function saveDraft(tx: Tx, ctx: RequestContext, edit: Edit, change: Change) {
  const { call, changes } = edit;
  if (Object.keys(changes).length === 0) return { version: call.version };
  await apply(tx, call.id, edit.columns, edit.neighbourhoodIds, ctx.now());
  await recordAudit(tx, ctx, { action: 'call.updated', entityType: 'call', entityId: call.id, summary: { changed: Object.keys(changes), ...change.summary } });
  return { version: call.version };
}

async function saveAmendment(tx: Tx, ctx: RequestContext, edit: Edit, change: Change) {
  const { call, columns, changes } = edit;
  const now = ctx.now();
  if (!change.note) throw invalid('note_required', { field: 'noteIt' });
  assertAmendmentRules(call, columns, change.kind, now);
  if (Object.keys(changes).length === 0) throw invalid('no_changes');
  const after = { ...call, ...columns };
  // Refuse what the change breaks, not an old gap it does not touch (data may predate the rules).
  const existing = new Set(publishProblems(call, edit.beforeAreas.length, now));
  const [problem] = publishProblems(after, (edit.neighbourhoodIds ?? edit.beforeAreas).length, now).filter((p) => !existing.has(p));
  if (problem) throw invalid(problem, problemField(problem));

  const version = call.version + 1;
  await apply(tx, call.id, { ...columns, version }, edit.neighbourhoodIds, now);
  if (changes.neighbourhoods) changes.neighbourhoods = await withNames(tx, changes.neighbourhoods);
  const note = change.note;
  await tx
    .insert(callAmendments)
    .values({ callId: call.id, version, kind: change.kind, noteIt: note.it, noteEn: note.en, changes, createdBy: ctx.actor?.userId ?? null });
  const notified = await notifyDraftOwners(tx, ctx, after, change.kind, note);
  const summary = { version, kind: change.kind, changed: Object.keys(changes), notified, ...change.summary };
  await recordAudit(tx, ctx, { action: 'call.amended', entityType: 'call', entityId: call.id, summary });
  return { version };
}

/**
 * After publication the address, the protocol prefix and the programme stay put (links are
 * shared, numbers already issued). A rettifica corrects texts and requirements; it may move the
 * opening only while the call has not opened, and never the deadline: that is a proroga, which
 * may only make it later (never shorter: people plan on it).
 */
function assertAmendmentRules(call: CallRow, columns: Partial<Editable>, kind: AmendmentKind, now: Date) {
  for (const field of ['slug', 'protocolPrefix', 'programmeId'] as const) {
    if (columns[field] !== undefined && columns[field] !== call[field]) throw invalid('field_locked', { field });
  }
  const opens = columns.opensAt;
  const closes = columns.closesAt;
  if (kind === 'proroga') {
    const others = Object.keys(columns).filter((k) => k !== 'closesAt');
    if (others.length > 0 || !closes) throw invalid('proroga_deadline_only');
    if (closes <= call.closesAt) throw invalid('proroga_not_later', { field: 'closesDate' });
    return;
  }
  if (closes && closes.getTime() !== call.closesAt.getTime()) throw invalid('deadline_needs_proroga', { field: 'closesDate' });
  if (opens && opens.getTime() !== call.opensAt.getTime()) {
    if (now >= call.opensAt) throw invalid('opens_locked', { field: 'opensDate' });
    if (opens <= now) throw invalid('opens_in_past', { field: 'opensDate' });
  }
}

const problemFields: Record<string, string> = {
  ready_title: 'titleEn',
  ready_summary: 'summaryEn',
  ready_body: 'bodyEn',
  ready_themes: 'themes',
  ready_applicants: 'applicantTypes',
  ready_neighbourhoods: 'neighbourhoodIds',
  ready_budget: 'maxGrant',
};
function problemField(problem: string) {
  return problemFields[problem] ? { field: problemFields[problem] } : {};
}

/** Fields whose value differs, as { from, to }: dates as ISO instants, amounts in cents, lists whole. */
function diff(call: CallRow, columns: Partial<Editable>): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const [key, to] of Object.entries(columns)) {
    const from = call[key as keyof Editable];
    if (stable(from) !== stable(to)) out[key] = { from: jsonValue(from), to: jsonValue(to) };
  }
  return out;
}
const jsonValue = (v: unknown) => (v instanceof Date ? v.toISOString() : v);

/** JSON with object keys sorted: jsonb hands keys back in its own order, which is no change. */
function stable(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

async function apply(tx: Tx, callId: string, columns: Partial<Editable> & { version?: number }, areas: string[] | undefined, now: Date) {
  await tx
    .update(calls)
    .set({ ...columns, updatedAt: now })
    .where(eq(calls.id, callId));
  if (!areas) return;
  await tx.delete(callNeighbourhoods).where(eq(callNeighbourhoods.callId, callId));
  if (areas.length) await tx.insert(callNeighbourhoods).values(areas.map((neighbourhoodId) => ({ callId, neighbourhoodId })));
}

/** The amendment record names neighbourhoods, so it reads on its own years later. */
async function withNames(tx: Tx, change: { from: unknown; to: unknown }) {
  const ids = [...(change.from as string[]), ...(change.to as string[])];
  const rows = ids.length
    ? await tx.select({ id: neighbourhoods.id, name: neighbourhoods.name }).from(neighbourhoods).where(inArray(neighbourhoods.id, ids))
    : [];
  const name = (id: string) => rows.find((r) => r.id === id)?.name ?? id;
  return { from: (change.from as string[]).map(name), to: (change.to as string[]).map(name) };
}
