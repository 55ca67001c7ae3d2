import { createHash, randomUUID } from 'node:crypto';
import { files } from '../../db/schema/index.ts';
import type { Queryable } from '../../src/lib/server/db/index.ts';

export type FileRow = typeof files.$inferSelect;

/**
 * A file row attached to a proposal, without bytes in any storage: for tests and demo data that
 * need "the budget is attached" but never download it. Real uploads go through saveUpload.
 */
export async function attachFile(
  db: Queryable,
  options: { proposalId: string; purpose: string; name?: string; content?: string; uploadedBy?: string | null },
): Promise<FileRow> {
  const content = options.content ?? `${options.purpose} ${randomUUID()}`;
  const id = randomUUID();
  const [row] = await db
    .insert(files)
    .values({
      id,
      storage: 'local',
      storageKey: `${id.slice(0, 2)}/${id.slice(2, 4)}/${id}`,
      originalName: options.name ?? `${options.purpose}.pdf`,
      mime: 'application/pdf',
      sizeBytes: Buffer.byteLength(content),
      sha256: createHash('sha256').update(content).digest('hex'),
      ownerType: 'proposal',
      ownerId: options.proposalId,
      purpose: options.purpose,
      uploadedBy: options.uploadedBy ?? null,
    })
    .returning();
  return row!;
}
