import { describe, expect, it } from 'vitest';
import { outboxMessages, sessions, throttles, userTokens } from '../../db/schema/index.ts';
import { purgeExpired } from '../../src/domain/maintenance/purge-expired.server.ts';
import { createSession } from '../../src/domain/accounts/session.server.ts';
import { issueUserToken } from '../../src/domain/accounts/accounts.repo.server.ts';
import { enqueueEmail } from '../../src/domain/mail/enqueue-email.server.ts';
import { markSent } from '../../src/domain/mail/outbox.repo.server.ts';
import { createUser } from '../factories/index.ts';
import { useTestDb } from '../support/db.ts';

const t = useTestDb();
const DAY = 24 * 3600 * 1000;
const now = new Date('2026-11-25T10:00:00Z');
const daysAgo = (n: number) => new Date(now.getTime() - n * DAY);

describe('retention purge', () => {
  it('removes only sessions idle for 30 days, spent or long-expired tokens, and stale throttles', async () => {
    const user = await createUser(t.db);
    await createSession(t.db, user.id, daysAgo(31));
    const { session: live } = await createSession(t.db, user.id, daysAgo(29));
    await issueUserToken(t.db, user.id, 'password_reset', daysAgo(9), 3600_000); // expired 9 days ago
    await issueUserToken(t.db, user.id, 'email_verification', daysAgo(1), 2 * DAY); // still valid
    await t.db.insert(throttles).values([
      { key: 'login:account:old', failures: 3, windowStartedAt: daysAgo(2) },
      { key: 'login:account:locked', failures: 9, windowStartedAt: daysAgo(2), lockedUntil: new Date(now.getTime() + 3600_000) },
      { key: 'login:account:recent', failures: 1, windowStartedAt: now },
    ]);

    const purged = await purgeExpired(t.db, now);

    expect(purged).toMatchObject({ sessions: 1, tokens: 1, throttles: 1 });
    expect((await t.db.select({ id: sessions.id }).from(sessions)).map((s) => s.id)).toEqual([live.id]);
    expect(await t.db.select({ p: userTokens.purpose }).from(userTokens)).toEqual([{ p: 'email_verification' }]);
    expect((await t.db.select({ k: throttles.key }).from(throttles)).map((r) => r.k).sort()).toEqual(['login:account:locked', 'login:account:recent']);
  });

  it('blanks the bodies of mail sent over 30 days ago, keeping the record, and leaves the rest', async () => {
    const send = (to: string) =>
      enqueueEmail(t.db, { to, userId: null, locale: 'it', template: 'passwordReset', params: { name: 'A', link: 'http://x/secret', minutes: 60 } });
    const old = await send('old@example.org');
    const recent = await send('recent@example.org');
    const queued = await send('queued@example.org');
    await markSent(t.db, old, daysAgo(31));
    await markSent(t.db, recent, daysAgo(2));

    expect((await purgeExpired(t.db, now)).mailBodies).toBe(1);
    const rows = await t.db.select({ id: outboxMessages.id, text: outboxMessages.textBody, subject: outboxMessages.subject }).from(outboxMessages);
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(old)).toMatchObject({ text: '', subject: expect.stringContaining('password') });
    expect(byId.get(recent)?.text).toContain('http://x/secret');
    expect(byId.get(queued)?.text).toContain('http://x/secret');
    expect((await purgeExpired(t.db, now)).mailBodies).toBe(0);
  });

  it('deletes the record of mail delivered or given up over 12 months ago, never mail still queued', async () => {
    const old = new Date(now.getTime() - 366 * DAY);
    await t.db.insert(outboxMessages).values([
      { toAddress: 'a@example.org', locale: 'it', template: 'verifyEmail', subject: 's', textBody: '', htmlBody: '', status: 'sent', createdAt: old, sentAt: old },
      { toAddress: 'b@example.org', locale: 'it', template: 'verifyEmail', subject: 's', textBody: 't', htmlBody: 'h', status: 'pending', createdAt: old },
      { toAddress: 'c@example.org', locale: 'it', template: 'verifyEmail', subject: 's', textBody: '', htmlBody: '', status: 'sent', createdAt: daysAgo(300), sentAt: daysAgo(300) },
    ]);
    expect((await purgeExpired(t.db, now)).mailRecords).toBe(1);
    const left = await t.db.select({ to: outboxMessages.toAddress }).from(outboxMessages);
    expect(left.map((r) => r.to).sort()).toEqual(['b@example.org', 'c@example.org']);
  });
});
