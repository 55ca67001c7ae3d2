import { outboxMessages } from '../../../db/schema/index.ts';
import type { Queryable } from '../../lib/server/db/index.ts';
import type { Params } from '../../lib/i18n/index.ts';
import type { Locale } from '../../lib/i18n/locales.ts';
import { renderEmail, type Template } from './templates.ts';

export type EmailRequest = {
  to: string;
  userId: string | null;
  locale: Locale;
  template: Template;
  params: Params & { name: string; link: string };
};

/**
 * Puts a message in the outbox. Call it with the transaction that makes the change the message
 * reports: if the change rolls back, no message is sent; if it commits, the worker delivers it.
 */
export async function enqueueEmail(tx: Queryable, request: EmailRequest): Promise<number> {
  const [row] = await tx.insert(outboxMessages).values(outboxRow(request)).returning({ id: outboxMessages.id });
  return row!.id;
}

/**
 * enqueueEmail for many messages at once, 500 rows per INSERT: a ranking of 10,000 proposals is
 * one publication, and one INSERT per letter made it take most of a minute on the embedded database.
 */
export async function enqueueEmails(tx: Queryable, requests: readonly EmailRequest[], chunk = 500): Promise<void> {
  for (let i = 0; i < requests.length; i += chunk) {
    await tx.insert(outboxMessages).values(requests.slice(i, i + chunk).map(outboxRow));
  }
}

function outboxRow(request: EmailRequest) {
  const rendered = renderEmail(request.template, request.locale, request.params);
  return {
    toAddress: request.to,
    toUserId: request.userId,
    locale: request.locale,
    template: request.template,
    subject: rendered.subject,
    textBody: rendered.text,
    htmlBody: rendered.html,
  };
}
