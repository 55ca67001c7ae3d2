import { createHash } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { files } from '../../../db/schema/index.ts';
import type { Queryable } from '../../lib/server/db/index.ts';
import { newStorageKey, type Storage } from '../../lib/server/storage/index.ts';
import { recordAudit } from '../audit/record-audit.server.ts';
import type { FileKind } from '../calls/definitions.ts';
import type { RequestContext } from '../context.ts';
import { invalid, notFound } from '../errors.ts';
import { safeFileName } from './file-name.ts';
import { findFile, type FileOwner, type FileRow } from './files.repo.server.ts';
import { sniff } from './sniff.ts';

/** The ceiling whatever a call asks for (definitions.ts allows at most 20 MB per requirement). */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

export type SaveUploadInput = FileOwner & {
  /** The attachment requirement or question key; also the form field named in errors. */
  purpose: string;
  file: File;
  kinds: readonly FileKind[];
  maxBytes: number;
};

/**
 * Stores an uploaded file and records it. NO POLICY CHECK HERE: the caller must first authorize
 * what the file is attached to (e.g. `proposal.edit` on the proposal, `call.manage` on the call)
 * and take `kinds`/`maxBytes` from the call's requirement, never from the form.
 *
 * Refusals (`invalid`, with `field: purpose`): file_empty; file_too_large (`max` in bytes);
 * file_type_not_allowed (`allowed`: the kinds). A refused file leaves nothing behind. The bytes
 * are written first, then the row and its audit event in one transaction; if that fails, the
 * stored object is removed again. `db` may be an open transaction (the row then commits with it;
 * should that outer transaction roll back, the stored object stays behind unreferenced).
 */
export async function saveUpload(db: Queryable, storage: Storage, ctx: RequestContext, input: SaveUploadInput): Promise<FileRow> {
  const { file, purpose, kinds } = input;
  const maxBytes = Math.min(input.maxBytes, MAX_UPLOAD_BYTES);
  if (file.size === 0) throw invalid('file_empty', { field: purpose });
  // Checked before reading, so an oversized upload is not copied around in memory once more.
  if (file.size > maxBytes) throw invalid('file_too_large', { field: purpose, max: maxBytes });
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (bytes.length === 0) throw invalid('file_empty', { field: purpose });
  if (bytes.length > maxBytes) throw invalid('file_too_large', { field: purpose, max: maxBytes });

  const type = sniff(bytes);
  if (!type.ok || !kinds.includes(type.kind)) {
    throw invalid('file_type_not_allowed', { field: purpose, allowed: [...kinds], ...(type.ok ? { found: type.kind } : { refused: type.reason }) });
  }

  const key = newStorageKey();
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const originalName = safeFileName(file.name, type);
  await storage.put(key, bytes, type.mime);
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(files)
        .values({
          storage: storage.kind,
          storageKey: key,
          originalName,
          mime: type.mime,
          sizeBytes: bytes.length,
          sha256,
          ownerType: input.ownerType,
          ownerId: input.ownerId,
          purpose,
          uploadedBy: ctx.actor?.userId ?? null,
        })
        .returning();
      await recordAudit(tx, ctx, {
        action: 'file.uploaded',
        entityType: 'file',
        entityId: row!.id,
        summary: { ownerType: input.ownerType, ownerId: input.ownerId, purpose, mime: type.mime, sizeBytes: bytes.length, sha256 },
      });
      return row!;
    });
  } catch (error) {
    await storage.remove(key).catch(() => {});
    throw error;
  }
}

/**
 * Removes a file from its owner (soft delete: the bytes and the row stay for the history of a
 * submitted proposal). NO POLICY CHECK HERE: authorize the owner first, and pass `owner` so that a
 * file id of someone else's proposal is not found rather than removed.
 */
export async function removeUpload(db: Queryable, ctx: RequestContext, fileId: string, owner?: FileOwner): Promise<FileRow> {
  return db.transaction(async (tx) => {
    const current = await findFile(tx, fileId);
    if (!current || current.deletedAt !== null) throw notFound('file_not_found');
    if (owner && (current.ownerType !== owner.ownerType || current.ownerId !== owner.ownerId)) throw notFound('file_not_found');
    const [row] = await tx
      .update(files)
      .set({ deletedAt: ctx.now() })
      .where(and(eq(files.id, current.id), isNull(files.deletedAt)))
      .returning();
    if (!row) throw notFound('file_not_found');
    await recordAudit(tx, ctx, {
      action: 'file.removed',
      entityType: 'file',
      entityId: row.id,
      summary: { ownerType: row.ownerType, ownerId: row.ownerId, purpose: row.purpose, name: row.originalName },
    });
    return row;
  });
}
