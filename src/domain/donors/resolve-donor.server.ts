import type { Db } from '../../lib/server/db/index.ts';
import type { RequestContext } from '../context.ts';
import { notFound } from '../errors.ts';
import { authorize, type DonorFacts } from '../policy.ts';
import { donorsOfUser, factsOf, linkedUserIds, loadDonorFacts, type DonorRow } from './donor-facts.server.ts';

export type DonorChoice = { id: string; name: string; status: DonorRow['status'] };

/**
 * The donor whose data a page or a file shows, after the policy's `donor.view`: the one asked
 * for (`?donor=`, for people acting for several donors, and for staff), else the first the
 * account acts for (approved first). Null when the account acts for no donor.
 */
export async function resolveDonor(db: Db, ctx: RequestContext, requestedId: string | null): Promise<{ donor: DonorRow; facts: DonorFacts; choices: DonorChoice[] } | null> {
  const mine = ctx.actor ? await donorsOfUser(db, ctx.actor.userId) : [];
  const choices = mine.map((d) => ({ id: d.id, name: d.name, status: d.status }));
  if (requestedId) {
    const loaded = await loadDonorFacts(db, requestedId);
    if (!loaded) throw notFound('donor_not_found');
    authorize(ctx.actor, 'donor.view', loaded.facts);
    return { ...loaded, choices };
  }
  const donor = mine[0];
  if (!donor) {
    authorize(ctx.actor, 'area.donor');
    return null;
  }
  const facts = factsOf(donor, await linkedUserIds(db, donor.id));
  authorize(ctx.actor, 'donor.view', facts);
  return { donor, facts, choices };
}
