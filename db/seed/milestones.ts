import { and, asc, eq, inArray, isNotNull } from 'drizzle-orm';
import { deliverables, milestones, startupMembers, startups } from '../schema/index.ts';
import type { Queryable } from '../../src/lib/server/db/index.ts';
import { romeDayStart } from '../../src/lib/format.ts';
import { stageOf } from '../../src/domain/incubation/milestone-stage.ts';
import type { MilestoneStatus } from '../../src/domain/incubation/milestone-workflow.ts';
import { demoDeliverables } from './milestone-texts.ts';

/**
 * Milestone demo (issue 5): the seeded start-ups' plans (already instantiated, oldest first) at
 * different points, through the same tables the use cases write:
 * - the oldest: its first four milestones approved (the pre-feasibility after one round of
 *   changes), the legal constitution handed in two days ago and waiting for the coach, the launch in progress
 *   and overdue (the team can hand it in: the browser journey uses it);
 * - the second: two milestones approved, the business plan sent back with changes requested (and
 *   overdue);
 * - the newest: its pre-feasibility approved, the business model in progress.
 * Monitoring milestones are left to the monitoring demo (their deliverable is the report).
 * Idempotent: a start-up that already has a deliverable is left alone.
 */
export type SeedMilestonesOptions = { startups: readonly { id: string }[]; coachUserId: string; now?: Date };
export type SeedMilestonesResult = { deliverables: number; approved: number; submitted: number; changesRequested: number };

type Step = 'approved' | 'approvedAfterChanges' | 'submitted' | 'changes' | 'in_progress';
const scenarios: readonly Step[][] = [
  ['approvedAfterChanges', 'approved', 'approved', 'approved', 'submitted', 'in_progress'],
  ['approved', 'approvedAfterChanges', 'changes'],
  ['approved', 'in_progress'],
];

const DAY = 86_400_000;
const HOUR = 3_600_000;

export async function seedMilestones(tx: Queryable, o: SeedMilestonesOptions): Promise<SeedMilestonesResult> {
  const now = o.now ?? new Date();
  const result: SeedMilestonesResult = { deliverables: 0, approved: 0, submitted: 0, changesRequested: 0 };
  for (const [i, startup] of o.startups.entries()) {
    const steps = scenarios[Math.min(i, scenarios.length - 1)]!;
    const plan = await tx.select().from(milestones).where(eq(milestones.startupId, startup.id)).orderBy(asc(milestones.position));
    if (plan.length === 0 || (await hasDeliverables(tx, plan.map((m) => m.id)))) continue;
    const [lead] = await tx
      .select({ userId: startupMembers.userId })
      .from(startupMembers)
      .where(and(eq(startupMembers.startupId, startup.id), isNotNull(startupMembers.userId)))
      .orderBy(asc(startupMembers.position));
    const work = plan.filter((m) => m.kind !== 'monitoring');
    const statuses = new Map<string, MilestoneStatus>(plan.map((m) => [m.id, 'planned']));
    for (const [k, m] of work.entries()) {
      const step = steps[k];
      if (!step) break;
      const status = await play(tx, { milestone: m, step, teamUserId: lead?.userId ?? null, coachUserId: o.coachUserId, now }, result);
      statuses.set(m.id, status);
    }
    const stage = stageOf(plan.map((m) => ({ ...m, status: statuses.get(m.id)! })));
    if (stage) await tx.update(startups).set({ stage }).where(eq(startups.id, startup.id));
  }
  return result;
}

type Play = { milestone: typeof milestones.$inferSelect; step: Step; teamUserId: string | null; coachUserId: string; now: Date };

/** One milestone's story: its submissions and decisions, dated around its due day but never in the future. */
async function play(tx: Queryable, p: Play, result: SeedMilestonesResult): Promise<MilestoneStatus> {
  const { milestone: m, step, now } = p;
  const texts = demoDeliverables[m.kind as keyof typeof demoDeliverables];
  const due = romeDayStart(m.dueOn).getTime() + 10 * HOUR;
  const at = (offsetDays: number, latest: number) => new Date(Math.min(due + offsetDays * DAY, now.getTime() - latest * DAY));
  const submit = (seq: number, body: string, when: Date, decision: 'approved' | 'changes_requested' | null, feedback: string | null, decidedAt: Date | null) =>
    tx.insert(deliverables).values({
      milestoneId: m.id,
      seq,
      body,
      submittedBy: p.teamUserId,
      submittedAt: when,
      decision,
      feedback,
      decidedBy: decision ? p.coachUserId : null,
      decidedAt,
    });
  let status: MilestoneStatus = 'in_progress';
  let approvedAt: Date | null = null;
  if (step === 'approvedAfterChanges') {
    await submit(1, texts.body, at(-12, 14), 'changes_requested', texts.changes, at(-9, 12));
    await submit(2, texts.revision, at(-4, 8), 'approved', texts.approval, (approvedAt = at(-1, 6)));
    status = 'approved';
  } else if (step === 'approved') {
    await submit(1, texts.body, at(-6, 8), 'approved', texts.approval, (approvedAt = at(-2, 6)));
    status = 'approved';
  } else if (step === 'submitted') {
    // Handed in two days ago, late: the coach has it on the desk now.
    await submit(1, texts.body, new Date(now.getTime() - 2 * DAY), null, null, null);
    status = 'submitted';
  } else if (step === 'changes') {
    await submit(1, texts.body, at(-5, 6), 'changes_requested', texts.changes, at(-2, 3));
    status = 'changes_requested';
  }
  const rounds = step === 'approvedAfterChanges' ? 2 : step === 'in_progress' ? 0 : 1;
  result.deliverables += rounds;
  if (status === 'approved') result.approved += 1;
  if (status === 'submitted') result.submitted += 1;
  if (status === 'changes_requested') result.changesRequested += 1;
  await tx
    .update(milestones)
    .set({ status, approvedAt, approvedBy: approvedAt ? p.coachUserId : null, version: m.version + rounds, updatedAt: approvedAt ?? now })
    .where(eq(milestones.id, m.id));
  return status;
}

async function hasDeliverables(tx: Queryable, milestoneIds: string[]): Promise<boolean> {
  const rows = await tx.select({ id: deliverables.id }).from(deliverables).where(inArray(deliverables.milestoneId, milestoneIds)).limit(1);
  return rows.length > 0;
}
