import type { LocalizedText } from '../calls/definitions.ts';
import { acceptsSubmissions, effectiveStatus, type CallStatus } from '../calls/status.ts';
import type { Queryable } from '../../lib/server/db/index.ts';
import type { FieldErrors } from '../../lib/validation.ts';
import type { RequestContext } from '../context.ts';
import { authorize, can } from '../policy.ts';
import { findCallToApply, getProposalDetail, listMyProposals, type MyProposal, type ProposalDetail } from './proposals.repo.server.ts';
import { factsOf, rulesOf, type CallRow } from './proposal-tx.server.ts';
import { contentOf } from './save-draft.server.ts';
import { formSections, sectionProgress, type FormSection } from './sections.ts';
import { checkSubmission } from './submission.ts';

/**
 * What the proposer's pages show, read through the policy: the pages never query tables
 * themselves. "Missing" is the submission check without the declarations (those are on the
 * review page), so the progress and the review list agree with what submit will say.
 */
export type ProposalView = {
  detail: ProposalDetail;
  sections: FormSection[];
  progress: { id: string; title: LocalizedText | null; complete: boolean }[];
  missing: FieldErrors;
  /** The call accepts submissions now (application clock; the database has the last word). */
  open: boolean;
  /** The actor may change the content now. */
  editable: boolean;
  /** A draft that was submitted before and reopened: it counts as NOT sent. */
  reopened: boolean;
};

export async function viewProposal(db: Queryable, ctx: RequestContext, proposalId: string): Promise<ProposalView> {
  const detail = await getProposalDetail(db, ctx, proposalId);
  const { proposal, call, files, neighbourhoods } = detail;
  const rules = rulesOf({ ...call, neighbourhoodIds: neighbourhoods.map((n) => n.id) });
  const missing = checkSubmission({
    call: { ...rules, id: call.id, version: call.version, attachments: call.attachments },
    content: contentOf(proposal),
    files,
    declarations: { truthfulness: true, privacy: true },
    locale: ctx.locale,
  });
  const sections = formSections(call);
  const progress = sectionProgress(sections, missing).map((p) => {
    const section = sections.find((s) => s.id === p.id)!;
    return { ...p, title: section.kind === 'questions' ? section.title : null };
  });
  const open = acceptsSubmissions(call, ctx.now());
  const editable = open && can(ctx.actor, 'proposal.edit', factsOf(proposal)).ok;
  const reopened = proposal.status === 'draft' && proposal.protocolNumber !== null;
  return { detail, sections, progress, missing, open, editable, reopened };
}

export async function myProposals(db: Queryable, ctx: RequestContext): Promise<MyProposal[]> {
  authorize(ctx.actor, 'area.me', undefined);
  return listMyProposals(db, ctx);
}

export type ApplyView = { call: CallRow; status: CallStatus; mine: { id: string; status: string } | null };

/** The call behind /calls/{slug}/apply and this person's proposal on it; null for unknown slugs. */
export async function viewApply(db: Queryable, ctx: RequestContext, slug: string): Promise<ApplyView | null> {
  const found = await findCallToApply(db, ctx, slug);
  if (!found) return null;
  return { call: found.call, status: effectiveStatus(found.call, ctx.now()), mine: found.mine };
}
