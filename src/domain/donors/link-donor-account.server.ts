import { and, eq, notExists, sql } from 'drizzle-orm';
import { donorUsers, donors } from '../../../db/schema/index.ts';
import type { Db, Queryable } from '../../lib/server/db/index.ts';
import { findUserByEmail, findUserById } from '../accounts/accounts.repo.server.ts';
import { recordAudit } from '../audit/record-audit.server.ts';
import type { RequestContext } from '../context.ts';
import { conflict } from '../errors.ts';
import { authorize } from '../policy.ts';
import { linkUsers, lockDonor, type DonorRow } from './donor-facts.server.ts';
import type { LinkAccountInput } from './donor.schema.ts';
import { grantDonorAccess } from './grant-donor-access.server.ts';

/**
 * Staff link an existing account to a donor (a colleague of the foundation's contact, or a person
 * who registered on their own instead of accepting the invitation). An approved donor's new
 * account gains the donor role and the welcome email at once; a waiting sign-up's gains them on
 * approval.
 */
export async function linkDonorAccount(db: Db, ctx: RequestContext, input: LinkAccountInput): Promise<{ donor: DonorRow; userId: string }> {
  authorize(ctx.actor, 'donor.manage');
  return db.transaction(async (tx) => {
    const donor = await lockDonor(tx, input.donorId);
    if (donor.status === 'rejected') throw conflict('donor_rejected');
    const user = await findUserByEmail(tx, input.email);
    if (!user) throw conflict('no_account_for_email', { field: 'email', email: input.email });
    // An unconfirmed address may belong to someone else (see create-donor.server.ts).
    if (!user.emailVerifiedAt) throw conflict('account_not_verified', { field: 'email', email: input.email });
    const added = await linkUsers(tx, donor.id, [user.id]);
    if (added.length === 0) throw conflict('account_already_linked', { field: 'email' });
    if (donor.status === 'approved') await grantDonorAccess(tx, ctx, donor, added);
    await recordAudit(tx, ctx, { action: 'donor.account-linked', entityType: 'donor', entityId: donor.id, summary: { userId: user.id, via: 'staff' } });
    return { donor, userId: user.id };
  });
}

/**
 * Completes what staff started with an invitation (create-donor.server.ts): an account holding
 * the donor role, with a confirmed address, is linked to the approved donors recorded under that
 * address that no account acts for yet. Proof of the address is the confirmed email (an invited
 * account is confirmed by the invitation link itself). Runs when the person enters the donor area;
 * idempotent, and the donor rows are locked so two tabs link once. Returns the donors linked now.
 */
export async function claimInvitedDonors(db: Db, ctx: RequestContext): Promise<string[]> {
  const actor = ctx.actor;
  if (!actor || !actor.emailVerified || !actor.roles.includes('donor')) return [];
  const user = await findUserById(db, actor.userId);
  if (!user) return [];
  // Cheap check first: the usual visit finds nothing to link and writes nothing.
  const candidates = await db.select({ id: donors.id }).from(donors).where(unclaimedWithEmail(db, user.email));
  if (candidates.length === 0) return [];
  return db.transaction((tx) => linkInvitedDonors(tx, ctx, { id: user.id, email: user.email }));
}

/**
 * The linking step itself, in the caller's transaction: also meant for the moment an invitation
 * with the donor role is accepted (acceptInvitation), where the address has just been proven.
 */
export async function linkInvitedDonors(tx: Queryable, ctx: Pick<RequestContext, 'actor' | 'requestId'>, user: { id: string; email: string }): Promise<string[]> {
  const locked = await tx.select({ id: donors.id }).from(donors).where(unclaimedWithEmail(tx, user.email)).for('update');
  const linked: string[] = [];
  for (const { id } of locked) {
    // A second tab waited on the lock and finds the link made: nothing to do.
    if ((await linkUsers(tx, id, [user.id])).length === 0) continue;
    await recordAudit(tx, ctx, { action: 'donor.account-linked', entityType: 'donor', entityId: id, summary: { userId: user.id, via: 'invitation' }, actorId: user.id });
    linked.push(id);
  }
  return linked;
}

/** Approved donors recorded under `email` that no account acts for yet. */
function unclaimedWithEmail(db: Queryable, email: string) {
  return and(
    eq(donors.email, email),
    eq(donors.status, 'approved'),
    notExists(db.select({ one: sql`1` }).from(donorUsers).where(eq(donorUsers.donorId, donors.id))),
  );
}
