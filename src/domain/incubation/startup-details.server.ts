import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { auditEvents, calls, neighbourhoods, startupCoaches, startupMembers, users } from '../../../db/schema/index.ts';
import type { Queryable } from '../../lib/server/db/index.ts';

/** Read-only pieces of a start-up shown to its team and to staff (never on public pages). */

export type TeamMemberView = { id: string; name: string; role: string; lead: boolean; hasAccount: boolean; email: string | null };
export type CoachView = { id: string; name: string; email: string; assignedAt: Date };
export type ConsentEvent = { at: Date; kind: 'public_profile' | 'monitoring_sharing'; given: boolean; by: string | null };
export type CallSummary = { id: string; slug: string; titleIt: string; titleEn: string };

/** The team in order, the lead first; `email` of members with an account (for staff only). */
export async function teamOf(db: Queryable, startupId: string): Promise<TeamMemberView[]> {
  const rows = await db
    .select({ id: startupMembers.id, name: startupMembers.name, role: startupMembers.role, lead: startupMembers.lead, userId: startupMembers.userId, email: users.email })
    .from(startupMembers)
    .leftJoin(users, eq(users.id, startupMembers.userId))
    .where(eq(startupMembers.startupId, startupId))
    .orderBy(asc(startupMembers.position), asc(startupMembers.name));
  return rows.map(({ userId, ...r }) => ({ ...r, hasAccount: userId !== null }));
}

export function coachesOf(db: Queryable, startupId: string): Promise<CoachView[]> {
  return db
    .select({ id: users.id, name: users.name, email: users.email, assignedAt: startupCoaches.assignedAt })
    .from(startupCoaches)
    .innerJoin(users, eq(users.id, startupCoaches.coachId))
    .where(eq(startupCoaches.startupId, startupId))
    .orderBy(asc(startupCoaches.assignedAt), asc(users.name));
}

/** Every change of the team's consents, newest first, from the audit trail (who and when). */
export async function consentHistory(db: Queryable, startupId: string): Promise<ConsentEvent[]> {
  const rows = await db
    .select({ at: auditEvents.occurredAt, action: auditEvents.action, summary: auditEvents.summary, by: users.name })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .where(and(eq(auditEvents.entityType, 'startup'), eq(auditEvents.entityId, startupId), inArray(auditEvents.action, ['startup.consent_given', 'startup.consent_withdrawn'])))
    .orderBy(desc(auditEvents.id))
    .limit(50);
  return rows.map((r) => ({
    at: r.at,
    kind: r.summary.consent === 'monitoring_sharing' ? 'monitoring_sharing' : 'public_profile',
    given: r.action === 'startup.consent_given',
    by: r.by,
  }));
}

export async function callSummary(db: Queryable, callId: string): Promise<CallSummary> {
  const [call] = await db.select({ id: calls.id, slug: calls.slug, titleIt: calls.titleIt, titleEn: calls.titleEn }).from(calls).where(eq(calls.id, callId));
  return call!;
}

export async function neighbourhoodName(db: Queryable, id: string | null): Promise<string | null> {
  if (!id) return null;
  const [row] = await db.select({ name: neighbourhoods.name }).from(neighbourhoods).where(eq(neighbourhoods.id, id));
  return row?.name ?? null;
}
