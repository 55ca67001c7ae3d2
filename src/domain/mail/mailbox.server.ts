import { count, desc, eq, ilike, or } from 'drizzle-orm';
import { outboxMessages } from '../../../db/schema/index.ts';
import type { Db } from '../../lib/server/db/index.ts';
import { escapeLike } from '../../lib/server/db/like.ts';
import type { RequestContext } from '../context.ts';
import { authorize } from '../policy.ts';
import type { OutboxMessage } from './outbox.repo.server.ts';

export const MAILBOX_PAGE_SIZE = 50;

/** Staff mailbox: newest first, optionally filtered by recipient or subject. Bodies are left out of the list. */
export async function listMailbox(db: Db, ctx: RequestContext, filter: { page: number; q?: string | null }) {
  authorize(ctx.actor, 'mailbox.view');
  const o = outboxMessages;
  const q = filter.q?.trim();
  const condition = q ? or(ilike(o.toAddress, `%${escapeLike(q)}%`), ilike(o.subject, `%${escapeLike(q)}%`)) : undefined;
  const page = Math.max(1, Math.floor(filter.page));
  const rows = await db
    .select({
      id: o.id,
      toAddress: o.toAddress,
      locale: o.locale,
      template: o.template,
      subject: o.subject,
      status: o.status,
      attempts: o.attempts,
      lastError: o.lastError,
      createdAt: o.createdAt,
      sentAt: o.sentAt,
    })
    .from(o)
    .where(condition)
    .orderBy(desc(o.id))
    .limit(MAILBOX_PAGE_SIZE)
    .offset((page - 1) * MAILBOX_PAGE_SIZE);
  const [total] = await db.select({ n: count() }).from(o).where(condition);
  return { rows, total: total?.n ?? 0, page, pageSize: MAILBOX_PAGE_SIZE };
}

/** One message with its bodies, or null. */
export async function getMessage(db: Db, ctx: RequestContext, id: number): Promise<OutboxMessage | null> {
  authorize(ctx.actor, 'mailbox.view');
  const [row] = await db.select().from(outboxMessages).where(eq(outboxMessages.id, id)).limit(1);
  return row ?? null;
}

