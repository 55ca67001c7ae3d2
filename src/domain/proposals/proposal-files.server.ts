import { and, eq, isNull, ne } from 'drizzle-orm';
import { files } from '../../../db/schema/index.ts';
import type { Db } from '../../lib/server/db/index.ts';
import type { Storage } from '../../lib/server/storage/index.ts';
import type { FileKind } from '../calls/definitions.ts';
import type { RequestContext } from '../context.ts';
import { invalid } from '../errors.ts';
import { authorize } from '../policy.ts';
import { removeUpload, saveUpload } from '../files/save-upload.server.ts';
import type { FileRow } from '../files/files.repo.server.ts';
import { factsOf, loadCall, lockProposal, requireOpen, type CallRow } from './proposal-tx.server.ts';
import { questionPurpose } from './submission.ts';

const DEFAULT_QUESTION_FILE = { kinds: ['pdf', 'image'] as FileKind[], maxBytes: 5 * 1024 * 1024 };

/** What a purpose accepts, from the call (never from the form): an attachment or a file question. */
export function uploadRule(call: Pick<CallRow, 'attachments' | 'questions'>, purpose: string): { kinds: readonly FileKind[]; maxBytes: number } | null {
  const requirement = call.attachments.find((a) => a.key === purpose);
  if (requirement) return { kinds: requirement.kinds, maxBytes: requirement.maxBytes };
  const question = call.questions.find((q) => q.type === 'file' && questionPurpose(q.key) === purpose);
  if (!question) return null;
  return { kinds: question.kinds?.length ? question.kinds : DEFAULT_QUESTION_FILE.kinds, maxBytes: question.maxBytes ?? DEFAULT_QUESTION_FILE.maxBytes };
}

/** Checks, in a short transaction, that the actor may change this draft now. */
async function editableDraft(db: Db, ctx: RequestContext, proposalId: string) {
  return db.transaction(async (tx) => {
    const proposal = await lockProposal(tx, ctx, proposalId);
    authorize(ctx.actor, 'proposal.edit', factsOf(proposal));
    const call = await loadCall(tx, proposal.callId);
    requireOpen(call, ctx.now());
    return { proposal, call };
  });
}

/**
 * Attaches a file to a draft for one purpose, replacing the previous file for it (kept, marked
 * removed, for the history). The bytes are stored outside the proposal's transaction, so the
 * draft is checked again afterwards: if it was submitted meanwhile, the new file is withdrawn.
 */
export async function uploadProposalFile(
  db: Db,
  storage: Storage,
  ctx: RequestContext,
  input: { proposalId: string; purpose: string; file: File },
): Promise<FileRow> {
  const { proposal, call } = await editableDraft(db, ctx, input.proposalId);
  const rule = uploadRule(call, input.purpose);
  if (!rule) throw invalid('unknown_attachment', { field: input.purpose });
  const owner = { ownerType: 'proposal' as const, ownerId: proposal.id };
  const saved = await saveUpload(db, storage, ctx, { ...owner, purpose: input.purpose, file: input.file, ...rule });
  try {
    await editableDraft(db, ctx, proposal.id);
  } catch (error) {
    await removeUpload(db, ctx, saved.id, owner);
    throw error;
  }
  const older = await db
    .select({ id: files.id })
    .from(files)
    .where(and(eq(files.ownerType, 'proposal'), eq(files.ownerId, proposal.id), eq(files.purpose, input.purpose), isNull(files.deletedAt), ne(files.id, saved.id)));
  for (const old of older) await removeUpload(db, ctx, old.id, owner);
  return saved;
}

export async function removeProposalFile(db: Db, ctx: RequestContext, input: { proposalId: string; fileId: string }): Promise<FileRow> {
  const { proposal } = await editableDraft(db, ctx, input.proposalId);
  return removeUpload(db, ctx, input.fileId, { ownerType: 'proposal', ownerId: proposal.id });
}
