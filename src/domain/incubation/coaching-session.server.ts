import { and, asc, eq } from 'drizzle-orm';
import { coachingAttendance, coachingSessions, startupMembers } from '../../../db/schema/index.ts';
import { isUuid } from '../../lib/ids.ts';
import type { Db } from '../../lib/server/db/index.ts';
import { recordAudit } from '../audit/record-audit.server.ts';
import type { RequestContext } from '../context.ts';
import { invalid, notFound } from '../errors.ts';
import { authorize } from '../policy.ts';
import type { LogSessionInput } from './coaching.schema.ts';
import { romeToday } from './risk-rules.ts';
import { findVisibleStartup } from './startup-tx.server.ts';

/**
 * The start-up's coach records a session held (issue 5, point 4): day, minutes, topics, notes and
 * attendance. Every member of the team is listed at the session — present when ticked, absent
 * otherwise — so the attendance rate counts each member once per session. A session cannot be
 * logged for a day still to come: the register records what happened, on the Rome calendar.
 */
export async function logCoachingSession(db: Db, ctx: RequestContext, input: LogSessionInput) {
  if (input.heldOn > romeToday(ctx.now())) throw invalid('session_in_future', { field: 'heldOn' });
  return db.transaction(async (tx) => {
    const { facts } = await findVisibleStartup(tx, ctx, input.startupId);
    authorize(ctx.actor, 'coaching.log', facts);
    const members = await tx
      .select({ id: startupMembers.id })
      .from(startupMembers)
      .where(eq(startupMembers.startupId, input.startupId))
      .orderBy(asc(startupMembers.position));
    const memberIds = new Set(members.map((m) => m.id));
    const present = new Set(input.present);
    if ([...present].some((id) => !memberIds.has(id))) throw invalid('unknown_member', { field: 'present' });

    const [session] = await tx
      .insert(coachingSessions)
      .values({ startupId: input.startupId, coachId: ctx.actor!.userId, heldOn: input.heldOn, minutes: input.minutes, topics: input.topics, notes: input.notes })
      .returning();
    if (members.length > 0) {
      await tx.insert(coachingAttendance).values(members.map((m) => ({ sessionId: session!.id, memberId: m.id, present: present.has(m.id) })));
    }
    await recordAudit(tx, ctx, {
      action: 'coaching.session_logged',
      entityType: 'coaching_session',
      entityId: session!.id,
      summary: { startupId: input.startupId, heldOn: input.heldOn, minutes: input.minutes, present: present.size, expected: members.length },
    });
    return session!;
  });
}

/**
 * Removes a session recorded by mistake (a wrong day or length would distort the totals and the
 * attendance rate): the start-up's coach only. The audit event keeps what was removed.
 */
export async function removeCoachingSession(db: Db, ctx: RequestContext, input: { startupId: string; sessionId: string }) {
  if (!isUuid(input.sessionId)) throw notFound('session_not_found');
  return db.transaction(async (tx) => {
    const { facts } = await findVisibleStartup(tx, ctx, input.startupId);
    authorize(ctx.actor, 'coaching.log', facts);
    const where = and(eq(coachingSessions.id, input.sessionId), eq(coachingSessions.startupId, input.startupId));
    const [session] = await tx.select().from(coachingSessions).where(where).for('update');
    if (!session) throw notFound('session_not_found');
    const marks = await tx.select().from(coachingAttendance).where(eq(coachingAttendance.sessionId, session.id));
    await tx.delete(coachingSessions).where(where);
    await recordAudit(tx, ctx, {
      action: 'coaching.session_removed',
      entityType: 'coaching_session',
      entityId: session.id,
      summary: {
        startupId: session.startupId,
        coachId: session.coachId,
        heldOn: session.heldOn,
        minutes: session.minutes,
        topics: session.topics,
        present: marks.filter((m) => m.present).map((m) => m.memberId),
        absent: marks.filter((m) => !m.present).map((m) => m.memberId),
      },
    });
    return { id: session.id };
  });
}
