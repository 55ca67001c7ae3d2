import { asc, count, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { expect } from 'vitest';
import { auditEvents, outboxMessages } from '../../db/schema/index.ts';
import type { Db } from '../../src/lib/server/db/index.ts';
import { DomainError } from '../../src/domain/errors.ts';

/** Shared assertions of the integration tests (not a test file: vitest only runs *.test.ts). */

export const HOUR = 60 * 60 * 1000;
export const DAY = 24 * HOUR;
export const T0 = new Date('2026-03-02T09:00:00Z');
export const at = (ms: number) => new Date(T0.getTime() + ms);

export async function rowCount(db: Db, table: PgTable, where?: SQL): Promise<number> {
  const [row] = await db.select({ n: count() }).from(table).where(where);
  return row?.n ?? 0;
}

export async function auditTrail(db: Db) {
  return db
    .select({ action: auditEvents.action, entityId: auditEvents.entityId, actorId: auditEvents.actorId, requestId: auditEvents.requestId, summary: auditEvents.summary })
    .from(auditEvents)
    .orderBy(asc(auditEvents.id));
}

export async function outbox(db: Db) {
  return db.select().from(outboxMessages).orderBy(asc(outboxMessages.id));
}

/** The token in the first link to `path` (e.g. `/verify-email`) of a message's text body. */
export function tokenFrom(text: string, path: string): string {
  const match = new RegExp(`${path}\\?token=([^\\s&]+)`).exec(text);
  if (!match) throw new Error(`no ${path} link in:\n${text}`);
  return decodeURIComponent(match[1]!);
}

/** Awaits a promise that must fail with a domain error, and returns it. */
export async function domainError(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, 'expected a domain error').toBeInstanceOf(DomainError);
  return error as DomainError;
}
