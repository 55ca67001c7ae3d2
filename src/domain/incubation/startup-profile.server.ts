import { eq, sql } from 'drizzle-orm';
import { startups } from '../../../db/schema/index.ts';
import type { Db } from '../../lib/server/db/index.ts';
import { recordAudit } from '../audit/record-audit.server.ts';
import type { RequestContext } from '../context.ts';
import { conflict, invalid } from '../errors.ts';
import { authorize } from '../policy.ts';
import type { StartupRow } from './startup-facts.server.ts';
import { NAME_MAX, NEED_MAX, OFFER_MAX, type ProfileInput } from './startup.schema.ts';
import { lockStartup } from './startup-tx.server.ts';

/**
 * The team writes its public profile: name, the need it answers and what it offers (markdown,
 * sanitised when shown). The slug stays as it was: the public address must not move. A save
 * names the version it edited; one made from an older page is refused, not merged.
 */
export async function updateProfile(db: Db, ctx: RequestContext, input: ProfileInput): Promise<StartupRow> {
  const values = { name: required(input.name, 'name', NAME_MAX), need: required(input.need, 'need', NEED_MAX), offer: required(input.offer, 'offer', OFFER_MAX) };
  return db.transaction(async (tx) => {
    const { startup, facts } = await lockStartup(tx, ctx, input.startupId);
    authorize(ctx.actor, 'startup.edit', facts);
    if (startup.version !== input.version) throw conflict('stale_profile');
    const changed = (Object.keys(values) as (keyof typeof values)[]).filter((k) => values[k] !== startup[k]);
    if (changed.length === 0) return startup;
    const [row] = await tx.update(startups).set({ ...values, version: sql`${startups.version} + 1` }).where(eq(startups.id, startup.id)).returning();
    await recordAudit(tx, ctx, { action: 'startup.profile_updated', entityType: 'startup', entityId: startup.id, summary: { changed, public: startup.publicConsent } });
    return row!;
  });
}

/**
 * The team's consent to the public profile (GDPR art. 6.1.a and 7.3: given freely, withdrawn as
 * easily, at any time). Given only on a complete profile, so nothing half-written goes public;
 * withdrawn, the profile leaves the public pages with this transaction. Both are timestamped in
 * the audit trail; `public_consent_at` holds when the current consent was given.
 */
export async function setPublicConsent(db: Db, ctx: RequestContext, input: { startupId: string; consent: boolean }): Promise<StartupRow> {
  return db.transaction(async (tx) => {
    const { startup, facts } = await lockStartup(tx, ctx, input.startupId);
    authorize(ctx.actor, 'startup.edit', facts);
    if (startup.publicConsent === input.consent) return startup;
    if (input.consent && (!startup.need.trim() || !startup.offer.trim())) throw invalid('profile_incomplete');
    const at = ctx.now();
    const [row] = await tx
      .update(startups)
      .set({ publicConsent: input.consent, publicConsentAt: input.consent ? at : null })
      .where(eq(startups.id, startup.id))
      .returning();
    await recordAudit(tx, ctx, {
      action: input.consent ? 'startup.consent_given' : 'startup.consent_withdrawn',
      entityType: 'startup',
      entityId: startup.id,
      summary: { consent: 'public_profile', at: at.toISOString() },
    });
    return row!;
  });
}

/** The team's consent to share its monitoring summaries with the donors funding it (withdrawable likewise). */
export async function setMonitoringSharing(db: Db, ctx: RequestContext, input: { startupId: string; share: boolean }): Promise<StartupRow> {
  return db.transaction(async (tx) => {
    const { startup, facts } = await lockStartup(tx, ctx, input.startupId);
    authorize(ctx.actor, 'startup.edit', facts);
    if (startup.shareMonitoringWithDonors === input.share) return startup;
    const [row] = await tx.update(startups).set({ shareMonitoringWithDonors: input.share }).where(eq(startups.id, startup.id)).returning();
    await recordAudit(tx, ctx, {
      action: input.share ? 'startup.consent_given' : 'startup.consent_withdrawn',
      entityType: 'startup',
      entityId: startup.id,
      summary: { consent: 'monitoring_sharing', at: ctx.now().toISOString() },
    });
    return row!;
  });
}

function required(value: string, field: 'name' | 'need' | 'offer', max: number): string {
  const text = (value ?? '').trim();
  if (!text) throw invalid('field_required', { field });
  if (text.length > max) throw invalid('text_too_long', { field, max });
  return text;
}
