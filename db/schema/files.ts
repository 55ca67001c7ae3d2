import { bigint, index, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';

export const storageKindEnum = pgEnum('storage_kind', ['local', 'uploadthing']);
/** What a file is attached to; the policy decides downloads from the owner's rules. */
export const fileOwnerEnum = pgEnum('file_owner', ['proposal', 'call', 'integration_request', 'observation', 'deliverable', 'startup']);

/**
 * Stored files. Never served from public/: downloads go through /files/{id} after the policy says
 * yes. The stored name is random; the original name is kept only for Content-Disposition.
 */
export const files = pgTable(
  'files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    storage: storageKindEnum('storage').notNull(),
    storageKey: text('storage_key').notNull(),
    originalName: text('original_name').notNull(),
    /** Type sniffed from the content (magic bytes), never taken from the name or the browser. */
    mime: text('mime').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    ownerType: fileOwnerEnum('owner_type').notNull(),
    ownerId: uuid('owner_id').notNull(),
    /** The attachment requirement or question key it answers (e.g. `budget`, `id_document`). */
    purpose: text('purpose').notNull(),
    uploadedBy: uuid('uploaded_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Replaced or removed by its owner: kept for the history of a submitted proposal. */
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [index('files_owner_idx').on(t.ownerType, t.ownerId, t.purpose)],
);
