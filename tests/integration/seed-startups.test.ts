import { asc, count, eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditEvents, milestones, outboxMessages, proposals, startupCoaches, startupMembers, startups } from '../../db/schema/index.ts';
import { seedEvaluation } from '../../db/seed/evaluation.ts';
import { INCUBATED_CALL_SLUG, seedStartups, STARTUP_AGES_DAYS } from '../../db/seed/startups.ts';
import { browseStartups } from '../../src/domain/incubation/public-startups.server.ts';
import { createNeighbourhood, createProgramme, createUser, ideAzioneNeighbourhoods } from '../factories/index.ts';
import { useTestDb } from '../support/db.ts';

const t = useTestDb();
const DAY = 86_400_000;

async function prepare() {
  const programme = await createProgramme(t.db);
  const places: { id: string }[] = [];
  for (const n of ideAzioneNeighbourhoods) places.push(await createNeighbourhood(t.db, n));
  const staff = await createUser(t.db, 'staff');
  const coach = await createUser(t.db, 'coach', { email: 'coach@vivaio.example' });
  const resident = await createUser(t.db, 'resident', { email: 'residente@vivaio.example', name: 'Aisha Residente' });
  await createUser(t.db, 'evaluator', { email: 'valutatore@vivaio.example' });
  await t.db.transaction((tx) => seedEvaluation(tx, { programmeId: programme.id, neighbourhoodIds: places.map((p) => p.id), staffUserId: staff.id }));
  return { staff, coach, resident };
}

describe('seedStartups', () => {
  it('incubates the funded proposals of the final-ranking call at three ages, with coach, demo resident and consents; once', async () => {
    const { staff, coach, resident } = await prepare();
    const now = new Date();
    const created = await t.db.transaction((tx) => seedStartups(tx, { staffUserId: staff.id, origin: 'http://demo.test' }, now));

    expect(created).toHaveLength(3);
    expect(created.map((s) => Math.round((now.getTime() - s.createdAt.getTime()) / DAY))).toEqual([...STARTUP_AGES_DAYS]);
    expect(created.map((s) => s.slug)).toEqual(['basket-in-piazza-lanza', 'calcio-femminile-di-cortile', 'ginnastica-dolce-per-over-65']);
    expect(created.map((s) => s.publicConsent)).toEqual([true, true, false]);
    expect(created.every((s) => s.need && s.offer && s.neighbourhoodId)).toBe(true);
    expect(created[0]!.shareMonitoringWithDonors).toBe(true);

    const ids = created.map((s) => s.id);
    const statuses = await t.db.select({ status: proposals.status }).from(proposals).innerJoin(startups, eq(startups.proposalId, proposals.id));
    expect(statuses.every((p) => p.status === 'incubated')).toBe(true);
    const coached = await t.db.select().from(startupCoaches).where(inArray(startupCoaches.startupId, ids));
    expect(coached.map((c) => c.coachId)).toEqual([coach.id, coach.id, coach.id]);
    const members = await t.db.select().from(startupMembers).where(eq(startupMembers.userId, resident.id));
    expect(members.map((m) => m.startupId)).toEqual([created[0]!.id]);

    // Plans from each start date: the oldest is well into monitoring, the newest just begun.
    const firstDue = await t.db.select({ startupId: milestones.startupId, dueOn: milestones.dueOn }).from(milestones).where(eq(milestones.position, 1)).orderBy(asc(milestones.dueOn));
    expect(firstDue).toHaveLength(3);
    expect(new Set(firstDue.map((m) => m.dueOn)).size).toBe(3);

    // The past is not emailed; the consents are on record.
    expect((await t.db.select({ n: count() }).from(outboxMessages))[0]!.n).toBe(0);
    const consents = await t.db.select().from(auditEvents).where(eq(auditEvents.action, 'startup.consent_given'));
    expect(consents).toHaveLength(3);
    expect((await browseStartups(t.db, { neighbourhood: null, stage: null, page: 1 })).total).toBe(2);

    const counted = async () => (await t.db.select({ n: count() }).from(startups))[0]!.n;
    expect(await t.db.transaction((tx) => seedStartups(tx, { staffUserId: staff.id }))).toEqual([]);
    expect(await counted()).toBe(3);
  });

  it('does nothing without the demo call', async () => {
    const staff = await createUser(t.db, 'staff');
    expect(await t.db.transaction((tx) => seedStartups(tx, { staffUserId: staff.id }))).toEqual([]);
    expect(INCUBATED_CALL_SLUG).toBe('sport-nei-cortili-2025');
  });
});
