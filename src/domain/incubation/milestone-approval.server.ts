import { and, asc, eq, sql } from 'drizzle-orm';
import { milestones, startups } from '../../../db/schema/index.ts';
import type { Queryable } from '../../lib/server/db/index.ts';
import { recordAudit } from '../audit/record-audit.server.ts';
import type { RequestContext } from '../context.ts';
import { markTranchesEligible } from '../money/tranche-eligibility.server.ts';
import { nextToStart, stageOf, type StartupStage } from './milestone-stage.ts';
import { milestoneTarget } from './milestone-workflow.ts';

export type AfterApproval = { tranchesEligible: number; startedId: string | null; stage: StartupStage | null };

/**
 * What follows a milestone's approval, in the approving transaction (deliverables here, monitoring
 * reports in monitoring*.server.ts): tranches waiting for it become eligible, the next planned
 * milestone starts when none is in progress, and the start-up's public stage moves on. The
 * milestone itself must already be `approved`.
 */
export async function afterMilestoneApproved(tx: Queryable, ctx: RequestContext, milestoneId: string, startupId: string): Promise<AfterApproval> {
  const tranchesEligible = await markTranchesEligible(tx, ctx, milestoneId);
  const plan = await tx
    .select({ id: milestones.id, position: milestones.position, kind: milestones.kind, status: milestones.status })
    .from(milestones)
    .where(eq(milestones.startupId, startupId))
    .orderBy(asc(milestones.position));
  const next = nextToStart(plan);
  if (next) {
    // Only if still planned: the team may have handed it in meanwhile (no lock on the whole plan).
    const started = await tx
      .update(milestones)
      .set({ status: milestoneTarget.start, version: sql`${milestones.version} + 1`, updatedAt: ctx.now() })
      .where(and(eq(milestones.id, next.id), eq(milestones.status, 'planned')))
      .returning({ id: milestones.id });
    if (started.length > 0) await recordAudit(tx, ctx, { action: 'milestone.started', entityType: 'milestone', entityId: next.id, summary: { startupId, after: milestoneId } });
  }
  const stage = stageOf(plan);
  if (stage) {
    const [before] = await tx.select({ stage: startups.stage }).from(startups).where(eq(startups.id, startupId));
    if (before && before.stage !== stage) {
      await tx.update(startups).set({ stage }).where(eq(startups.id, startupId));
      await recordAudit(tx, ctx, { action: 'startup.stage-changed', entityType: 'startup', entityId: startupId, summary: { from: before.stage, to: stage, milestoneId } });
    }
  }
  return { tranchesEligible, startedId: next?.id ?? null, stage };
}
