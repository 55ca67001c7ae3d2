import { inArray } from 'drizzle-orm';
import { users } from '../../../db/schema/index.ts';
import type { Queryable } from '../../lib/server/db/index.ts';
import { grantRoles } from '../accounts/accounts.repo.server.ts';
import type { RequestContext } from '../context.ts';
import { enqueueEmail } from '../mail/enqueue-email.server.ts';
import type { DonorRow } from './donor-facts.server.ts';

/**
 * The accounts of an approved donor enter the donor area: they gain the `donor` role (the same
 * roles table and helper as invitations) and are welcomed by email in their own language, in the
 * caller's transaction so a rolled-back approval grants and sends nothing.
 */
export async function grantDonorAccess(tx: Queryable, ctx: Pick<RequestContext, 'actor' | 'origin'>, donor: DonorRow, userIds: readonly string[]): Promise<void> {
  if (userIds.length === 0) return;
  for (const id of userIds) await grantRoles(tx, id, ['donor'], ctx.actor?.userId ?? null);
  const recipients = await tx.select({ id: users.id, name: users.name, email: users.email, locale: users.locale }).from(users).where(inArray(users.id, [...userIds]));
  for (const user of recipients) {
    await enqueueEmail(tx, {
      to: user.email,
      userId: user.id,
      locale: user.locale,
      template: 'donorApproved',
      params: { name: user.name, link: `${ctx.origin}/${user.locale}/donor`, donor: donor.name },
    });
  }
}
