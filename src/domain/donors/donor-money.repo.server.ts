import { and, asc, eq, inArray, isNotNull, ne, or, sql } from 'drizzle-orm';
import { calls, disbursements, grants, neighbourhoods, pledges, startups, tranches } from '../../../db/schema/index.ts';
import type { Queryable } from '../../lib/server/db/index.ts';
import { themeLabel } from '../../lib/call-text.ts';
import type { Translate } from '../../lib/i18n/index.ts';
import { localized } from '../calls/localized.ts';
import type { StatementDisbursement, StatementPledge } from './statement-rules.ts';

/**
 * The donor's own money, read with the donor's id in every query (never a list filtered
 * afterwards): its pledges with what they go to, and the payments drawn on them.
 */
export type DonorPledge = StatementPledge & {
  callId: string;
  startupId: string | null;
  startupName: string | null;
  disbursedCents: number;
};
export type DonorDisbursement = StatementDisbursement & { startupId: string; startupName: string; trancheLabel: string };

export async function pledgesOfDonor(db: Queryable, donorId: string, t: Translate): Promise<DonorPledge[]> {
  const drawn = db
    .select({ pledgeId: disbursements.pledgeId, cents: sql<string>`sum(${disbursements.amountCents})`.as('cents') })
    .from(disbursements)
    .groupBy(disbursements.pledgeId)
    .as('drawn');
  const rows = await db
    .select({
      pledge: pledges,
      callTitleIt: calls.titleIt,
      callTitleEn: calls.titleEn,
      startupName: startups.name,
      neighbourhood: neighbourhoods.name,
      drawnCents: drawn.cents,
    })
    .from(pledges)
    .innerJoin(calls, eq(calls.id, pledges.callId))
    .leftJoin(startups, eq(startups.id, pledges.startupId))
    .leftJoin(neighbourhoods, eq(neighbourhoods.id, pledges.neighbourhoodId))
    .leftJoin(drawn, eq(drawn.pledgeId, pledges.id))
    .where(eq(pledges.donorId, donorId))
    .orderBy(asc(pledges.createdAt), asc(pledges.id));
  return rows.map((r) => {
    const call = localized(r.callTitleIt, r.callTitleEn, t.locale).text;
    const restriction = [r.neighbourhood, r.pledge.theme ? themeLabel(t, r.pledge.theme) : null].filter(Boolean).join(', ');
    const target = r.startupName ?? (restriction ? `${t('donors.area.callFund', { call })} (${restriction})` : t('donors.area.callFund', { call }));
    return {
      id: r.pledge.id,
      createdAt: r.pledge.createdAt,
      amountCents: r.pledge.amountCents,
      status: r.pledge.status,
      target,
      agreementRef: r.pledge.agreementRef,
      agreementOn: r.pledge.agreementOn,
      cancelledAt: r.pledge.cancelledAt,
      callId: r.pledge.callId,
      startupId: r.pledge.startupId,
      startupName: r.startupName,
      // bigint sums arrive as text from both drivers: exact integers, no floats on the way.
      disbursedCents: r.drawnCents === null ? 0 : Number(r.drawnCents),
    };
  });
}

export async function disbursementsOfDonor(db: Queryable, donorId: string, t: Translate): Promise<DonorDisbursement[]> {
  const rows = await db
    .select({
      d: disbursements,
      startupId: startups.id,
      startupName: startups.name,
      labelIt: tranches.labelIt,
      labelEn: tranches.labelEn,
    })
    .from(disbursements)
    .innerJoin(pledges, eq(pledges.id, disbursements.pledgeId))
    .innerJoin(grants, eq(grants.id, disbursements.grantId))
    .innerJoin(startups, eq(startups.id, grants.startupId))
    .innerJoin(tranches, eq(tranches.id, disbursements.trancheId))
    .where(eq(pledges.donorId, donorId))
    .orderBy(asc(disbursements.paidOn), asc(disbursements.id));
  return rows.map((r) => {
    const trancheLabel = localized(r.labelIt, r.labelEn, t.locale).text;
    return {
      id: r.d.id,
      pledgeId: r.d.pledgeId!,
      amountCents: r.d.amountCents,
      paidOn: r.d.paidOn,
      reference: r.d.reference,
      target: `${r.startupName} – ${trancheLabel}`,
      startupId: r.startupId,
      startupName: r.startupName,
      trancheLabel,
    };
  });
}

/**
 * The start-ups a donor funds: those its legally binding pledges name (an offer staff have not
 * committed does not make a funder), and those that received money drawn on its pledges.
 */
export async function startupsFundedBy(db: Queryable, donorId: string) {
  const named = db
    .select({ id: pledges.startupId })
    .from(pledges)
    .where(and(eq(pledges.donorId, donorId), inArray(pledges.status, ['committed', 'disbursed']), isNotNull(pledges.startupId)));
  const paid = db
    .select({ id: grants.startupId })
    .from(disbursements)
    .innerJoin(pledges, eq(pledges.id, disbursements.pledgeId))
    .innerJoin(grants, eq(grants.id, disbursements.grantId))
    .where(eq(pledges.donorId, donorId));
  return db
    .select({
      id: startups.id,
      name: startups.name,
      slug: startups.slug,
      stage: startups.stage,
      publicProfile: startups.publicConsent,
      sharesMonitoring: startups.shareMonitoringWithDonors,
    })
    .from(startups)
    .where(or(inArray(startups.id, named), inArray(startups.id, paid)))
    .orderBy(asc(startups.name));
}
