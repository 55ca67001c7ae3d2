import { eq } from 'drizzle-orm';
import { proposals } from '../../../db/schema/index.ts';
import type { Db } from '../../lib/server/db/index.ts';
import { recordAudit } from '../audit/record-audit.server.ts';
import type { RequestContext } from '../context.ts';
import { conflict } from '../errors.ts';
import { authorize } from '../policy.ts';
import { factsOf, lockProposal } from './proposal-tx.server.ts';
import { asksNameConsent } from './public-name.ts';

export type NameConsentResult = { consent: boolean; changed: boolean };

/**
 * The proposer gives, or takes back, consent to show their name in published rankings after
 * sending (GDPR art. 7(3): withdrawing must be as easy as giving). It takes effect on the public
 * results page and the ranking CSV at once, since both read it when they are built; rankings
 * themselves stay frozen. Only for individuals and informal groups (public-name.ts); a draft
 * gives its consent when it is sent, with the declarations.
 */
export async function setNameConsent(db: Db, ctx: RequestContext, input: { proposalId: string; consent: boolean }): Promise<NameConsentResult> {
  return db.transaction(async (tx) => {
    const proposal = await lockProposal(tx, ctx, input.proposalId);
    // The proposer only, whatever the status: the same rule as answering for one's own proposal.
    authorize(ctx.actor, 'proposal.consent', factsOf(proposal));
    if (!asksNameConsent(proposal.applicantType)) throw conflict('name_consent_not_asked');
    if (proposal.status === 'draft') throw conflict('name_consent_at_submission');
    if (proposal.publicNameConsent === input.consent) return { consent: input.consent, changed: false };

    await tx.update(proposals).set({ publicNameConsent: input.consent, updatedAt: ctx.now() }).where(eq(proposals.id, proposal.id));
    await recordAudit(tx, ctx, {
      action: input.consent ? 'proposal.name_consent_given' : 'proposal.name_consent_withdrawn',
      entityType: 'proposal',
      entityId: proposal.id,
      summary: { from: proposal.publicNameConsent, to: input.consent },
    });
    return { consent: input.consent, changed: true };
  });
}
