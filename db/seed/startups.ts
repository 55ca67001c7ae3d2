import { and, asc, eq, inArray } from 'drizzle-orm';
import { auditEvents, calls, neighbourhoods, proposals, startupCoaches, startupMembers, startups } from '../schema/index.ts';
import type { Tx } from '../../src/lib/server/db/index.ts';
import { findUserByEmail } from '../../src/domain/accounts/accounts.repo.server.ts';
import type { RequestContext } from '../../src/domain/context.ts';
import { latestRanking } from '../../src/domain/evaluation/ranking-repo.server.ts';
import { incubateFinalRanking, type StartupRow } from '../../src/domain/incubation/create-startups.server.ts';
import { demoProfiles } from './startup-texts.ts';

/**
 * Incubation demo (issue 5): the funded proposals of the call with a final ranking become
 * start-ups through the same code staff use, begun 400, 200 and 60 days ago so their plans stand
 * at different points; the demo coach follows them all; the demo resident joins the first team
 * with her account (so the browser journeys can sign in as the team); the teams wrote their
 * profiles and all but the newest consented to publication. Idempotent: nothing happens when the
 * call already has start-ups (or has no final ranking). Returns the start-ups created, in ranking order.
 */
export const INCUBATED_CALL_SLUG = 'sport-nei-cortili-2025';
/** How long ago each start-up began, by ranking position. */
export const STARTUP_AGES_DAYS = [460, 200, 60] as const;
export type SeedStartupsOptions = { staffUserId: string; origin?: string };

const DAY = 86_400_000;

export async function seedStartups(tx: Tx, o: SeedStartupsOptions, now = new Date()): Promise<StartupRow[]> {
  const [call] = await tx.select({ id: calls.id }).from(calls).where(eq(calls.slug, INCUBATED_CALL_SLUG));
  if (!call || !(await latestRanking(tx, call.id, 'final'))) return [];
  if ((await tx.select({ id: startups.id }).from(startups).where(eq(startups.callId, call.id)).limit(1)).length > 0) return [];

  const ctx: RequestContext = {
    actor: { userId: o.staffUserId, roles: ['staff'], emailVerified: true },
    requestId: null,
    ip: null,
    locale: 'it',
    origin: o.origin ?? 'http://localhost:4321',
    now: () => now,
  };
  const startAt = (i: number) => new Date(now.getTime() - (STARTUP_AGES_DAYS[i] ?? 30) * DAY);
  const { created } = await incubateFinalRanking(tx, ctx, call.id, { startAt, notify: false });

  const coach = await findUserByEmail(tx, 'coach@vivaio.example');
  const resident = await findUserByEmail(tx, 'residente@vivaio.example');
  for (const [i, startup] of created.entries()) {
    await writeProfile(tx, startup);
    if (coach) await tx.insert(startupCoaches).values({ startupId: startup.id, coachId: coach.id, assignedAt: new Date(startup.createdAt.getTime() + 3 * DAY), assignedBy: o.staffUserId });
    if (i === 0 && resident) await joinTeam(tx, startup.id, resident);
  }
  if (created.length === 0) return [];
  return tx.select().from(startups).where(inArray(startups.id, created.map((s) => s.id))).orderBy(asc(startups.createdAt));
}

/** The team's profile and consents, as they would have written and given them a few weeks in. */
async function writeProfile(tx: Tx, startup: StartupRow): Promise<void> {
  const [proposal] = await tx.select({ title: proposals.title, proposerId: proposals.proposerId }).from(proposals).where(eq(proposals.id, startup.proposalId));
  const profile = proposal ? demoProfiles[proposal.title] : undefined;
  if (!proposal || !profile) return;
  const [place] = await tx.select({ id: neighbourhoods.id }).from(neighbourhoods).where(eq(neighbourhoods.slug, profile.neighbourhood));
  const consentAt = new Date(startup.createdAt.getTime() + 20 * DAY);
  await tx
    .update(startups)
    .set({
      need: profile.need,
      offer: profile.offer,
      neighbourhoodId: startup.neighbourhoodId ?? place?.id ?? null,
      publicConsent: profile.publicConsent,
      publicConsentAt: profile.publicConsent ? consentAt : null,
      shareMonitoringWithDonors: profile.shareMonitoring,
      version: 2,
    })
    .where(eq(startups.id, startup.id));
  // The consent record the team's page and staff read (audit trail), dated when it was given.
  const given = [profile.publicConsent && 'public_profile', profile.shareMonitoring && 'monitoring_sharing'].filter((k): k is string => Boolean(k));
  for (const consent of given) {
    await tx.insert(auditEvents).values({
      occurredAt: consentAt,
      actorId: proposal.proposerId,
      action: 'startup.consent_given',
      entityType: 'startup',
      entityId: startup.id,
      summary: { consent, at: consentAt.toISOString() },
    });
  }
}

async function joinTeam(tx: Tx, startupId: string, user: { id: string; name: string }): Promise<void> {
  const existing = await tx.select({ id: startupMembers.id }).from(startupMembers).where(and(eq(startupMembers.startupId, startupId), eq(startupMembers.userId, user.id)));
  if (existing.length > 0) return;
  const members = await tx.select({ id: startupMembers.id }).from(startupMembers).where(eq(startupMembers.startupId, startupId));
  await tx.insert(startupMembers).values({ startupId, userId: user.id, name: user.name, role: 'socia e tesoriera', position: members.length });
}
