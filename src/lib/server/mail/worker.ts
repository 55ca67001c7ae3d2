import {
  claimDueMessages,
  markFailed,
  markSent,
  releaseMessage,
  type ClaimedMessage,
} from '../../../domain/mail/outbox.repo.server.ts';
import type { Db } from '../db/index.ts';
import type { Logger } from '../logger.ts';
import type { MailTransport } from './transport.ts';

export type MailWorker = {
  /** Claims and delivers everything due now, batch after batch; resolves with the number delivered. */
  runOnce(): Promise<number>;
  /** Asks for a run soon (after enqueueing), instead of waiting for the next tick. */
  nudge(): void;
  /** Lets the in-flight batch finish, then stops; no timer is left behind. */
  stop(): Promise<void>;
};

export type MailWorkerOptions = {
  db: Db;
  transport: MailTransport;
  logger: Logger;
  intervalMs?: number;
  batchSize?: number;
  leaseMs?: number;
  /** A send that takes longer counts as failed (nodemailer's own socket timeout is 10 minutes). */
  sendTimeoutMs?: number;
  /** Parallel sends within a batch; nodemailer's SMTP pool opens 5 connections by default. */
  concurrency?: number;
  /** No periodic timer and no start-up run: only runOnce() and nudge() (tests, scripts). */
  manual?: boolean;
  /** Clock, pinned in tests. */
  now?: () => Date;
};

/**
 * Delivers the outbox. Runs in every app instance: claims use SKIP LOCKED leases, so instances
 * share the work and each message is sent once (at least once if an instance dies mid-send).
 * Within one process runs never overlap. Message bodies are never logged: they carry secret links.
 */
export function startMailWorker(options: MailWorkerOptions): MailWorker {
  const { db, transport, intervalMs = 2000, batchSize = 20, leaseMs = 5 * 60_000 } = options;
  const { sendTimeoutMs = 60_000, concurrency = 4, manual = false, now = () => new Date() } = options;
  // A lease shorter than a send would make every claim give its messages straight back.
  if (leaseMs < 2 * sendTimeoutMs) throw new Error('mail worker: leaseMs must be at least twice sendTimeoutMs');
  const logger = options.logger.child({ component: 'mail-worker' });
  let timer: NodeJS.Timeout | null = null;
  let inFlight: Promise<number> | null = null;
  let again = false;
  let stopped = false;

  function schedule(delayMs: number) {
    if (stopped || (manual && delayMs > 0)) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(tick, delayMs);
    timer.unref(); // the HTTP server keeps the process alive, never this timer
  }

  function tick() {
    timer = null;
    if (inFlight) {
      again = true; // the running batch reschedules when it ends
      return;
    }
    runOnce().catch(() => {}); // already logged in drain()
  }

  function runOnce(): Promise<number> {
    if (stopped) return Promise.resolve(0);
    if (inFlight) return inFlight.then(runOnce, runOnce);
    again = false;
    const run = drain().finally(() => {
      inFlight = null;
      schedule(again ? 0 : intervalMs);
    });
    inFlight = run;
    return run;
  }

  async function drain(): Promise<number> {
    let delivered = 0;
    try {
      for (;;) {
        const batch = await claimDueMessages(db, { now: now(), batchSize, leaseMs });
        delivered += await deliverAll(batch);
        if (batch.length < batchSize || stopped) return delivered;
      }
    } catch (error) {
      // Typically the database being unreachable: try again at the next tick.
      logger.error('mail: run failed', { error, delivered });
      throw error;
    }
  }

  async function deliverAll(batch: ClaimedMessage[]): Promise<number> {
    let next = 0;
    let delivered = 0;
    const lane = async () => {
      while (next < batch.length) {
        const message = batch[next++]!;
        try {
          if (await deliver(message)) delivered++;
        } catch (error) {
          // A database error while recording: the lease expires and the message is tried again.
          logger.error('mail: could not record delivery', { messageId: message.id, error });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, batch.length) }, lane));
    return delivered;
  }

  async function deliver(m: ClaimedMessage): Promise<boolean> {
    // Never start a send that could outlive the lease: another instance would then send it too.
    if (now().getTime() + sendTimeoutMs >= m.lockedUntil.getTime()) {
      await releaseMessage(db, m.id, m.attempts);
      return false;
    }
    try {
      await withTimeout(transport.send({ to: m.toAddress, subject: m.subject, text: m.textBody, html: m.htmlBody }), sendTimeoutMs);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const status = await markFailed(db, m.id, reason, now(), m.attempts);
      const fields = { messageId: m.id, attempts: m.attempts, status, error: reason };
      if (status === 'failed') logger.error('mail: giving up on message', fields);
      else logger.warn('mail: send failed, will retry', fields);
      return false;
    }
    await markSent(db, m.id, now());
    logger.debug('mail: sent', { messageId: m.id, attempts: m.attempts, transport: transport.kind });
    return true;
  }

  if (!manual) schedule(0); // deliver what waited while the app was down

  return {
    runOnce,
    nudge() {
      if (stopped) return;
      if (inFlight) again = true;
      else schedule(0);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await inFlight?.catch(() => {});
      await transport.close();
    },
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timeout: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timeout = setTimeout(() => reject(new Error(`send timed out after ${ms} ms`)), ms);
    timeout.unref();
  });
  return Promise.race([promise, expired]).finally(() => clearTimeout(timeout));
}
