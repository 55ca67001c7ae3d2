import { eq } from 'drizzle-orm';
import { businessPlanComments, businessPlans } from '../../../db/schema/index.ts';
import type { Db } from '../../lib/server/db/index.ts';
import { recordAudit } from '../audit/record-audit.server.ts';
import type { RequestContext } from '../context.ts';
import { invalid } from '../errors.ts';
import { planAccess } from './business-plan-access.server.ts';
import { COMMENT_MAX_CHARS, isCommentTarget, type CommentTarget } from './business-plan-rules.ts';

/** `planVersion`: the working copy's version the coach was reading (the form carries it). */
export type CommentPlanInput = { startupId: string; section: CommentTarget; body: string; planVersion?: number | null };

/**
 * The start-up's coach comments on one section of the business plan (or on its financial plan).
 * The comment records the working copy's version it was written on, so the team can tell a
 * remark on text they have since rewritten. Only the assigned coach: staff supervise, they do not
 * coach (policy 'plan.comment').
 */
export async function commentBusinessPlan(db: Db, ctx: RequestContext, input: CommentPlanInput) {
  const body = (input.body ?? '').replace(/\r\n?/g, '\n').trim();
  if (!isCommentTarget(input.section)) throw invalid('section_unknown', { field: 'section' });
  if (!body) throw invalid('comment_required', { field: 'body' });
  if (body.length > COMMENT_MAX_CHARS) throw invalid('comment_too_long', { field: 'body', max: COMMENT_MAX_CHARS });

  return db.transaction(async (tx) => {
    await planAccess(tx, ctx, input.startupId, 'comment');
    const [working] = await tx.select({ version: businessPlans.version }).from(businessPlans).where(eq(businessPlans.startupId, input.startupId));
    // The version the coach read when it is a real one; otherwise (an old form, tampering) the current.
    const current = working?.version ?? 0;
    const read = input.planVersion ?? current;
    const planVersion = Number.isInteger(read) && read >= 0 && read <= current ? read : current;
    const [comment] = await tx
      .insert(businessPlanComments)
      .values({ startupId: input.startupId, section: input.section, planVersion, authorId: ctx.actor!.userId, body, createdAt: ctx.now() })
      .returning();
    await recordAudit(tx, ctx, {
      action: 'business_plan.commented',
      entityType: 'business_plan_comment',
      entityId: comment!.id,
      summary: { startupId: input.startupId, section: input.section, planVersion: comment!.planVersion, length: body.length },
    });
    return comment!;
  });
}
