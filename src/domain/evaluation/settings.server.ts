import { eq } from 'drizzle-orm';
import { calls, evaluationSettings, rankings } from '../../../db/schema/index.ts';
import type { Db, Queryable } from '../../lib/server/db/index.ts';
import { recordAudit } from '../audit/record-audit.server.ts';
import type { RequestContext } from '../context.ts';
import { conflict, invalid, notFound } from '../errors.ts';
import { authorize } from '../policy.ts';
import { readDescriptorRows, storedScale, type DescriptorLabel } from './descriptor-scale.ts';
import type { Consolidation, SettingsInput } from './evaluation.schema.ts';

export type CallRow = typeof calls.$inferSelect;

export type EvaluationSettings = {
  blindReview: boolean;
  consolidation: Consolidation;
  normalise: boolean;
  /** k: evaluators per proposal for automatic assignment and the "fewer than k" filter. */
  reviewersPerProposal: number;
  /** The call's descriptor scale, lowest level first; null: the default five levels (descriptor-scale.ts). */
  descriptors: DescriptorLabel[] | null;
  /** null until staff first save them: the defaults apply meanwhile. */
  updatedAt: Date | null;
};

/** What a call evaluates with until staff choose otherwise (the column defaults of evaluation_settings). */
export const defaultSettings: EvaluationSettings = { blindReview: false, consolidation: 'mean', normalise: false, reviewersPerProposal: 3, descriptors: null, updatedAt: null };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The call's evaluation settings, or the defaults when none were saved (the row is created on first save). */
export async function getEvaluationSettings(db: Queryable, callId: string): Promise<EvaluationSettings> {
  if (!UUID.test(callId)) return defaultSettings;
  const [row] = await db.select().from(evaluationSettings).where(eq(evaluationSettings.callId, callId)).limit(1);
  if (!row) return defaultSettings;
  const consolidation: Consolidation = row.consolidation === 'consensus' ? 'consensus' : 'mean';
  return {
    blindReview: row.blindReview,
    consolidation,
    normalise: row.normalise,
    reviewersPerProposal: row.reviewersPerProposal,
    descriptors: storedScale(row.descriptors),
    updatedAt: row.updatedAt,
  };
}

/**
 * The call, locked for the rest of the transaction. Every change to a call's commission,
 * settings or assignments takes this lock, so two colleagues (or an automatic assignment and a
 * manual one) cannot interleave: membership and "never twice the same evaluator" hold.
 */
export async function lockEvaluationCall(tx: Queryable, callId: string): Promise<CallRow> {
  if (!UUID.test(callId)) throw notFound('not_found');
  const [call] = await tx.select().from(calls).where(eq(calls.id, callId)).for('no key update').limit(1);
  if (!call) throw notFound('not_found');
  return call;
}

const rankedPhases: readonly CallRow['phase'][] = ['ranking_provisional', 'ranking_final', 'archived'];

/** Once a provisional ranking is out, the method it was computed with is part of the record. */
export async function rankingPublished(db: Queryable, call: CallRow): Promise<boolean> {
  if (rankedPhases.includes(call.phase)) return true;
  const [row] = await db.select({ id: rankings.id }).from(rankings).where(eq(rankings.callId, call.id)).limit(1);
  return row !== undefined;
}

/**
 * Saves the settings (creating the row on first save); refused once a provisional ranking is
 * published. The descriptor scale comes as the form's rows (readDescriptorRows: none filled is
 * the default scale); a wrong row refuses the whole save with every problem on its field.
 * Without rows (a caller that does not edit the scale) the scale stays as it is.
 */
export async function saveEvaluationSettings(db: Db, ctx: RequestContext, input: SettingsInput): Promise<EvaluationSettings> {
  authorize(ctx.actor, 'evaluation.manage');
  const scale = input.descriptorRows ? readDescriptorRows(input.descriptorRows) : null;
  if (scale && Object.keys(scale.errors).length > 0) throw invalid('descriptors_invalid', { errors: scale.errors });
  return db.transaction(async (tx) => {
    const call = await lockEvaluationCall(tx, input.callId);
    if (await rankingPublished(tx, call)) throw conflict('settings_locked');
    const before = await getEvaluationSettings(tx, call.id);
    const values = {
      blindReview: input.blindReview,
      consolidation: input.consolidation,
      normalise: input.normalise,
      reviewersPerProposal: input.reviewersPerProposal,
      descriptors: scale ? scale.labels : before.descriptors,
      updatedAt: ctx.now(),
    };
    await tx
      .insert(evaluationSettings)
      .values({ callId: call.id, ...values })
      .onConflictDoUpdate({ target: evaluationSettings.callId, set: values });
    const { updatedAt, ...to } = values;
    const { updatedAt: _, ...from } = before;
    await recordAudit(tx, ctx, { action: 'evaluation.settings_saved', entityType: 'call', entityId: call.id, summary: { from, to } });
    return { ...to, updatedAt };
  });
}

/** The call and its settings for the staff pages; whether they may still change. A bad id is a 404. */
export async function getEvaluationOverview(db: Db, ctx: RequestContext, callId: string) {
  authorize(ctx.actor, 'evaluation.manage');
  if (!UUID.test(callId)) throw notFound('not_found');
  const [call] = await db.select().from(calls).where(eq(calls.id, callId)).limit(1);
  if (!call) throw notFound('not_found');
  return { call, settings: await getEvaluationSettings(db, callId), locked: await rankingPublished(db, call) };
}
