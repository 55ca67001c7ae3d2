import type { Db } from '../../lib/server/db/index.ts';
import { translator } from '../../lib/i18n/index.ts';
import { localized } from '../calls/localized.ts';
import type { FourFigures } from '../money/figures.ts';
import { grantFiguresOf } from '../money/grant-figures.server.ts';
import type { RequestContext } from '../context.ts';
import { can } from '../policy.ts';
import type { DonorRow } from './donor-facts.server.ts';
import { disbursementsOfDonor, pledgesOfDonor, startupsFundedBy, type DonorDisbursement, type DonorPledge } from './donor-money.repo.server.ts';
import { milestoneProgress, monitoringSummaries } from './funded-progress.repo.server.ts';
import { claimInvitedDonors } from './link-donor-account.server.ts';
import { resolveDonor, type DonorChoice } from './resolve-donor.server.ts';
import { donorTotals, type DonorTotals } from './statement-rules.ts';

export type MonitoringSummary = Awaited<ReturnType<typeof monitoringSummaries>>[number] & { milestoneTitle: string };

export type FundedStartup = Awaited<ReturnType<typeof startupsFundedBy>>[number] & {
  /** This donor's live pledges naming the start-up, and what was paid to it from this donor's pledges. */
  pledgedCents: number;
  disbursedCents: number;
  reached: { title: string; approvedAt: Date | null }[];
  milestoneCount: number;
  /** Null when the team has not consented to share monitoring with its donors: nothing is loaded. */
  monitoring: MonitoringSummary[] | null;
  /** The four figures of its grant (public data, art. 26-27 D.lgs. 33/2013); null before a grant. */
  grant: FourFigures | null;
};

export type DonorArea = {
  donor: DonorRow;
  choices: DonorChoice[];
  totals: DonorTotals;
  pledges: DonorPledge[];
  disbursements: DonorDisbursement[];
  startups: FundedStartup[];
  /** Whether this person may offer a new pledge for the donor (policy `pledge.create`: its approved accounts). */
  canPledge: boolean;
};

/**
 * The donor area's read model: what the donor funds (its pledges by state, pledged vs committed
 * vs disbursed), and per funded start-up the four figures of its grant, the milestones reached and,
 * only with the team's consent (startups.share_monitoring_with_donors), the monitoring summaries.
 * Every query carries the donor's id (or the ids of the start-ups found through it), after the
 * policy's `donor.view`. Null: the account acts for no donor yet.
 */
export async function getDonorArea(db: Db, ctx: RequestContext, requestedId: string | null = null): Promise<DonorArea | null> {
  await claimInvitedDonors(db, ctx);
  const resolved = await resolveDonor(db, ctx, requestedId);
  if (!resolved) return null;
  const { donor } = resolved;
  const t = translator(ctx.locale);
  const [pledges, disbursements, funded] = await Promise.all([
    pledgesOfDonor(db, donor.id, t),
    disbursementsOfDonor(db, donor.id, t),
    startupsFundedBy(db, donor.id),
  ]);
  const ids = funded.map((s) => s.id);
  const consenting = funded.filter((s) => s.sharesMonitoring).map((s) => s.id);
  const [progress, reports, grants] = await Promise.all([milestoneProgress(db, ids), monitoringSummaries(db, consenting), grantFiguresOf(db, ids)]);

  const startups = funded.map((s): FundedStartup => {
    const plan = progress.filter((m) => m.startupId === s.id);
    return {
      ...s,
      pledgedCents: sum(pledges.filter((p) => p.startupId === s.id && p.status !== 'cancelled')),
      disbursedCents: sum(disbursements.filter((d) => d.startupId === s.id)),
      reached: plan.filter((m) => m.status === 'approved').map((m) => ({ title: localized(m.titleIt, m.titleEn, ctx.locale).text, approvedAt: m.approvedAt })),
      milestoneCount: plan.length,
      monitoring: s.sharesMonitoring
        ? reports.filter((r) => r.startupId === s.id).map((r) => ({ ...r, milestoneTitle: localized(r.milestoneTitleIt, r.milestoneTitleEn, ctx.locale).text }))
        : null,
      grant: grants.find((g) => g.id === s.id) ?? null,
    };
  });
  return {
    donor,
    choices: resolved.choices,
    totals: donorTotals(pledges, disbursements),
    pledges,
    disbursements,
    startups,
    canPledge: can(ctx.actor, 'pledge.create', resolved.facts).ok,
  };
}

const sum = (rows: readonly { amountCents: number }[]) => rows.reduce((n, r) => n + r.amountCents, 0);
