import { asc, count, eq } from 'drizzle-orm';
import { calls, milestoneTemplates, startups } from '../../../db/schema/index.ts';
import { isUuid } from '../../lib/ids.ts';
import type { Db, Queryable } from '../../lib/server/db/index.ts';
import { recordAudit } from '../audit/record-audit.server.ts';
import type { RequestContext } from '../context.ts';
import { invalid, notFound } from '../errors.ts';
import { authorize } from '../policy.ts';
import { defaultTemplate, type TemplateRow } from './milestone-plan.ts';
import type { MilestoneTemplateForm } from './milestone.schema.ts';
import { parseTemplate } from './milestone-template.ts';

export type CallRow = typeof calls.$inferSelect;
export type TemplateView = { call: CallRow; rows: readonly TemplateRow[]; isDefault: boolean; startupCount: number };

/** The call, locked against concurrent edits of its template and settings. */
export async function lockCall(tx: Queryable, callId: string): Promise<CallRow> {
  if (!isUuid(callId)) throw notFound('call_not_found');
  const [call] = await tx.select().from(calls).where(eq(calls.id, callId)).for('no key update');
  if (!call) throw notFound('call_not_found');
  return call;
}

/** Staff's view of a call's template: its own rows, or the default path it would use, and how many start-ups it has. */
export async function getMilestoneTemplate(db: Queryable, ctx: RequestContext, callId: string): Promise<TemplateView> {
  authorize(ctx.actor, 'startup.manage');
  if (!isUuid(callId)) throw notFound('call_not_found');
  const [call] = await db.select().from(calls).where(eq(calls.id, callId));
  if (!call) throw notFound('call_not_found');
  const [rows, [started]] = await Promise.all([
    db.select().from(milestoneTemplates).where(eq(milestoneTemplates.callId, callId)).orderBy(asc(milestoneTemplates.position)),
    db.select({ n: count() }).from(startups).where(eq(startups.callId, callId)),
  ]);
  return { call, rows: rows.length > 0 ? rows : defaultTemplate, isDefault: rows.length === 0, startupCount: started?.n ?? 0 };
}

/**
 * Replaces the call's template with the editor's rows (validated by parseTemplate). It shapes the
 * plans of start-ups created from now on; plans already instantiated keep their milestones, whose
 * dates staff adjust one by one (a change of template must not move dates a team was given).
 */
export async function saveMilestoneTemplate(db: Db, ctx: RequestContext, form: MilestoneTemplateForm): Promise<TemplateRow[]> {
  authorize(ctx.actor, 'startup.manage');
  const parsed = parseTemplate(form);
  if (!parsed.ok) {
    const first = parsed.errors[0]!;
    throw invalid(first.code, { field: first.field, ...first.params });
  }
  return db.transaction(async (tx) => {
    const call = await lockCall(tx, form.callId);
    const before = await tx.select({ id: milestoneTemplates.id }).from(milestoneTemplates).where(eq(milestoneTemplates.callId, call.id));
    await tx.delete(milestoneTemplates).where(eq(milestoneTemplates.callId, call.id));
    await tx.insert(milestoneTemplates).values(parsed.rows.map((r) => ({ ...r, callId: call.id })));
    await recordAudit(tx, ctx, {
      action: 'incubation.template-saved',
      entityType: 'call',
      entityId: call.id,
      summary: { rowsBefore: before.length, rows: parsed.rows.map((r) => ({ kind: r.kind, dueAfterDays: r.dueAfterDays, everyMonths: r.everyMonths, repeatCount: r.repeatCount })) },
    });
    return parsed.rows;
  });
}
