import { sql } from 'drizzle-orm';
import { donors } from '../../../db/schema/index.ts';
import type { Db, Queryable } from '../../lib/server/db/index.ts';
import { recordAudit } from '../audit/record-audit.server.ts';
import type { RequestContext } from '../context.ts';
import { conflict } from '../errors.ts';
import { authorize } from '../policy.ts';
import { activeDonorWithEmail, donorsOfUser, linkUsers, type DonorRow } from './donor-facts.server.ts';
import type { JoinInput } from './donor.schema.ts';

/**
 * A signed-in person asks to become a donor, for themselves or for the organisation they act
 * for: a `pending` donor linked to their account, for staff to approve. The account must have a
 * confirmed email address, so the office writes to someone real and the approval reaches them.
 * One request at a time per account; after a rejection they may ask again.
 */
export async function signUpDonor(db: Db, ctx: RequestContext, input: JoinInput): Promise<DonorRow> {
  // Any signed-in account may ask (policy has no dedicated action yet; see the report to the lead).
  authorize(ctx.actor, 'donor.signUp');
  const userId = ctx.actor!.userId;
  const now = ctx.now();
  return db.transaction(async (tx) => {
    // Two submits of the same form (double click, two tabs) must not make two requests.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('vivaio:donor-sign-up'), hashtext(${userId}))`);
    await requireNoOpenRequest(tx, userId);
    if (await activeDonorWithEmail(tx, input.email)) throw conflict('donor_exists', { field: 'email' });
    const [donor] = await tx
      .insert(donors)
      .values({
        kind: input.kind,
        name: input.name,
        email: input.email,
        taxCode: input.taxCode,
        status: 'pending',
        publicConsent: input.publicConsent,
        publicConsentAt: input.publicConsent ? now : null,
        createdAt: now,
        createdBy: userId,
      })
      .returning();
    await linkUsers(tx, donor!.id, [userId]);
    await recordAudit(tx, ctx, {
      action: 'donor.signed-up',
      entityType: 'donor',
      entityId: donor!.id,
      summary: { kind: input.kind, publicConsent: input.publicConsent, taxCode: input.taxCode !== null },
    });
    return donor!;
  });
}

async function requireNoOpenRequest(tx: Queryable, userId: string): Promise<void> {
  const mine = await donorsOfUser(tx, userId);
  if (mine.some((d) => d.status === 'approved')) throw conflict('already_donor');
  if (mine.some((d) => d.status === 'pending')) throw conflict('donor_request_pending');
}

export type JoinStatus = { approved: DonorRow | null; pending: DonorRow | null; rejected: DonorRow | null };

/** Where the signed-in person's requests stand, for the sign-up page (anonymous: nothing). */
export async function joinStatus(db: Db, ctx: RequestContext): Promise<JoinStatus | null> {
  if (!ctx.actor) return null;
  const mine = await donorsOfUser(db, ctx.actor.userId);
  const latest = (status: DonorRow['status']) =>
    mine.filter((d) => d.status === status).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0] ?? null;
  return { approved: latest('approved'), pending: latest('pending'), rejected: latest('rejected') };
}
