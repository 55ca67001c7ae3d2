import { eq, max } from 'drizzle-orm';
import { deliverables, milestones } from '../../../db/schema/index.ts';
import type { Db } from '../../lib/server/db/index.ts';
import type { Storage } from '../../lib/server/storage/index.ts';
import { recordAudit } from '../audit/record-audit.server.ts';
import type { RequestContext } from '../context.ts';
import { conflict, invalid } from '../errors.ts';
import { saveUpload } from '../files/save-upload.server.ts';
import { authorize } from '../policy.ts';
import { DELIVERABLE_FILE, DELIVERABLE_MAX, DELIVERABLE_MAX_FILES, DELIVERABLE_MAX_TOTAL_BYTES } from './milestone.schema.ts';
import { lockMilestone, type MilestoneRow } from './milestone-tx.server.ts';
import { notifyCoaches } from './monitoring-mail.server.ts';
import { canMoveMilestone, milestoneTarget } from './milestone-workflow.ts';

export type SubmitDeliverableInput = { milestoneId: string; body: string; files?: readonly File[] };
export type DeliverableRow = typeof deliverables.$inferSelect;

/**
 * The team hands in a milestone's work: markdown text (sanitised when shown) and up to
 * DELIVERABLE_MAX_FILES files (DELIVERABLE_MAX_TOTAL_BYTES together), checked by content and stored privately (owner `deliverable`: only
 * the team, its coaches and staff download them). Allowed while the milestone is open and not
 * waiting for the coach (the workflow's `submit`); every submission is kept with its number, so the
 * history shows each round of feedback. The coaches are emailed in the same transaction.
 * Monitoring milestones take a monitoring report instead (src/domain/incubation/monitoring*).
 */
export async function submitDeliverable(db: Db, storage: Storage, ctx: RequestContext, input: SubmitDeliverableInput): Promise<DeliverableRow> {
  const body = (input.body ?? '').trim();
  const files = input.files ?? [];
  if (!body) throw invalid('deliverable_required', { field: 'body' });
  if (body.length > DELIVERABLE_MAX) throw invalid('text_too_long', { field: 'body', max: DELIVERABLE_MAX });
  if (files.length > DELIVERABLE_MAX_FILES) throw invalid('too_many_files', { field: 'files', max: DELIVERABLE_MAX_FILES });
  if (files.reduce((n, f) => n + f.size, 0) > DELIVERABLE_MAX_TOTAL_BYTES) throw invalid('files_too_large', { field: 'files', maxMb: DELIVERABLE_MAX_TOTAL_BYTES / (1024 * 1024) });
  const stored: string[] = [];
  try {
    return await db.transaction(async (tx) => {
      const { milestone, startup, facts } = await lockMilestone(tx, input.milestoneId);
      authorize(ctx.actor, 'milestone.submit', facts);
      requireSubmittable(milestone);
      const id = crypto.randomUUID();
      const [last] = await tx.select({ seq: max(deliverables.seq) }).from(deliverables).where(eq(deliverables.milestoneId, milestone.id));
      const seq = (last?.seq ?? 0) + 1;
      const [row] = await tx.insert(deliverables).values({ id, milestoneId: milestone.id, seq, body, submittedBy: ctx.actor!.userId, submittedAt: ctx.now() }).returning();
      for (const file of files) {
        const saved = await saveUpload(tx, storage, ctx, { ownerType: 'deliverable', ownerId: id, file, ...DELIVERABLE_FILE });
        stored.push(saved.storageKey);
      }
      await tx
        .update(milestones)
        .set({ status: milestoneTarget.submit, version: milestone.version + 1, updatedAt: ctx.now() })
        .where(eq(milestones.id, milestone.id));
      await recordAudit(tx, ctx, {
        action: 'deliverable.submitted',
        entityType: 'milestone',
        entityId: milestone.id,
        summary: { startupId: startup.id, deliverableId: id, seq, from: milestone.status, files: files.length, length: body.length },
      });
      await notifyCoaches(tx, ctx, startup, milestone);
      return row!;
    });
  } catch (error) {
    // The transaction rolled back: the bytes already written would be orphans.
    await Promise.all(stored.map((key) => storage.remove(key).catch(() => {})));
    throw error;
  }
}

function requireSubmittable(milestone: MilestoneRow): void {
  if (milestone.kind === 'monitoring') throw conflict('monitoring_uses_report');
  if (canMoveMilestone(milestone.status, 'submit')) return;
  throw conflict(milestone.status === 'approved' ? 'milestone_approved' : 'awaiting_review');
}
