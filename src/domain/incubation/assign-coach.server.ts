import { and, eq } from 'drizzle-orm';
import { calls, startupCoaches } from '../../../db/schema/index.ts';
import { isUuid } from '../../lib/ids.ts';
import type { Db } from '../../lib/server/db/index.ts';
import { recordAudit } from '../audit/record-audit.server.ts';
import type { RequestContext } from '../context.ts';
import { conflict, invalid } from '../errors.ts';
import { enqueueEmail } from '../mail/enqueue-email.server.ts';
import { authorize } from '../policy.ts';
import { activeCoaches, lockStartup } from './startup-tx.server.ts';

export type CoachInput = { startupId: string; coachId: string };

/**
 * Staff assign a coach to a start-up (one or more coaches each). The coach must hold the `coach`
 * role on an active account; they are told by email in their language, with a link to their area.
 */
export async function assignCoach(db: Db, ctx: RequestContext, input: CoachInput): Promise<{ startupId: string; coachId: string }> {
  authorize(ctx.actor, 'startup.manage');
  return db.transaction(async (tx) => {
    const { startup } = await lockStartup(tx, ctx, input.startupId);
    const [coach] = isUuid(input.coachId) ? await activeCoaches(tx, input.coachId) : [];
    if (!coach) throw invalid('not_a_coach', { field: 'coachId' });
    const added = await tx
      .insert(startupCoaches)
      .values({ startupId: startup.id, coachId: coach.id, assignedAt: ctx.now(), assignedBy: ctx.actor!.userId })
      .onConflictDoNothing()
      .returning({ coachId: startupCoaches.coachId });
    if (added.length === 0) throw conflict('coach_already_assigned', { field: 'coachId', name: coach.name });
    await recordAudit(tx, ctx, { action: 'startup.coach_assigned', entityType: 'startup', entityId: startup.id, summary: { coachId: coach.id } });
    const [call] = await tx.select({ titleIt: calls.titleIt, titleEn: calls.titleEn }).from(calls).where(eq(calls.id, startup.callId));
    await enqueueEmail(tx, {
      to: coach.email,
      userId: coach.id,
      locale: coach.locale,
      template: 'coachAssigned',
      params: {
        name: coach.name,
        link: `${ctx.origin}/${coach.locale}/coach/startups/${startup.id}`,
        startup: startup.name,
        call: (coach.locale === 'en' ? call?.titleEn || call?.titleIt : call?.titleIt) ?? '',
      },
    });
    return { startupId: startup.id, coachId: coach.id };
  });
}

/**
 * Staff remove a coach from a start-up. The sessions they logged stay in the coaching log, under
 * their name: the record of what happened does not change with the assignment.
 */
export async function removeCoach(db: Db, ctx: RequestContext, input: CoachInput): Promise<{ startupId: string; coachId: string }> {
  authorize(ctx.actor, 'startup.manage');
  return db.transaction(async (tx) => {
    const { startup } = await lockStartup(tx, ctx, input.startupId);
    const removed = isUuid(input.coachId)
      ? await tx
          .delete(startupCoaches)
          .where(and(eq(startupCoaches.startupId, startup.id), eq(startupCoaches.coachId, input.coachId)))
          .returning({ coachId: startupCoaches.coachId })
      : [];
    if (removed.length === 0) throw conflict('coach_not_assigned');
    await recordAudit(tx, ctx, { action: 'startup.coach_removed', entityType: 'startup', entityId: startup.id, summary: { coachId: input.coachId } });
    return { startupId: startup.id, coachId: input.coachId };
  });
}
