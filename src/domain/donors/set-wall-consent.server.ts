import { eq } from 'drizzle-orm';
import { donors } from '../../../db/schema/index.ts';
import type { Db } from '../../lib/server/db/index.ts';
import { recordAudit } from '../audit/record-audit.server.ts';
import type { RequestContext } from '../context.ts';
import { authorize } from '../policy.ts';
import { factsOf, linkedUserIds, lockDonor, type DonorRow } from './donor-facts.server.ts';
import type { WallConsentInput } from './donor.schema.ts';

/**
 * The donor gives or withdraws consent to appear on the public donor wall (GDPR art. 7.3: as easy
 * to withdraw as to give). Staff may record a consent or a withdrawal received in writing; the
 * audit trail says who did it. The wall reads the flag on every request, so a withdrawal takes
 * effect at once (cached copies within their 30 s).
 */
export async function setWallConsent(db: Db, ctx: RequestContext, input: WallConsentInput): Promise<DonorRow> {
  return db.transaction(async (tx) => {
    const donor = await lockDonor(tx, input.donorId);
    authorize(ctx.actor, 'donor.view', factsOf(donor, await linkedUserIds(tx, donor.id)));
    if (donor.publicConsent === input.consent) return donor;
    const [updated] = await tx
      .update(donors)
      .set({ publicConsent: input.consent, publicConsentAt: input.consent ? ctx.now() : null })
      .where(eq(donors.id, donor.id))
      .returning();
    await recordAudit(tx, ctx, {
      action: input.consent ? 'donor.wall-consent-given' : 'donor.wall-consent-withdrawn',
      entityType: 'donor',
      entityId: donor.id,
    });
    return updated!;
  });
}
