import { eq } from 'drizzle-orm';
import { calls, integrationRequests, observations, proposals } from '../../../db/schema/index.ts';
import type { Queryable } from '../../lib/server/db/index.ts';
import type { FileRow } from '../files/files.repo.server.ts';
import type { RequestContext } from '../context.ts';
import { can } from '../policy.ts';
import { blindFileName, fileLabelOf } from './blind.ts';
import { blindWords } from './evaluator-views.server.ts';
import { isBlindReview } from './review-assignment.server.ts';

/**
 * The name a download is offered under (Content-Disposition). Evaluators of a blind call get
 * `Allegato – <requirement>.<ext>` instead of the proposer's file name; everyone else (the
 * proposer, staff) the stored name. Call it after openDownload has allowed the download.
 */
export async function downloadNameFor(db: Queryable, ctx: RequestContext, file: FileRow): Promise<string> {
  const actor = ctx.actor;
  if (!actor || !actor.roles.includes('evaluator') || can(actor, 'area.staff').ok) return file.originalName;
  const proposalId = await proposalOfFile(db, file);
  if (!proposalId) return file.originalName;
  const [row] = await db
    .select({ proposerId: proposals.proposerId, callId: proposals.callId, attachments: calls.attachments, questions: calls.questions })
    .from(proposals)
    .innerJoin(calls, eq(calls.id, proposals.callId))
    .where(eq(proposals.id, proposalId));
  if (!row || row.proposerId === actor.userId || !(await isBlindReview(db, row.callId))) return file.originalName;
  return blindFileName(fileLabelOf(row, file.purpose, ctx.locale), file.originalName, blindWords(ctx.locale));
}

async function proposalOfFile(db: Queryable, file: FileRow): Promise<string | null> {
  if (file.ownerType === 'proposal') return file.ownerId;
  if (file.ownerType === 'integration_request') {
    const [r] = await db.select({ id: integrationRequests.proposalId }).from(integrationRequests).where(eq(integrationRequests.id, file.ownerId));
    return r?.id ?? null;
  }
  if (file.ownerType === 'observation') {
    const [o] = await db.select({ id: observations.proposalId }).from(observations).where(eq(observations.id, file.ownerId));
    return o?.id ?? null;
  }
  return null;
}
