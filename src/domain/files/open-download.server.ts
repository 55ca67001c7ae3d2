import { eq } from 'drizzle-orm';
import { calls, deliverables, integrationRequests, milestones, observations } from '../../../db/schema/index.ts';
import { loadStartupFacts } from '../incubation/startup-facts.server.ts';
import type { Queryable } from '../../lib/server/db/index.ts';
import type { Storage } from '../../lib/server/storage/index.ts';
import type { RequestContext } from '../context.ts';
import { notFound } from '../errors.ts';
import { authorize, can, type FileFacts } from '../policy.ts';
import { loadProposalFacts } from '../proposals/facts.server.ts';
import { findFile, type FileRow } from './files.repo.server.ts';

export type Download = { file: FileRow; body: ReadableStream<Uint8Array> };

/**
 * Opens a stored file for whoever may see what it is attached to: a proposal's files for its
 * proposer, staff and assigned evaluators (an integration request's files follow its proposal);
 * a call's documents for everyone once the call is published, only for staff while a draft.
 * Throws not_found for an unknown id or a removed file (staff still see removed ones), and
 * forbidden with the policy's reason (`not_signed_in` for anonymous visitors) otherwise.
 */
export async function openDownload(db: Queryable, storage: Storage, ctx: RequestContext, fileId: string): Promise<Download> {
  const file = await findFile(db, fileId);
  if (!file) throw notFound('file_not_found');
  if (file.deletedAt !== null && !can(ctx.actor, 'area.staff').ok) throw notFound('file_not_found');

  const attachedTo = await ownerFacts(db, ctx, file);
  authorize(ctx.actor, 'file.download', { type: 'file', attachedTo });

  if (file.storage !== storage.kind) {
    // A configuration change (UPLOADTHING_TOKEN set or removed) after files were stored.
    throw new Error(`File ${file.id} is stored in ${file.storage}, but the configured storage is ${storage.kind}`);
  }
  const body = await storage.get(file.storageKey);
  if (!body) throw new Error(`File ${file.id} has a row but no stored object (${file.storage})`);
  return { file, body };
}

async function ownerFacts(db: Queryable, ctx: RequestContext, file: FileRow): Promise<FileFacts['attachedTo']> {
  switch (file.ownerType) {
    case 'proposal':
      return proposalFacts(db, file.ownerId);
    case 'integration_request': {
      const [request] = await db
        .select({ proposalId: integrationRequests.proposalId })
        .from(integrationRequests)
        .where(eq(integrationRequests.id, file.ownerId))
        .limit(1);
      if (!request) throw notFound('file_not_found');
      return proposalFacts(db, request.proposalId);
    }
    case 'call': {
      const [call] = await db.select({ phase: calls.phase }).from(calls).where(eq(calls.id, file.ownerId)).limit(1);
      if (!call) throw notFound('file_not_found');
      if (call.phase !== 'draft') return { type: 'public' };
      // A draft's documents are for the staff preparing it.
      authorize(ctx.actor, 'call.manage');
      return { type: 'public' };
    }
    case 'observation': {
      // An observation's attachment is visible to whoever may see the proposal it concerns.
      const [observation] = await db
        .select({ proposalId: observations.proposalId })
        .from(observations)
        .where(eq(observations.id, file.ownerId))
        .limit(1);
      if (!observation) throw notFound('file_not_found');
      return proposalFacts(db, observation.proposalId);
    }
    case 'deliverable': {
      const [row] = await db
        .select({ startupId: milestones.startupId })
        .from(deliverables)
        .innerJoin(milestones, eq(milestones.id, deliverables.milestoneId))
        .where(eq(deliverables.id, file.ownerId))
        .limit(1);
      if (!row) throw notFound('file_not_found');
      return privateStartupFacts(db, row.startupId);
    }
    case 'startup':
      return privateStartupFacts(db, file.ownerId);
  }
}

/** A start-up's working files are for its team, coaches and staff only: not public, not donors (they see what the team shares). */
async function privateStartupFacts(db: Queryable, startupId: string) {
  const loaded = await loadStartupFacts(db, startupId);
  if (!loaded) throw notFound('file_not_found');
  return { ...loaded.facts, publicProfile: false, funderUserIds: [] };
}

async function proposalFacts(db: Queryable, proposalId: string) {
  const loaded = await loadProposalFacts(db, proposalId);
  if (!loaded) throw notFound('file_not_found');
  return loaded.facts;
}
