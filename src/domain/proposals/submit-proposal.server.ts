import { eq, sql } from 'drizzle-orm';
import { proposalSubmissions, proposals, users } from '../../../db/schema/index.ts';
import type { Db, Queryable } from '../../lib/server/db/index.ts';
import { formatDateTime } from '../../lib/format.ts';
import type { RequestContext } from '../context.ts';
import { recordAudit } from '../audit/record-audit.server.ts';
import { conflict, invalid } from '../errors.ts';
import { authorize } from '../policy.ts';
import { enqueueEmail } from '../mail/enqueue-email.server.ts';
import { contentSha256 } from './content-hash.ts';
import { factsOf, loadCall, lockProposal, recordProposalEvent, requireOnTimeInDatabase, requireOpen, rulesOf, takeProtocolNumber, type CallRow, type ProposalRow } from './proposal-tx.server.ts';
import { listProposalFiles } from './proposals.repo.server.ts';
import { contentOf } from './save-draft.server.ts';
import { asksNameConsent } from './public-name.ts';
import { checkSubmission, submittedContent, type Declarations } from './submission.ts';
import { canTransition } from './workflow.ts';

export type SubmitInput = { proposalId: string; version?: number; declarations: Declarations };
export type SubmitResult = { protocolNumber: string; submittedAt: Date; sha256: string; resubmission: boolean };

/**
 * Submits a draft. Everything happens in one transaction: lock the proposal, check it in full,
 * take the protocol number (first submission only: a resubmission keeps its number), record the
 * exact content and its SHA-256, the timeline event, the audit record and the receipt email, and
 * finally ask the database clock whether the deadline has passed. "On time" means committed
 * before closes_at; a late submission rolls back entirely and the draft stays as it was.
 */
export async function submitProposal(db: Db, ctx: RequestContext, input: SubmitInput): Promise<SubmitResult> {
  return db.transaction(async (tx) => {
    const proposal = await lockProposal(tx, ctx, input.proposalId);
    if (proposal.proposerId === ctx.actor?.userId && !canTransition(proposal.status, 'submit')) throw conflict('already_submitted');
    authorize(ctx.actor, 'proposal.edit', factsOf(proposal));
    if (input.version !== undefined && input.version !== proposal.version) throw conflict('stale_draft', { version: proposal.version });
    const call = await loadCall(tx, proposal.callId);
    requireOpen(call, ctx.now());

    const files = await listProposalFiles(tx, proposal.id);
    const check = { call: { ...rulesOf(call), id: call.id, version: call.version, attachments: call.attachments }, content: contentOf(proposal), files };
    const errors = checkSubmission({ ...check, declarations: input.declarations, locale: ctx.locale });
    if (Object.keys(errors).length > 0) throw invalid('proposal_incomplete', { errors });

    const content = submittedContent(check);
    // Asked only of individuals and informal groups: an organisation's name is public by law.
    const publicNameConsent = asksNameConsent(check.content.applicantType) && input.declarations.publicName === true;
    const sha256 = contentSha256(content);
    const seq = await nextSubmissionSeq(tx, proposal.id);
    const proposer = await findProposer(tx, proposal.proposerId);
    await recordProposalEvent(tx, ctx, proposal.id, proposal.status, 'submitted', seq > 1 ? 'resubmitted' : null);

    // From here to COMMIT the call's row is locked (first submissions queue on it): keep it short.
    const first = proposal.protocolSeq === null;
    const protocol = first ? await takeProtocolNumber(tx, call.id) : { seq: proposal.protocolSeq!, number: proposal.protocolNumber! };
    const [saved] = await tx
      .update(proposals)
      .set({
        status: 'submitted',
        protocolSeq: protocol.seq,
        protocolNumber: protocol.number,
        submittedAt: sql`clock_timestamp()`,
        firstSubmittedAt: first ? sql`clock_timestamp()` : proposal.firstSubmittedAt,
        contentSha256: sha256,
        declarationsAcceptedAt: sql`clock_timestamp()`,
        publicNameConsent,
        version: proposal.version + 1,
        updatedAt: sql`clock_timestamp()`,
      })
      .where(eq(proposals.id, proposal.id))
      .returning({ submittedAt: proposals.submittedAt });
    const submittedAt = saved!.submittedAt!;
    const snapshot = { content, files, declarations: { truthfulness: true, privacy: true, publicName: publicNameConsent } };
    await tx.insert(proposalSubmissions).values({ proposalId: proposal.id, seq, submittedAt, contentSha256: sha256, snapshot });
    await recordAudit(tx, ctx, {
      action: 'proposal.submitted',
      entityType: 'proposal',
      entityId: proposal.id,
      summary: { protocolNumber: protocol.number, sha256, submission: seq, publicNameConsent },
    });
    if (proposer) await sendReceipt(tx, ctx, proposer, { ...proposal, protocolNumber: protocol.number }, call, submittedAt, sha256);
    // Must stay the last statement before COMMIT (see the function comment).
    await requireOnTimeInDatabase(tx, call.id);
    return { protocolNumber: protocol.number, submittedAt, sha256, resubmission: !first };
  });
}

async function nextSubmissionSeq(tx: Queryable, proposalId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`coalesce(max(${proposalSubmissions.seq}), 0)::int` })
    .from(proposalSubmissions)
    .where(eq(proposalSubmissions.proposalId, proposalId));
  return (row?.n ?? 0) + 1;
}

type Proposer = { email: string; name: string; locale: 'it' | 'en' };

async function findProposer(tx: Queryable, userId: string): Promise<Proposer | null> {
  const [user] = await tx.select({ email: users.email, name: users.name, locale: users.locale }).from(users).where(eq(users.id, userId));
  return user ?? null;
}

async function sendReceipt(tx: Queryable, ctx: RequestContext, user: Proposer, proposal: ProposalRow, call: CallRow, submittedAt: Date, sha256: string) {
  const locale = user.locale;
  await enqueueEmail(tx, {
    to: user.email,
    userId: proposal.proposerId,
    locale,
    template: 'proposalSubmitted',
    params: {
      name: user.name,
      link: `${ctx.origin}/${locale}/me/proposals/${proposal.id}`,
      protocol: proposal.protocolNumber!,
      title: proposal.title,
      call: locale === 'it' ? call.titleIt : call.titleEn,
      when: formatDateTime(submittedAt, locale),
      sha: sha256,
      deadline: formatDateTime(call.closesAt, locale),
    },
  });
}
