import { eq, sql } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import { describe, expect, it, vi } from 'vitest';
import { outboxMessages } from '../../db/schema/index.ts';
import * as outbox from '../../src/domain/mail/outbox.repo.server.ts';
import * as mailbox from '../../src/domain/mail/mailbox.server.ts';
import { enqueueEmail } from '../../src/domain/mail/enqueue-email.server.ts';
import { readConfig } from '../../src/lib/server/config.ts';
import type { Db } from '../../src/lib/server/db/index.ts';
import type { Logger } from '../../src/lib/server/logger.ts';
import { createTransport, smtpTransport, type MailTransport, type OutgoingMail } from '../../src/lib/server/mail/transport.ts';
import { startMailWorker } from '../../src/lib/server/mail/worker.ts';
import { actor, testContext } from '../support/context.ts';
import { useTestDb } from '../support/db.ts';

const t = useTestDb();
const SECRET = 'tok_s3cr3t';

/** Collects log lines so tests can assert that no message body (with its secret link) is logged. */
function memoryLogger(lines: string[] = []): Logger & { lines: string[] } {
  const write = (level: string) => (msg: string, fields?: Record<string, unknown>) => lines.push(`${level} ${msg} ${JSON.stringify(fields ?? {})}`);
  return { lines, debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error'), child: () => memoryLogger(lines) };
}

/** Records every send; `fail` makes it reject, `delayMs` adds up to that much random latency. */
function recorder(opts: { fail?: boolean; delayMs?: number } = {}) {
  const sent: OutgoingMail[] = [];
  const transport: MailTransport = {
    kind: 'mailbox',
    async send(msg) {
      if (opts.delayMs) await new Promise((r) => setTimeout(r, Math.random() * opts.delayMs!));
      if (opts.fail) throw new Error('550 relay refused');
      sent.push(msg);
    },
    close: async () => {},
  };
  return { transport, sent };
}

const enqueue = (db: Db | Parameters<typeof enqueueEmail>[0], to: string) =>
  enqueueEmail(db, { to, userId: null, locale: 'it', template: 'verifyEmail', params: { name: 'Ada', link: `http://vivaio.test/v/${SECRET}` } });

async function insertMany(n: number) {
  const rows = Array.from({ length: n }, (_, i) => ({ toAddress: `u${i}@example.org`, locale: 'en' as const, template: 'verifyEmail', subject: `s${i}`, textBody: 't', htmlBody: 'h' }));
  await t.db.insert(outboxMessages).values(rows);
}

const allRows = () => t.db.select().from(outboxMessages).orderBy(outboxMessages.id);

describe('mail outbox', () => {
  it('claims due messages and sends each through the transport', async () => {
    await enqueue(t.db, 'ada@example.org');
    await enqueue(t.db, 'bob@example.org');
    await t.db.update(outboxMessages).set({ nextAttemptAt: sql`now() + interval '1 hour'` }).where(eq(outboxMessages.toAddress, 'bob@example.org'));
    const { transport, sent } = recorder();
    const logger = memoryLogger();
    const worker = startMailWorker({ db: t.db, transport, logger, manual: true });
    expect(await worker.runOnce()).toBe(1);
    await worker.stop();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ to: 'ada@example.org', subject: expect.any(String) });
    expect(sent[0]!.text).toContain(SECRET);
    const [ada, bob] = await allRows();
    expect(ada).toMatchObject({ status: 'sent', attempts: 1, lockedUntil: null });
    expect(ada!.sentAt).toBeInstanceOf(Date);
    expect(bob).toMatchObject({ status: 'pending', attempts: 0 });
    expect(await outbox.outboxStats(t.db)).toMatchObject({ pending: 1, sent: 1, sending: 0, failed: 0 });
    expect(logger.lines.join('\n')).not.toContain(SECRET);
  });

  it('retries a failing message with backoff, then gives up after the maximum', async () => {
    await enqueue(t.db, 'ada@example.org');
    let clock = new Date(Date.now() + 1000);
    const { transport } = recorder({ fail: true });
    const send = vi.spyOn(transport, 'send');
    const logger = memoryLogger();
    const worker = startMailWorker({ db: t.db, transport, logger, manual: true, now: () => clock });
    for (let attempt = 1; attempt <= outbox.MAX_ATTEMPTS; attempt++) {
      expect(await worker.runOnce()).toBe(0);
      const [row] = await allRows();
      expect(row).toMatchObject({ attempts: attempt, lastError: '550 relay refused' });
      if (attempt === outbox.MAX_ATTEMPTS) {
        expect(row!.status).toBe('failed');
        break;
      }
      expect(row!.status).toBe('pending');
      const delay = row!.nextAttemptAt.getTime() - clock.getTime();
      const base = Math.min(30_000 * 2 ** (attempt - 1), 3_600_000);
      expect(delay).toBeGreaterThanOrEqual(base * 0.8);
      expect(delay).toBeLessThanOrEqual(base * 1.2);
      // Not due yet: nothing is attempted before the backoff has passed.
      await worker.runOnce();
      expect(send).toHaveBeenCalledTimes(attempt);
      clock = new Date(row!.nextAttemptAt.getTime() + 1);
    }
    await worker.stop();
    expect(send).toHaveBeenCalledTimes(outbox.MAX_ATTEMPTS);
    expect(logger.lines.filter((l) => l.startsWith('error'))).toHaveLength(1);
    expect(logger.lines.join('\n')).not.toContain(SECRET);
  });

  it('re-claims a message whose lease expired, and fences the stale claim', async () => {
    await enqueue(t.db, 'ada@example.org');
    const now = new Date(Date.now() + 1000);
    const at = (ms: number) => new Date(now.getTime() + ms);
    const [first] = await outbox.claimDueMessages(t.db, { now, batchSize: 10, leaseMs: 60_000 });
    expect(first).toMatchObject({ attempts: 1, lockedUntil: at(60_000) });
    expect(await outbox.claimDueMessages(t.db, { now: at(30_000), batchSize: 10, leaseMs: 60_000 })).toHaveLength(0);
    const [second] = await outbox.claimDueMessages(t.db, { now: at(61_000), batchSize: 10, leaseMs: 60_000 });
    expect(second).toMatchObject({ id: first!.id, attempts: 2 });
    // The first (presumed dead) claimant wakes up and fails: it must not touch the new claim.
    expect(await outbox.markFailed(t.db, first!.id, 'late', at(62_000), first!.attempts)).toBeNull();
    expect((await allRows())[0]).toMatchObject({ status: 'sending', attempts: 2 });
    await outbox.markSent(t.db, second!.id, at(63_000));
    expect((await allRows())[0]).toMatchObject({ status: 'sent', lockedUntil: null });
  });

  it('never sends a message enqueued in a transaction that rolled back', async () => {
    await expect(
      t.db.transaction(async (tx) => {
        await enqueue(tx, 'ada@example.org');
        throw new Error('change rejected');
      }),
    ).rejects.toThrow('change rejected');
    const { transport, sent } = recorder();
    const worker = startMailWorker({ db: t.db, transport, logger: memoryLogger(), manual: true });
    expect(await worker.runOnce()).toBe(0);
    await worker.stop();
    expect(sent).toHaveLength(0);
    expect(await allRows()).toHaveLength(0);
  });

  it('delivers after nudge() and stops cleanly', async () => {
    const { transport, sent } = recorder();
    const worker = startMailWorker({ db: t.db, transport, logger: memoryLogger(), intervalMs: 60_000 });
    await enqueue(t.db, 'ada@example.org');
    worker.nudge();
    await vi.waitFor(() => expect(sent).toHaveLength(1), { timeout: 5000 });
    await worker.stop();
    await enqueue(t.db, 'bob@example.org');
    worker.nudge();
    expect(await worker.runOnce()).toBe(0);
    expect(sent).toHaveLength(1);
  });

  it('two workers send each of 200 messages exactly once', async () => {
    await insertMany(200);
    const extra = t.kind === 'postgres' ? [await t.connect(), await t.connect()] : [];
    const handles = t.kind === 'postgres' ? extra.map((d) => d.db) : [t.db, t.db];
    const counts = new Map<string, number>();
    const { transport } = recorder({ delayMs: 3 });
    const counting: MailTransport = { ...transport, send: async (m) => (await transport.send(m), void counts.set(m.to, (counts.get(m.to) ?? 0) + 1)) };
    const workers = handles.map((db) => startMailWorker({ db, transport: counting, logger: memoryLogger(), manual: true, batchSize: 10 }));
    const started = performance.now();
    const delivered = await Promise.all(workers.flatMap((w) => [w.runOnce(), w.runOnce()]));
    const ms = performance.now() - started;
    await Promise.all(workers.map((w) => w.stop()));
    for (const d of extra) await d.close();
    if (process.env.VIVAIO_TEST_VERBOSE) console.info(`[mail-outbox] ${t.kind}: 200 messages, 2 workers, ${ms.toFixed(0)} ms, per run ${delivered.join('/')}`);
    expect(delivered.reduce((a, b) => a + b, 0)).toBe(200);
    expect(counts.size).toBe(200);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(await outbox.outboxStats(t.db)).toMatchObject({ sent: 200, pending: 0, sending: 0, failed: 0 });
  });

  it('lists the mailbox for staff only', async () => {
    await enqueue(t.db, 'ada@example.org');
    await enqueue(t.db, 'bob@example.org');
    const staff = testContext({ actor: actor('00000000-0000-4000-8000-000000000001', ['staff']) });
    const resident = testContext({ actor: actor('00000000-0000-4000-8000-000000000002', ['resident']) });
    await expect(mailbox.listMailbox(t.db, resident, { page: 1 })).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(mailbox.getMessage(t.db, testContext(), 1)).rejects.toMatchObject({ kind: 'forbidden' });
    const all = await mailbox.listMailbox(t.db, staff, { page: 1 });
    expect(all).toMatchObject({ total: 2, page: 1 });
    expect(all.rows.map((r) => r.toAddress)).toEqual(['bob@example.org', 'ada@example.org']);
    expect(all.rows[0]).not.toHaveProperty('textBody');
    const found = await mailbox.listMailbox(t.db, staff, { page: 1, q: 'ADA@' });
    expect(found.rows).toHaveLength(1);
    expect((await mailbox.getMessage(t.db, staff, found.rows[0]!.id))?.textBody).toContain(SECRET);
    expect(await mailbox.getMessage(t.db, staff, 999)).toBeNull();
    expect((await mailbox.listMailbox(t.db, staff, { page: 2 })).rows).toHaveLength(0);
  });
});

describe('mail transport', () => {
  it('uses SMTP when SMTP_URL is set, without connecting', async () => {
    const logger = memoryLogger();
    const transport = createTransport(readConfig({ SMTP_URL: 'smtp://user:pa55@127.0.0.1:2525', VIVAIO_DEMO: 'false' }), logger);
    expect(transport.kind).toBe('smtp');
    await transport.close();
    expect(logger.lines.join('\n')).not.toContain('pa55');
  });

  it('falls back to the mailbox, warning only outside demo mode', () => {
    const prod = memoryLogger();
    expect(createTransport(readConfig({ DATABASE_URL: 'postgres://x/y' }), prod).kind).toBe('mailbox');
    expect(prod.lines.filter((l) => l.startsWith('warn'))).toHaveLength(1);
    const demo = memoryLogger();
    expect(createTransport(readConfig({}), demo).kind).toBe('mailbox');
    expect(demo.lines.filter((l) => l.startsWith('warn'))).toHaveLength(0);
  });

  it('hands the message to nodemailer with the configured sender', async () => {
    const mailer = nodemailer.createTransport({ jsonTransport: true });
    const sendMail = vi.spyOn(mailer, 'sendMail');
    await smtpTransport(mailer, 'Vivaio <noreply@vivaio.test>').send({ to: 'ada@example.org', subject: 'S', text: 'T', html: '<p>H</p>' });
    expect(sendMail).toHaveBeenCalledWith({ from: 'Vivaio <noreply@vivaio.test>', to: 'ada@example.org', subject: 'S', text: 'T', html: '<p>H</p>' });
    const info = (await sendMail.mock.results[0]!.value) as { message: string };
    expect(JSON.parse(info.message)).toMatchObject({ subject: 'S', to: [{ address: 'ada@example.org' }] });
  });
});
