import { asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { milestones, proposalEvents, proposals, startupMembers, startups } from '../../db/schema/index.ts';
import { createStartupsFromRanking } from '../../src/domain/incubation/create-startups.server.ts';
import { incubationCandidates } from '../../src/domain/incubation/incubation-candidates.server.ts';
import { createUser } from '../factories/index.ts';
import { testContext } from '../support/context.ts';
import { useTestDb } from '../support/db.ts';
import { at, auditTrail, DAY, domainError, outbox, rowCount } from './helpers.ts';
import { publishRanking, rankedCall } from './startups-setup.ts';

const t = useTestDb();
const onPostgres = t.kind === 'postgres';

describe('creating start-ups from a final ranking', () => {
  it('turns exactly the funded proposals of the final ranking into start-ups, in one audited step', async () => {
    const { call, ctx, staff, place, leads, proposals: [p1, p2, p3, p4], ranking } = await rankedCall(t.db);
    const result = await createStartupsFromRanking(t.db, { ...ctx, requestId: 'req-incubate' }, { callId: call.id });

    expect(result.rankingId).toBe(ranking!.id);
    expect(result.created.map((s) => [s.proposalId, s.slug, s.name])).toEqual([
      [p1.id, 'doposcuola-di-cortile', 'Doposcuola di cortile'],
      [p2.id, 'doposcuola-di-cortile-2', 'Doposcuola di cortile'],
    ]);
    const [first, second] = result.created;
    expect(first).toMatchObject({ callId: call.id, neighbourhoodId: place.id, stage: 'pre_feasibility', publicConsent: false, createdBy: staff.id, createdAt: at(0) });
    expect(second!.neighbourhoodId).toBeNull();

    // Funded → incubated with a timeline event; the others keep their outcome (p3 was funded only provisionally).
    const statuses = await t.db.select({ id: proposals.id, status: proposals.status }).from(proposals);
    expect(Object.fromEntries(statuses.map((s) => [s.id, s.status]))).toEqual({ [p1.id]: 'incubated', [p2.id]: 'incubated', [p3.id]: 'eligible_not_funded', [p4.id]: 'below_threshold' });
    const events = await t.db.select().from(proposalEvents).where(eq(proposalEvents.proposalId, p1.id));
    expect(events.map((e) => [e.fromStatus, e.toStatus, e.actorId])).toEqual([['funded', 'incubated', staff.id]]);

    // The team: the proposer as lead with the account (their own team row gives the role), the others by name.
    const team = await t.db.select().from(startupMembers).where(eq(startupMembers.startupId, first!.id)).orderBy(asc(startupMembers.position));
    expect(team.map((m) => [m.name, m.role, m.lead, m.userId])).toEqual([
      ['Agata Russo', 'referente', true, leads[0]!.id],
      ['Orazio Greco', 'educatore', false, null],
    ]);

    // The milestone plan (the call has no template: the default path) from today's Rome day.
    const plan = await t.db.select().from(milestones).where(eq(milestones.startupId, first!.id)).orderBy(asc(milestones.position));
    expect(plan).toHaveLength(10);
    expect(plan[0]).toMatchObject({ kind: 'pre_feasibility', dueOn: '2026-04-01' });

    const mail = await outbox(t.db);
    expect(mail.map((m) => [m.template, m.toAddress, m.locale])).toEqual([
      ['startupCreated', leads[0]!.email, 'it'],
      ['startupCreated', leads[1]!.email, 'en'],
    ]);
    expect(mail[1]!.textBody).toContain(`http://vivaio.test/en/me/startups/${second!.id}`);
    expect(mail[0]!.subject).toContain('Doposcuola di cortile');

    const audit = await auditTrail(t.db);
    expect(audit.map((a) => [a.action, a.entityId, a.actorId, a.requestId])).toEqual([
      ['startup.created', first!.id, staff.id, 'req-incubate'],
      ['startup.created', second!.id, staff.id, 'req-incubate'],
      ['ranking.incubated', ranking!.id, staff.id, 'req-incubate'],
    ]);
    expect(audit[2]!.summary).toEqual({ callId: call.id, count: 2, startupIds: [first!.id, second!.id] });
  });

  it('is idempotent; after a scorrimento it creates only the newly funded start-up', async () => {
    const { call, ctx, proposals: [p1, p2, p3, p4] } = await rankedCall(t.db);
    await createStartupsFromRanking(t.db, ctx, { callId: call.id });
    const again = await createStartupsFromRanking(t.db, ctx, { callId: call.id });
    expect(again.created).toEqual([]);
    expect(await rowCount(t.db, startups)).toBe(2);
    expect((await auditTrail(t.db)).length).toBe(3);
    expect((await outbox(t.db)).length).toBe(2);

    // Money frees up: a new final ranking funds p3 (scorrimento sets it funded).
    await t.db.update(proposals).set({ status: 'funded' }).where(eq(proposals.id, p3.id));
    await publishRanking(t.db, call.id, 'final', [[p1, 'funded'], [p2, 'funded'], [p3, 'funded'], [p4, 'below_threshold']], at(-DAY));
    const slid = await createStartupsFromRanking(t.db, ctx, { callId: call.id });
    expect(slid.created.map((s) => [s.proposalId, s.slug])).toEqual([[p3.id, 'ciclofficina-popolare']]);
    expect(await rowCount(t.db, startups)).toBe(3);
  });

  it('is refused without a final ranking, for anyone but staff, and for unknown calls; nothing is written', async () => {
    const { call, ctx, leads } = await rankedCall(t.db, { final: false });
    expect((await domainError(createStartupsFromRanking(t.db, ctx, { callId: call.id }))).code).toBe('no_final_ranking');
    const coach = await createUser(t.db, 'coach');
    for (const actor of [leads[0]!.actor, coach.actor, null]) {
      const error = await domainError(createStartupsFromRanking(t.db, testContext({ actor }), { callId: call.id }));
      expect(error.kind).toBe('forbidden');
    }
    expect((await domainError(createStartupsFromRanking(t.db, ctx, { callId: crypto.randomUUID() }))).code).toBe('call_not_found');
    expect((await domainError(createStartupsFromRanking(t.db, ctx, { callId: 'not-a-uuid' }))).code).toBe('call_not_found');
    expect(await rowCount(t.db, startups)).toBe(0);
    expect(await auditTrail(t.db)).toEqual([]);
    expect(await outbox(t.db)).toEqual([]);
  });

  it('offers staff each call with a final ranking and how many start-ups are left to create', async () => {
    const { call, ctx, ranking } = await rankedCall(t.db);
    const before = await incubationCandidates(t.db, ctx);
    expect(before).toEqual([expect.objectContaining({ callId: call.id, rankingId: ranking!.id, funded: 2, incubated: 0, pending: 2, publishedAt: at(-5 * DAY) })]);
    await createStartupsFromRanking(t.db, ctx, { callId: call.id });
    expect(await incubationCandidates(t.db, ctx)).toEqual([expect.objectContaining({ funded: 2, incubated: 2, pending: 0 })]);
    expect((await domainError(incubationCandidates(t.db, testContext({ actor: (await createUser(t.db, 'coach')).actor })))).kind).toBe('forbidden');
  });
});

describe.skipIf(!onPostgres)('two staff members at once (PostgreSQL: PGlite has one connection)', () => {
  it('creates each start-up once: the second run waits for the first and finds nothing left', async () => {
    const { call, ctx } = await rankedCall(t.db);
    const [a, b] = [(await t.connect()).db, (await t.connect()).db];
    const results = await Promise.all([createStartupsFromRanking(a, ctx, { callId: call.id }), createStartupsFromRanking(b, ctx, { callId: call.id })]);
    expect(results.map((r) => r.created.length).sort()).toEqual([0, 2]);
    expect(await rowCount(t.db, startups)).toBe(2);
    expect((await outbox(t.db)).length).toBe(2);
  });
});
