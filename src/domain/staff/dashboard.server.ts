import { count, isNull } from 'drizzle-orm';
import { invitations, users } from '../../../db/schema/index.ts';
import type { Db } from '../../lib/server/db/index.ts';
import type { RequestContext } from '../context.ts';
import { outboxStats } from '../mail/outbox.repo.server.ts';
import { authorize } from '../policy.ts';

/** Figures for the back-office overview. */
export async function staffDashboard(db: Db, ctx: RequestContext) {
  authorize(ctx.actor, 'area.staff');
  const [usersTotal] = await db.select({ n: count() }).from(users);
  const [openInvitations] = await db.select({ n: count() }).from(invitations).where(isNull(invitations.acceptedAt));
  return { users: usersTotal?.n ?? 0, openInvitations: openInvitations?.n ?? 0, outbox: await outboxStats(db) };
}
