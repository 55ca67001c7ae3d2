import { and, desc, eq, isNull } from 'drizzle-orm';
import { proposals, users } from '../../../db/schema/index.ts';
import type { Tx } from '../../lib/server/db/index.ts';
import { formatDateTime } from '../../lib/format.ts';
import { translator } from '../../lib/i18n/index.ts';
import type { RequestContext } from '../context.ts';
import { enqueueEmail } from '../mail/enqueue-email.server.ts';
import type { AmendmentNote } from './call.schema.ts';

type CallFacts = { id: string; titleIt: string; titleEn: string; closesAt: Date };

/** Where a proposer opens their draft (the resident area's URL contract). */
export const proposalLink = (origin: string, locale: string, proposalId: string) => `${origin}/${locale}/me/proposals/${proposalId}`;

/**
 * Tells every proposer with a draft on the call what changed, in their own language, in the
 * transaction of the amendment (if it rolls back, nobody is told). Someone with several drafts
 * gets one message, linking the draft they touched last. Submitted proposals are not included:
 * their proposers are not preparing anything; disabled accounts get no mail.
 */
export async function notifyDraftOwners(tx: Tx, ctx: RequestContext, call: CallFacts, kind: 'rettifica' | 'proroga', note: AmendmentNote): Promise<number> {
  const drafts = await tx
    .select({ proposalId: proposals.id, userId: users.id, name: users.name, email: users.email, locale: users.locale })
    .from(proposals)
    .innerJoin(users, eq(users.id, proposals.proposerId))
    .where(and(eq(proposals.callId, call.id), eq(proposals.status, 'draft'), isNull(users.disabledAt)))
    .orderBy(desc(proposals.updatedAt));
  const seen = new Set<string>();
  for (const draft of drafts) {
    if (seen.has(draft.userId)) continue;
    seen.add(draft.userId);
    const t = translator(draft.locale);
    await enqueueEmail(tx, {
      to: draft.email,
      userId: draft.userId,
      locale: draft.locale,
      template: 'callAmended',
      params: {
        name: draft.name,
        link: proposalLink(ctx.origin, draft.locale, draft.proposalId),
        call: draft.locale === 'it' ? call.titleIt : call.titleEn,
        kind: t(`staffCalls.amend.kinds.${kind}`),
        note: draft.locale === 'it' ? note.it : note.en,
        deadline: formatDateTime(call.closesAt, draft.locale),
      },
    });
  }
  return seen.size;
}
