import type { Queryable } from '../../lib/server/db/index.ts';
import { grantRoles } from '../accounts/accounts.repo.server.ts';
import type { RequestContext } from '../context.ts';
import { accountRecipients, enqueueToEach } from '../mail/recipients.server.ts';
import type { DonorRow } from './donor-facts.server.ts';

/**
 * The accounts of an approved donor enter the donor area: they gain the `donor` role (the same
 * roles table and helper as invitations) and are welcomed by email in their own language, in the
 * caller's transaction so a rolled-back approval grants and sends nothing.
 */
export async function grantDonorAccess(tx: Queryable, ctx: Pick<RequestContext, 'actor' | 'origin'>, donor: DonorRow, userIds: readonly string[]): Promise<void> {
  if (userIds.length === 0) return;
  for (const id of userIds) await grantRoles(tx, id, ['donor'], ctx.actor?.userId ?? null);
  await enqueueToEach(tx, await accountRecipients(tx, userIds), 'donorApproved', (user) => ({ link: `${ctx.origin}/${user.locale}/donor`, donor: donor.name }));
}
