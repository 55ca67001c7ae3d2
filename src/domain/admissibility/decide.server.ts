import { eq } from 'drizzle-orm';
import { admissibilityChecks } from '../../../db/schema/index.ts';
import type { Db, Queryable } from '../../lib/server/db/index.ts';
import { recordAudit } from '../audit/record-audit.server.ts';
import type { RequestContext } from '../context.ts';
import { conflict, invalid } from '../errors.ts';
import { enqueueEmail } from '../mail/enqueue-email.server.ts';
import { authorize } from '../policy.ts';
import { canTransition } from '../proposals/workflow.ts';
import { changeStatus, lockStaffProposal, openIntegrationRequest, proposerContact, proposerLinks, uploadedPurposes, type CallRow, type ProposalRow } from './admissibility.repo.server.ts';
import { requirementsFor } from './requirements.ts';
import type { DeclareAdmissibleInput, DeclareInadmissibleInput } from './schema.ts';
import { assertAdmissibilityOpen } from './window.ts';

type Outcome = 'declareAdmissible' | 'declareInadmissible';
const outcomeStatus = { declareAdmissible: 'admissible', declareInadmissible: 'inadmissible' } as const;

/** Admissible only after every requirement of the formal check is recorded as met. */
export async function declareAdmissible(db: Db, ctx: RequestContext, input: DeclareAdmissibleInput) {
  return decide(db, ctx, 'declareAdmissible', input.proposalId, input.motivation?.trim() || null);
}

/**
 * Inadmissible always with a motivation (L. 241/1990 art. 3), which the proposer reads in the
 * email and on their timeline. While a request to complete documents is still running, the
 * proposer keeps the time they were given.
 */
export async function declareInadmissible(db: Db, ctx: RequestContext, input: DeclareInadmissibleInput) {
  const motivation = input.motivation?.trim() ?? '';
  if (!motivation) throw invalid('motivation_required', { field: 'motivation' });
  return decide(db, ctx, 'declareInadmissible', input.proposalId, motivation);
}

async function decide(db: Db, ctx: RequestContext, outcome: Outcome, proposalId: string, motivation: string | null) {
  authorize(ctx.actor, 'proposal.decide');
  return db.transaction(async (tx) => {
    const { proposal, call } = await lockStaffProposal(tx, proposalId);
    const now = ctx.now();
    assertAdmissibilityOpen(call, now);
    if (!canTransition(proposal.status, outcome)) throw conflict('already_decided', { status: proposal.status });
    if (outcome === 'declareAdmissible') await assertChecksPassed(tx, call, proposal);
    else await assertNoRunningIntegration(tx, proposal, now);

    const to = outcomeStatus[outcome];
    await changeStatus(tx, { proposal, to, at: now, actorId: ctx.actor!.userId, note: motivation, motivation });
    await recordAudit(tx, ctx, {
      action: to === 'admissible' ? 'proposal.declared_admissible' : 'proposal.declared_inadmissible',
      entityType: 'proposal',
      entityId: proposal.id,
      summary: { from: proposal.status, motivation },
    });
    const contact = await proposerContact(tx, proposal.proposerId);
    await enqueueEmail(tx, {
      to: contact.email,
      userId: proposal.proposerId,
      locale: contact.locale,
      template: to === 'admissible' ? 'proposalAdmissible' : 'proposalInadmissible',
      params: {
        name: contact.name,
        link: proposerLinks.proposal(ctx.origin, contact.locale, proposal.id),
        protocol: proposal.protocolNumber ?? '',
        title: proposal.title,
        motivation: motivation ?? '',
      },
    });
    return { status: to };
  });
}

async function assertChecksPassed(tx: Queryable, call: CallRow, proposal: ProposalRow): Promise<void> {
  const requirements = requirementsFor(call, proposal, await uploadedPurposes(tx, proposal.id));
  const checks = await tx.select().from(admissibilityChecks).where(eq(admissibilityChecks.proposalId, proposal.id));
  const met = new Set(checks.filter((c) => c.met).map((c) => c.requirement));
  const missing = requirements.map((r) => r.key).filter((k) => !met.has(k));
  if (missing.length) throw conflict('checks_incomplete', { missing });
}

async function assertNoRunningIntegration(tx: Queryable, proposal: ProposalRow, now: Date): Promise<void> {
  if (proposal.status !== 'integration_requested') return;
  const request = await openIntegrationRequest(tx, proposal.id);
  if (request && now <= request.dueAt) throw conflict('integration_pending', { dueAt: request.dueAt });
}
