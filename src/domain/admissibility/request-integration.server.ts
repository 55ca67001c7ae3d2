import { integrationRequests } from '../../../db/schema/index.ts';
import type { Db } from '../../lib/server/db/index.ts';
import { formatDateTime } from '../../lib/format.ts';
import { recordAudit } from '../audit/record-audit.server.ts';
import type { RequestContext } from '../context.ts';
import { conflict, invalid } from '../errors.ts';
import { enqueueEmail } from '../mail/enqueue-email.server.ts';
import { authorize } from '../policy.ts';
import { canTransition, transitionTarget } from '../proposals/workflow.ts';
import { changeStatus, lockStaffProposal, proposerContact, proposerLinks } from './admissibility.repo.server.ts';
import { romeDateTimeToUtc } from '../calls/rome-time.ts';
import type { RequestIntegrationInput } from './schema.ts';
import { assertAdmissibilityOpen } from './window.ts';

/** The longest deadline the office may give: soccorso istruttorio is a short pause, not a new call. */
export const MAX_INTEGRATION_DAYS = 60;

/**
 * Soccorso istruttorio: the office asks the proposer to complete missing documents by a deadline
 * (domain-italy.md §3.2). The proposal pauses in `integration_requested`; the request, the timeline
 * event (the message is shown to the proposer), the audit record and the email commit together.
 */
export async function requestIntegration(db: Db, ctx: RequestContext, input: RequestIntegrationInput) {
  authorize(ctx.actor, 'proposal.decide');
  const now = ctx.now();
  const dueAt = dueInstant(input.dueDate, input.dueTime, now);
  return db.transaction(async (tx) => {
    const { proposal, call } = await lockStaffProposal(tx, input.proposalId);
    assertAdmissibilityOpen(call, now);
    if (!canTransition(proposal.status, 'requestIntegration')) throw conflict('wrong_status', { status: proposal.status });
    const attachmentKeys = new Set(call.attachments.map((a) => a.key));
    const requirements = [...new Set(input.requirements)];
    if (requirements.some((k) => !attachmentKeys.has(k))) throw invalid('unknown_requirement', { field: 'requirements' });

    const [request] = await tx
      .insert(integrationRequests)
      .values({ proposalId: proposal.id, message: input.message, requirements, dueAt, requestedBy: ctx.actor!.userId, createdAt: now })
      .returning({ id: integrationRequests.id });
    await changeStatus(tx, { proposal, to: transitionTarget.requestIntegration, at: now, actorId: ctx.actor!.userId, note: input.message });
    await recordAudit(tx, ctx, {
      action: 'proposal.integration_requested',
      entityType: 'proposal',
      entityId: proposal.id,
      summary: { requestId: request!.id, dueAt: dueAt.toISOString(), requirements },
    });
    const to = await proposerContact(tx, proposal.proposerId);
    await enqueueEmail(tx, {
      to: to.email,
      userId: proposal.proposerId,
      locale: to.locale,
      template: 'integrationRequested',
      params: {
        name: to.name,
        link: proposerLinks.integration(ctx.origin, to.locale, proposal.id),
        protocol: proposal.protocolNumber ?? '',
        title: proposal.title,
        message: input.message,
        due: formatDateTime(dueAt, to.locale),
      },
    });
    return { requestId: request!.id, dueAt };
  });
}

/**
 * The deadline typed on the Rome clock, inclusive of its minute: "by 12:00" accepts 12:00:59.
 * It must be in the future and within MAX_INTEGRATION_DAYS.
 */
function dueInstant(day: string, time: string, now: Date): Date {
  const start = romeDateTimeToUtc(day, time.trim() || '23:59');
  if (!start) throw invalid('due_invalid', { field: 'dueDate' });
  const dueAt = new Date(start.getTime() + 59_999);
  if (dueAt <= now) throw invalid('due_not_future', { field: 'dueDate' });
  if (dueAt.getTime() - now.getTime() > MAX_INTEGRATION_DAYS * 24 * 60 * 60 * 1000) throw invalid('due_too_far', { field: 'dueDate', days: MAX_INTEGRATION_DAYS });
  return dueAt;
}
