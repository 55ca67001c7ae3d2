import { eq } from 'drizzle-orm';
import { proposals } from '../../../db/schema/index.ts';
import type { Db } from '../../lib/server/db/index.ts';
import type { FieldErrors } from '../../lib/validation.ts';
import type { RequestContext } from '../context.ts';
import { recordAudit } from '../audit/record-audit.server.ts';
import { conflict } from '../errors.ts';
import { authorize } from '../policy.ts';
import { canonicalJson } from './content-hash.ts';
import { validateContent, type ApplicantType, type ProposalContent, type ProposalFormInput } from './content.ts';
import { factsOf, loadCall, lockProposal, requireOpen, rulesOf, type ProposalRow } from './proposal-tx.server.ts';

export type SaveDraftInput = { proposalId: string; version: number; form: ProposalFormInput };
/** `errors` lists values that could not be saved (they keep their last good value). */
export type SaveDraftResult = { version: number; savedAt: Date; changed: boolean; errors: FieldErrors };

export function contentOf(p: ProposalRow): ProposalContent {
  return {
    applicantType: p.applicantType as ApplicantType,
    organisationName: p.organisationName,
    title: p.title,
    neighbourhoodId: p.neighbourhoodId,
    requestedCents: p.requestedCents,
    team: p.team,
    answers: p.answers,
  };
}

/**
 * Saves a draft, by the explicit button or by autosave. The form names the version it was
 * loaded with: if the draft has changed since (another tab, another device), the save is refused
 * with `stale_draft` and nothing is overwritten, so an old autosave can never undo newer text.
 */
export async function saveDraft(db: Db, ctx: RequestContext, input: SaveDraftInput): Promise<SaveDraftResult> {
  return db.transaction(async (tx) => {
    const proposal = await lockProposal(tx, ctx, input.proposalId);
    authorize(ctx.actor, 'proposal.edit', factsOf(proposal));
    const call = await loadCall(tx, proposal.callId);
    requireOpen(call, ctx.now());
    if (input.version !== proposal.version) {
      throw conflict('stale_draft', { version: proposal.version, savedAt: proposal.updatedAt });
    }
    const previous = contentOf(proposal);
    const { content, errors } = validateContent(rulesOf(call), input.form, 'draft', previous, ctx.locale);
    const changed = changedFields(previous, content);
    if (changed.length === 0) return { version: proposal.version, savedAt: proposal.updatedAt, changed: false, errors };

    const now = ctx.now();
    const version = proposal.version + 1;
    await tx.update(proposals).set({ ...content, version, updatedAt: now }).where(eq(proposals.id, proposal.id));
    await recordAudit(tx, ctx, { action: 'proposal.draft_saved', entityType: 'proposal', entityId: proposal.id, summary: { version, changed } });
    return { version, savedAt: now, changed: true, errors };
  });
}

function changedFields(before: ProposalContent, after: ProposalContent): string[] {
  return (Object.keys(after) as (keyof ProposalContent)[]).filter((k) => canonicalJson(before[k] ?? null) !== canonicalJson(after[k] ?? null));
}
