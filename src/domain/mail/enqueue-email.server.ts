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
  const rendered = renderEmail(request.template, request.locale, request.params);
  const [row] = await tx
    .insert(outboxMessages)
    .values({
      toAddress: request.to,
      toUserId: request.userId,
      locale: request.locale,
      template: request.template,
      subject: rendered.subject,
      textBody: rendered.text,
      htmlBody: rendered.html,
    })
    .returning({ id: outboxMessages.id });
  return row!.id;
}
