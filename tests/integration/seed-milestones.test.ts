import { asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { deliverables, milestones, startups } from '../../db/schema/index.ts';
import { seedMilestones } from '../../db/seed/milestones.ts';
import { decideDeliverable } from '../../src/domain/incubation/deliverable-decide.server.ts';
import { submitDeliverable } from '../../src/domain/incubation/deliverable-submit.server.ts';
import { listMilestones } from '../../src/domain/incubation/milestones-read.server.ts';
import { createLocalStorage } from '../../src/lib/server/storage/local.ts';
import { createStartup, createUser } from '../factories/index.ts';
import { testContext } from '../support/context.ts';
import { useTestDb } from '../support/db.ts';
import { rowCount } from './helpers.ts';

const t = useTestDb();
const now = new Date('2026-06-15T10:00:00Z');
const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000).toISOString().slice(0, 10);

async function seeded() {
  const coach = await createUser(t.db, 'coach');
  const created = [];
  for (const age of [400, 200, 60]) created.push(await createStartup(t.db, { coachIds: [coach.id], planFrom: daysAgo(age) }));
  const result = await seedMilestones(t.db, { startups: created, coachUserId: coach.id, now });
  return { coach, created, result };
}

const statusesOf = async (startupId: string) =>
  (await t.db.select({ kind: milestones.kind, status: milestones.status }).from(milestones).where(eq(milestones.startupId, startupId)).orderBy(asc(milestones.position))).map(
    (m) => `${m.kind}:${m.status}`,
  );

describe('milestone demo data', () => {
  it('puts the start-ups at different stages, with histories dated in the past', async () => {
    const { created, result } = await seeded();
    expect(result).toEqual({ deliverables: 11, approved: 7, submitted: 1, changesRequested: 1 });
    expect((await statusesOf(created[0]!.id)).slice(0, 7)).toEqual([
      'pre_feasibility:approved',
      'business_model:approved',
      'business_plan:approved',
      'financial_plan:approved',
      'legal_constitution:submitted',
      'launch:in_progress',
      'monitoring:planned',
    ]);
    expect((await statusesOf(created[1]!.id)).slice(0, 4)).toEqual(['pre_feasibility:approved', 'business_model:approved', 'business_plan:changes_requested', 'financial_plan:planned']);
    expect((await statusesOf(created[2]!.id)).slice(0, 3)).toEqual(['pre_feasibility:approved', 'business_model:in_progress', 'business_plan:planned']);
    const stages = await t.db.select({ id: startups.id, stage: startups.stage }).from(startups);
    expect(created.map((c) => stages.find((s) => s.id === c.id)!.stage)).toEqual(['legal_constitution', 'business_plan', 'business_model']);

    // Overdue work shows on the plans: the oldest team's launch, the second team's business plan.
    const overdue = async (id: string) => (await listMilestones(t.db, id, now)).filter((m) => m.overdue && m.kind !== 'monitoring').map((m) => m.kind);
    expect(await overdue(created[0]!.id)).toEqual(['legal_constitution', 'launch']);
    expect(await overdue(created[1]!.id)).toEqual(['business_plan', 'financial_plan', 'legal_constitution']);
    expect(await overdue(created[2]!.id)).toEqual([]);

    const all = await t.db.select().from(deliverables);
    for (const d of all) {
      expect(d.submittedAt.getTime()).toBeLessThan(now.getTime());
      if (d.decidedAt) expect(d.decidedAt.getTime()).toBeGreaterThan(d.submittedAt.getTime());
      if (d.decision) expect(d.feedback).toBeTruthy();
    }
  });

  it('is consistent with the use cases: the coach decides the waiting submission, the team hands in the open one; a second run adds nothing', async () => {
    const { coach, created } = await seeded();
    const plan = await listMilestones(t.db, created[0]!.id, now);
    const waiting = plan.find((m) => m.status === 'submitted')!;
    const approved = await decideDeliverable(t.db, testContext({ actor: coach.actor, now: () => now }), { milestoneId: waiting.id, deliverableId: waiting.latestDeliverable!.id, decision: 'approve' });
    expect(approved.milestone.status).toBe('approved');
    const lead = { userId: created[0]!.leadUserId, roles: ['resident' as const], emailVerified: true };
    const launch = plan.find((m) => m.kind === 'launch')!;
    const storage = createLocalStorage('/tmp/vivaio-h5b-seed-unused');
    expect((await submitDeliverable(t.db, storage, testContext({ actor: lead }), { milestoneId: launch.id, body: 'Partiti.' })).seq).toBe(1);

    const before = await rowCount(t.db, deliverables);
    expect(await seedMilestones(t.db, { startups: created, coachUserId: coach.id, now })).toEqual({ deliverables: 0, approved: 0, submitted: 0, changesRequested: 0 });
    expect(await rowCount(t.db, deliverables)).toBe(before);
  });
});
