import nodemailer from 'nodemailer';
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';

export type OutgoingMail = { from?: string; to: string; subject: string; text: string; html: string };

/**
 * Where the mail worker hands messages over. `smtp` delivers through the configured relay;
 * `mailbox` delivers nowhere: messages stay readable in the staff mailbox page, which reads the
 * outbox table (demo and development setups without a mail server).
 */
export type MailTransport = {
  kind: 'smtp' | 'mailbox';
  /** Resolves once the message was accepted; rejects on any delivery error (the worker retries). */
  send(msg: OutgoingMail): Promise<void>;
  /** Closes pooled connections; called by the worker's stop(). */
  close(): Promise<void>;
};

/** The subset of a nodemailer transporter we use, so tests can pass a jsonTransport or a fake. */
export type Mailer = { sendMail(options: Record<string, unknown>): Promise<unknown>; close(): void };

export function createTransport(config: Config, logger: Logger): MailTransport {
  if (config.smtpUrl) {
    // pool: keeps a few connections open instead of one TLS handshake per message.
    const mailer = nodemailer.createTransport({ url: config.smtpUrl, pool: true }) as unknown as Mailer;
    logger.info('mail: sending through SMTP', { host: smtpHost(config.smtpUrl) });
    return smtpTransport(mailer, config.mailFrom);
  }
  if (config.demo) {
    logger.info('mail: no SMTP_URL, messages are kept in the staff mailbox (demo mode)');
  } else {
    // Loud on purpose: in production this means residents never receive verification or reset links.
    logger.warn('mail: SMTP_URL is not set, emails are NOT leaving this machine; they are only visible in the staff mailbox');
  }
  return mailboxTransport();
}

/** Wraps a nodemailer transporter; `from` defaults to the configured sender. */
export function smtpTransport(mailer: Mailer, from: string): MailTransport {
  return {
    kind: 'smtp',
    async send(msg) {
      await mailer.sendMail({ from: msg.from ?? from, to: msg.to, subject: msg.subject, text: msg.text, html: msg.html });
    },
    async close() {
      mailer.close();
    },
  };
}

export function mailboxTransport(): MailTransport {
  return { kind: 'mailbox', send: async () => {}, close: async () => {} };
}

/** The host only: the URL may carry the relay's password, which must never reach the logs. */
function smtpHost(url: string): string | null {
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}
