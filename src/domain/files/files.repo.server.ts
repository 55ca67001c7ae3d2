import { and, asc, eq, isNull } from 'drizzle-orm';
import { files } from '../../../db/schema/index.ts';
import type { Queryable } from '../../lib/server/db/index.ts';

export type FileRow = typeof files.$inferSelect;
export type FileOwnerType = FileRow['ownerType'];
export type FileOwner = { ownerType: FileOwnerType; ownerId: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Ids come from URLs: anything that is not a UUID is simply not found (and never reaches SQL). */
export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

/** One file row by id, deleted or not; null for an unknown or malformed id. */
export async function findFile(db: Queryable, fileId: string): Promise<FileRow | null> {
  if (!isUuid(fileId)) return null;
  const [row] = await db.select().from(files).where(eq(files.id, fileId)).limit(1);
  return row ?? null;
}

/**
 * The files attached to an owner, oldest first, without the removed ones unless asked (staff
 * looking at the history of a submitted proposal). No policy check: callers authorize the owner.
 */
export async function listFiles(
  db: Queryable,
  ownerType: FileOwnerType,
  ownerId: string,
  options: { includeDeleted?: boolean } = {},
): Promise<FileRow[]> {
  if (!isUuid(ownerId)) return [];
  const owner = and(eq(files.ownerType, ownerType), eq(files.ownerId, ownerId));
  return db
    .select()
    .from(files)
    .where(options.includeDeleted ? owner : and(owner, isNull(files.deletedAt)))
    .orderBy(asc(files.createdAt), asc(files.id));
}
