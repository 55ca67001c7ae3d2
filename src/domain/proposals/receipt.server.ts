import type { Queryable } from '../../lib/server/db/index.ts';
import type { RequestContext } from '../context.ts';
import { translator } from '../../lib/i18n/index.ts';
import { getLatestSubmission } from './proposals.repo.server.ts';
import type { SubmittedContent } from './content-hash.ts';
import type { ReceiptData } from './receipt-pdf.server.ts';
import type { AttachedFile } from './submission.ts';

type Snapshot = { content: SubmittedContent; files: AttachedFile[] };

/**
 * The data of the receipt of the latest submission, in the proposer's language, after the
 * policy check of getProposalDetail; null when the proposal was never submitted. Everything
 * comes from the submission's snapshot, so a later reopening does not change an old receipt.
 */
export async function loadReceipt(db: Queryable, ctx: RequestContext, proposalId: string): Promise<ReceiptData | null> {
  const latest = await getLatestSubmission(db, ctx, proposalId);
  if (!latest || !latest.detail.proposal.protocolNumber) return null;
  const { detail, submission } = latest;
  const locale = detail.proposer.locale;
  const snapshot = submission.snapshot as Snapshot;
  const label = (purpose: string) => {
    const attachment = detail.call.attachments.find((a) => a.key === purpose);
    if (attachment) return attachment.label[locale];
    const question = detail.call.questions.find((q) => `question:${q.key}` === purpose);
    return question ? question.label[locale] : purpose;
  };
  return {
    locale,
    protocolNumber: detail.proposal.protocolNumber!,
    callTitle: locale === 'it' ? detail.call.titleIt : detail.call.titleEn,
    proposalTitle: snapshot.content.title,
    proposerName: detail.proposer.name,
    organisationName: snapshot.content.organisationName,
    submittedAt: submission.submittedAt,
    submission: submission.seq,
    sha256: submission.contentSha256,
    attachments: snapshot.files.map((f) => ({ label: label(f.purpose), name: f.originalName, sizeBytes: f.sizeBytes, sha256: f.sha256 })),
    issuer: `${translator(locale)('common.siteName')} – ${translator(locale)('common.owner')}`,
  };
}
