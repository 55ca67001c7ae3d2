import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { outboxMessages, startupCoaches, startups, users } from '../../db/schema/index.ts';
import { assignCoach, removeCoach } from '../../src/domain/incubation/assign-coach.server.ts';
import { createStartupsFromRanking } from '../../src/domain/incubation/create-startups.server.ts';
import { browseStartups, publicStartup } from '../../src/domain/incubation/public-startups.server.ts';
import { loadStartupFacts } from '../../src/domain/incubation/startup-facts.server.ts';
import { setMonitoringSharing, setPublicConsent, updateProfile } from '../../src/domain/incubation/startup-profile.server.ts';
import { listStaffStartups, staffStartupView } from '../../src/domain/incubation/staff-startups.server.ts';
import { myStartups, teamStartupView } from '../../src/domain/incubation/team-startups.server.ts';
import { can } from '../../src/domain/policy.ts';
import { createUser } from '../factories/index.ts';
import { testContext } from '../support/context.ts';
import { useTestDb } from '../support/db.ts';
import { at, auditTrail, domainError, outbox, rowCount } from './helpers.ts';
import { rankedCall } from './startups-setup.ts';

const t = useTestDb();

/** Two start-ups of one call, with their leads' contexts. */
async function incubated() {
  const setup = await rankedCall(t.db);
  const { created } = await createStartupsFromRanking(t.db, setup.ctx, { callId: setup.call.id });
  const team = (i: number) => testContext({ actor: setup.leads[i]!.actor, now: () => at(0) });
  return { ...setup, startups: created, team };
}

const profile = (startupId: string, version = 1) => ({ startupId, name: 'Doposcuola San Cristoforo', need: 'Mancano **spazi** per studiare.', offer: 'Un doposcuola di cortile.', version });
const publicSlugs = async () => (await browseStartups(t.db, { neighbourhood: null, stage: null, page: 1 })).rows.map((r) => r.slug);

describe('coaches', () => {
  it('staff assign a coach (email, audit) and remove them; the coach list filter follows', async () => {
    const { ctx, startups: [s1, s2], call } = await incubated();
    const coach = await createUser(t.db, 'coach', 'english');
    await t.db.delete(outboxMessages);
    await assignCoach(t.db, ctx, { startupId: s1!.id, coachId: coach.id });

    expect(await rowCount(t.db, startupCoaches)).toBe(1);
    const [mail] = await outbox(t.db);
    expect(mail).toMatchObject({ template: 'coachAssigned', toAddress: coach.email, locale: 'en' });
    expect(mail!.textBody).toContain(`http://vivaio.test/en/coach/startups/${s1!.id}`);
    expect(mail!.textBody).toContain(call.titleEn);
    expect((await loadStartupFacts(t.db, s1!.id))!.facts.coachIds).toEqual([coach.id]);

    const list = await listStaffStartups(t.db, ctx, { callId: null, stage: null, coachId: coach.id, page: 1 });
    expect(list.rows.map((r) => [r.id, r.coaches])).toEqual([[s1!.id, [coach.name]]]);
    expect(list.coaches.map((c) => c.id)).toContain(coach.id);
    expect((await staffStartupView(t.db, ctx, s2!.id)).availableCoaches.map((c) => c.id)).toEqual([coach.id]);

    expect((await domainError(assignCoach(t.db, ctx, { startupId: s1!.id, coachId: coach.id }))).code).toBe('coach_already_assigned');
    await removeCoach(t.db, ctx, { startupId: s1!.id, coachId: coach.id });
    expect(await rowCount(t.db, startupCoaches)).toBe(0);
    expect((await domainError(removeCoach(t.db, ctx, { startupId: s1!.id, coachId: coach.id }))).code).toBe('coach_not_assigned');
    const actions = (await auditTrail(t.db)).map((a) => a.action).filter((a) => a.startsWith('startup.coach'));
    expect(actions).toEqual(['startup.coach_assigned', 'startup.coach_removed']);
  });

  it('only accounts with the coach role, active, may be assigned; only staff assign', async () => {
    const { ctx, leads, startups: [s1] } = await incubated();
    const resident = await createUser(t.db, 'resident');
    const disabled = await createUser(t.db, 'coach', 'disabled');
    for (const id of [resident.id, disabled.id, crypto.randomUUID(), 'x']) {
      const error = await domainError(assignCoach(t.db, ctx, { startupId: s1!.id, coachId: id }));
      expect([error.code, error.details.field]).toEqual(['not_a_coach', 'coachId']);
    }
    const coach = await createUser(t.db, 'coach');
    for (const actor of [coach.actor, leads[0]!.actor]) {
      expect((await domainError(assignCoach(t.db, testContext({ actor }), { startupId: s1!.id, coachId: coach.id }))).kind).toBe('forbidden');
    }
    expect((await domainError(assignCoach(t.db, ctx, { startupId: crypto.randomUUID(), coachId: coach.id }))).code).toBe('startup_not_found');
    expect(await rowCount(t.db, startupCoaches)).toBe(0);
  });
});

describe('the team: profile and consents', () => {
  it('public consent needs a complete profile, shows the profile at once and hides it at once when withdrawn', async () => {
    const { startups: [s1], team } = await incubated();
    expect((await domainError(setPublicConsent(t.db, team(0), { startupId: s1!.id, consent: true }))).code).toBe('profile_incomplete');

    const saved = await updateProfile(t.db, team(0), profile(s1!.id));
    expect(saved).toMatchObject({ name: 'Doposcuola San Cristoforo', version: 2, slug: 'doposcuola-di-cortile', publicConsent: false });
    expect(await publicSlugs()).toEqual([]);
    expect(await publicStartup(t.db, s1!.slug)).toBeNull();
    expect(can(null, 'startup.view', (await loadStartupFacts(t.db, s1!.id))!.facts).ok).toBe(false);

    const given = await setPublicConsent(t.db, team(0), { startupId: s1!.id, consent: true });
    expect(given).toMatchObject({ publicConsent: true, publicConsentAt: at(0) });
    expect(await publicSlugs()).toEqual([s1!.slug]);
    expect(await publicStartup(t.db, s1!.slug)).toMatchObject({ name: 'Doposcuola San Cristoforo', need: 'Mancano **spazi** per studiare.', neighbourhoodName: 'San Cristoforo' });
    expect(can(null, 'startup.view', (await loadStartupFacts(t.db, s1!.id))!.facts).ok).toBe(true);

    const withdrawn = await setPublicConsent(t.db, team(0), { startupId: s1!.id, consent: false });
    expect(withdrawn).toMatchObject({ publicConsent: false, publicConsentAt: null });
    expect(await publicSlugs()).toEqual([]);
    expect(await publicStartup(t.db, s1!.slug)).toBeNull();
    expect(can(null, 'startup.view', (await loadStartupFacts(t.db, s1!.id))!.facts).ok).toBe(false);

    const view = await teamStartupView(t.db, team(0), s1!.id);
    expect(view.consents.map((c) => [c.kind, c.given])).toEqual([['public_profile', false], ['public_profile', true]]);
    const actions = (await auditTrail(t.db)).map((a) => a.action);
    expect(actions.slice(-3)).toEqual(['startup.profile_updated', 'startup.consent_given', 'startup.consent_withdrawn']);
  });

  it('monitoring sharing is the team’s to give and withdraw, and unchanged answers write nothing', async () => {
    const { startups: [s1], team } = await incubated();
    expect(await setMonitoringSharing(t.db, team(0), { startupId: s1!.id, share: true })).toMatchObject({ shareMonitoringWithDonors: true });
    const events = (await auditTrail(t.db)).length;
    await setMonitoringSharing(t.db, team(0), { startupId: s1!.id, share: true });
    expect((await auditTrail(t.db)).length).toBe(events);
    expect(await setMonitoringSharing(t.db, team(0), { startupId: s1!.id, share: false })).toMatchObject({ shareMonitoringWithDonors: false });
  });

  it('a save from an older page is refused; bad input writes nothing', async () => {
    const { startups: [s1], team } = await incubated();
    await updateProfile(t.db, team(0), profile(s1!.id));
    expect((await domainError(updateProfile(t.db, team(0), { ...profile(s1!.id), name: 'Altro' }))).code).toBe('stale_profile');
    const blank = await domainError(updateProfile(t.db, team(0), { ...profile(s1!.id, 2), offer: '   ' }));
    expect([blank.code, blank.details.field]).toEqual(['field_required', 'offer']);
    const [row] = await t.db.select().from(startups).where(eq(startups.id, s1!.id));
    expect(row).toMatchObject({ name: 'Doposcuola San Cristoforo', version: 2 });
  });

  it('another team, a coach or staff cannot edit; a private start-up does not even exist for them', async () => {
    const { ctx, startups: [s1, s2], team } = await incubated();
    const coach = await createUser(t.db, 'coach');
    await t.db.insert(startupCoaches).values({ startupId: s1!.id, coachId: coach.id });
    const coachCtx = testContext({ actor: coach.actor });

    // Team 2 on start-up 1, while it is private: not found (its existence does not leak).
    expect((await domainError(updateProfile(t.db, team(1), profile(s1!.id)))).code).toBe('startup_not_found');
    expect((await domainError(teamStartupView(t.db, team(1), s1!.id))).code).toBe('startup_not_found');
    // Coach and staff see it, but the team's area and its forms are the team's.
    for (const other of [coachCtx, ctx]) {
      expect((await domainError(updateProfile(t.db, other, profile(s1!.id)))).details).toMatchObject({ action: 'startup.edit' });
      expect((await domainError(setPublicConsent(t.db, other, { startupId: s1!.id, consent: false }))).kind).toBe('forbidden');
      expect((await domainError(teamStartupView(t.db, other, s1!.id))).kind).toBe('forbidden');
    }
    // Once public, team 2 sees it exists but is refused as not on the team.
    await updateProfile(t.db, team(0), profile(s1!.id));
    await setPublicConsent(t.db, team(0), { startupId: s1!.id, consent: true });
    const refused = await domainError(setPublicConsent(t.db, team(1), { startupId: s1!.id, consent: false }));
    expect([refused.kind, refused.code]).toEqual(['forbidden', 'not_team']);
    expect((await t.db.select().from(startups).where(eq(startups.id, s1!.id)))[0]!.publicConsent).toBe(true);

    // Each lead lists only their own start-up.
    expect((await myStartups(t.db, team(0))).map((s) => s.id)).toEqual([s1!.id]);
    expect((await myStartups(t.db, team(1))).map((s) => s.id)).toEqual([s2!.id]);
  });
});

describe('lists', () => {
  it('the public list shows consented profiles only, filtered by neighbourhood and stage, never a person', async () => {
    const { startups: [s1, s2], team, place } = await incubated();
    for (const [i, s] of [s1!, s2!].entries()) {
      await updateProfile(t.db, team(i), profile(s.id));
      await setPublicConsent(t.db, team(i), { startupId: s.id, consent: true });
    }
    await t.db.update(startups).set({ stage: 'launch' }).where(eq(startups.id, s2!.id));
    const browse = (neighbourhood: string | null, stage: 'launch' | null) => browseStartups(t.db, { neighbourhood, stage, page: 1 });
    expect((await browse(null, null)).total).toBe(2);
    expect((await browse(place.slug, null)).rows.map((r) => r.slug)).toEqual([s1!.slug]);
    expect((await browse(null, 'launch')).rows.map((r) => r.slug)).toEqual([s2!.slug]);
    expect((await browse(null, null)).neighbourhoods).toEqual([{ slug: place.slug, name: 'San Cristoforo' }]);

    const page = await browse(null, null);
    const names = (await t.db.select({ name: users.name, email: users.email }).from(users)).flatMap((u) => [u.name, u.email]);
    const text = JSON.stringify(page);
    expect(names.filter((n) => text.includes(n))).toEqual([]);
    expect(text).not.toContain('Orazio Greco');
  });

  it('staff filter by call and stage, and page through', async () => {
    const { ctx, call, startups: [s1, s2] } = await incubated();
    await t.db.update(startups).set({ stage: 'monitoring' }).where(eq(startups.id, s2!.id));
    const list = (f: Partial<{ callId: string | null; stage: 'monitoring' | null; page: number }>) => listStaffStartups(t.db, ctx, { callId: null, stage: null, coachId: null, page: 1, ...f });
    expect((await list({ callId: call.id })).total).toBe(2);
    expect((await list({ callId: crypto.randomUUID() })).total).toBe(0);
    expect((await list({ stage: 'monitoring' })).rows.map((r) => r.id)).toEqual([s2!.id]);
    const all = await list({});
    expect(all.rows.map((r) => r.id).sort()).toEqual([s1!.id, s2!.id].sort());
    expect(all.rows[0]!.plan.next).toMatchObject({ kind: 'pre_feasibility' });
    expect(all.calls.map((c) => c.id)).toEqual([call.id]);
    expect((await list({ page: 2 })).rows).toEqual([]);
    const coach = await createUser(t.db, 'coach');
    expect((await domainError(listStaffStartups(t.db, testContext({ actor: coach.actor }), { callId: null, stage: null, coachId: null, page: 1 }))).kind).toBe('forbidden');
  });
});
