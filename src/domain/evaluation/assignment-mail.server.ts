import { and, inArray, isNull } from 'drizzle-orm';
import { users } from '../../../db/schema/index.ts';
import type { Queryable } from '../../lib/server/db/index.ts';
import type { RequestContext } from '../context.ts';
import { enqueueEmails, type EmailRequest } from '../mail/enqueue-email.server.ts';

type CallTitles = { titleIt: string; titleEn: string };

/**
 * Tells each evaluator about the proposals an action just gave them: one `reviewAssigned` message
 * per evaluator per action (manual, bulk, automatic, reassignment, re-scoring), with how many, in
 * the evaluator's language, linking to their dashboard (/{lang}/review), never to a proposal, which
 * they may open only after declaring no conflict. Call it in the transaction that created the
 * assignments, so nobody is told about an assignment that rolled back. Disabled accounts, which
 * cannot sign in, get nothing. Returns how many messages were queued.
 */
export async function notifyAssignedEvaluators(tx: Queryable, ctx: RequestContext, call: CallTitles, created: readonly { evaluatorId: string }[]): Promise<number> {
  const counts = new Map<string, number>();
  for (const a of created) counts.set(a.evaluatorId, (counts.get(a.evaluatorId) ?? 0) + 1);
  if (counts.size === 0) return 0;
  const people = await tx
    .select({ id: users.id, email: users.email, name: users.name, locale: users.locale })
    .from(users)
    .where(and(inArray(users.id, [...counts.keys()]), isNull(users.disabledAt)));
  const requests: EmailRequest[] = people.map((p) => ({
    to: p.email,
    userId: p.id,
    locale: p.locale,
    template: 'reviewAssigned',
    params: {
      name: p.name,
      link: `${ctx.origin}/${p.locale}/review`,
      call: p.locale === 'it' ? call.titleIt : call.titleEn || call.titleIt,
      count: counts.get(p.id)!,
    },
  }));
  await enqueueEmails(tx, requests);
  return requests.length;
}
