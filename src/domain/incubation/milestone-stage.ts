import type { startups } from '../../../db/schema/index.ts';
import type { MilestoneKind } from './milestone-plan.ts';
import type { MilestoneStatus } from './milestone-workflow.ts';

export type StartupStage = (typeof startups.$inferSelect)['stage'];

/**
 * Where a start-up stands (shown on its public profile): the kind of its first milestone in plan
 * order not yet approved; `closed` once every milestone is approved (the monitoring period is
 * over). A start-up without a plan keeps the stage it has (null).
 */
export function stageOf(plan: readonly { position: number; kind: MilestoneKind; status: MilestoneStatus }[]): StartupStage | null {
  if (plan.length === 0) return null;
  const open = [...plan].sort((a, b) => a.position - b.position).find((m) => m.status !== 'approved');
  return open ? open.kind : 'closed';
}

/**
 * The milestone the team should work on after an approval: when none is `in_progress`, the first
 * one in plan order still `planned` moves to `in_progress`, so the coach's dashboard shows what the
 * team is on. The team may still hand in any open milestone early.
 */
export function nextToStart<M extends { position: number; status: MilestoneStatus }>(plan: readonly M[]): M | null {
  if (plan.some((m) => m.status === 'in_progress')) return null;
  return [...plan].sort((a, b) => a.position - b.position).find((m) => m.status === 'planned') ?? null;
}
