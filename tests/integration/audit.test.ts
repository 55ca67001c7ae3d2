import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditEvents } from '../../db/schema/index.ts';
import { recordAudit } from '../../src/domain/audit/record-audit.server.ts';
import { listAuditEvents } from '../../src/domain/audit/list-audit.server.ts';
import { auditFilterSchema } from '../../src/domain/audit/schema.ts';
import { setUserRoles } from '../../src/domain/accounts/manage-users.server.ts';
import { createUser } from '../factories/index.ts';
import { testContext } from '../support/context.ts';
import { useTestDb } from '../support/db.ts';
import { auditTrail, domainError, rowCount } from './helpers.ts';

const t = useTestDb();

/** The PostgreSQL error behind a failed query (Drizzle wraps it in `cause`). */
async function dbError(promise: Promise<unknown>): Promise<{ message: string; code?: string }> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e as Error & { cause?: Error & { code?: string } },
  );
  expect(error, 'the statement should have been refused').not.toBeNull();
  return error!.cause ?? error!;
}

describe('the audit trail is append-only', () => {
  it('refuses to rewrite an event', async () => {
    await recordAudit(t.db, testContext({ requestId: 'req-1' }), { action: 'user.registered', entityType: 'user', entityId: 'u1' });
    const error = await dbError(t.db.update(auditEvents).set({ action: 'user.nothing_happened' }));
    expect(error.message).toMatch(/append-only/);
    expect(error.code).toBe('42501');
    expect((await auditTrail(t.db)).map((r) => r.action)).toEqual(['user.registered']);
  });

  it('refuses to delete an event', async () => {
    await recordAudit(t.db, testContext(), { action: 'user.registered', entityType: 'user', entityId: 'u1' });
    const error = await dbError(t.db.delete(auditEvents).where(eq(auditEvents.entityId, 'u1')));
    expect(error.message).toMatch(/append-only/);
    expect(await rowCount(t.db, auditEvents)).toBe(1);
  });

  it('a change that fails leaves no event behind', async () => {
    const admin = await createUser(t.db, 'admin');
    await domainError(setUserRoles(t.db, testContext({ actor: admin.actor }), admin.id, ['staff'])); // last admin
    expect(await rowCount(t.db, auditEvents)).toBe(0);
  });
});

describe('reading the audit trail', () => {
  it('staff filter by action prefix and actor; everyone else is refused', async () => {
    const staff = await createUser(t.db, 'staff', { email: 'giovanna.strano@comune.example.it' });
    const resident = await createUser(t.db, 'resident');
    const record = (action: string, actorId: string | null) =>
      recordAudit(t.db, testContext({ requestId: 'req-x' }), { action, entityType: 'user', entityId: 'e', actorId });
    await record('user.registered', resident.id);
    await record('user.email_verified', resident.id);
    await record('invitation.created', staff.id);
    const ctx = testContext({ actor: staff.actor });

    const users = await listAuditEvents(t.db, ctx, auditFilterSchema.parse({ action: 'user.' }));
    expect(users.rows.map((r) => r.action)).toEqual(['user.email_verified', 'user.registered']); // newest first
    const byStaff = await listAuditEvents(t.db, ctx, auditFilterSchema.parse({ actor: 'giovanna' }));
    expect(byStaff.rows).toEqual([expect.objectContaining({ action: 'invitation.created', actorEmail: staff.email, requestId: 'req-x' })]);
    const underscore = await listAuditEvents(t.db, ctx, auditFilterSchema.parse({ action: 'user_' }));
    expect(underscore.total).toBe(0); // "_" is a character, not a wildcard

    expect(await domainError(listAuditEvents(t.db, testContext({ actor: resident.actor }), auditFilterSchema.parse({})))).toMatchObject({ kind: 'forbidden' });
    expect(await domainError(listAuditEvents(t.db, testContext(), auditFilterSchema.parse({})))).toMatchObject({ code: 'not_signed_in' });
  });
});
