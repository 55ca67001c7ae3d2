import type { Db } from '../../lib/server/db/index.ts';
import type { RequestContext } from '../context.ts';
import { conflict } from '../errors.ts';
import { authorize } from '../policy.ts';
import type { AmendmentNote } from './call.schema.ts';
import { lockCall, saveCallChanges, type CallPatch } from './call-changes.server.ts';

export type Amendment =
  /** A later deadline, nothing else. */
  | { kind: 'proroga'; closesAt: Date; note: AmendmentNote }
  /** A correction of texts or requirements. */
  | { kind: 'rettifica'; patch: CallPatch; note: AmendmentNote };

/**
 * Amends a published call before its deadline: a new version with the changed fields, the
 * reason in both languages, and an email to proposers with drafts, all in one transaction.
 * Drafts are edited freely instead; after the deadline nothing is amended (a closed call is
 * never reopened by a proroga).
 */
export async function amendCall(db: Db, ctx: RequestContext, callId: string, amendment: Amendment): Promise<{ version: number }> {
  authorize(ctx.actor, 'call.manage');
  return db.transaction(async (tx) => {
    const call = await lockCall(tx, callId);
    if (call.phase === 'draft') throw conflict('call_not_published');
    const patch = amendment.kind === 'proroga' ? { closesAt: amendment.closesAt } : amendment.patch;
    return saveCallChanges(tx, ctx, call, patch, { kind: amendment.kind, note: amendment.note });
  });
}
