import { eq, inArray } from 'drizzle-orm';
import { proposals, users } from '../../../db/schema/index.ts';
import { publicNameOf, type PublicName } from '../proposals/public-name.ts';
import type { Queryable } from '../../lib/server/db/index.ts';
import { entriesPage } from './ranking-repo.server.ts';
import { grantOf, type Outcome, type RankedEntry } from './ranking-rules.ts';

/**
 * One row of a ranking as pages and exports show it, whether it comes from a published ranking
 * (frozen entries) or from the live computation (the staff preview).
 */
export type RankingViewRow = {
  proposalId: string;
  position: number;
  protocolNumber: string | null;
  title: string;
  applicantType: (typeof proposals.$inferSelect)['applicantType'];
  organisationName: string | null;
  /** The proposer's consent to show their name (individuals, informal groups) and that name. */
  publicNameConsent: boolean;
  proposerName: string;
  firstSubmittedAt: Date | null;
  scoreCentipoints: number;
  criteria: Record<string, number>;
  failedThresholds: string[];
  outcome: Outcome;
  grantCents: number;
  /** Funded: the grant; waiting: what it would receive above the line; below threshold: 0. */
  shownGrantCents: number;
};

/** Rows of a published ranking, in position order. */
export async function publishedRows(db: Queryable, rankingId: string, limit: number, offset: number, maxGrantCents: number): Promise<RankingViewRow[]> {
  const rows = await entriesPage(db, rankingId, limit, offset);
  return rows.map((r) => ({
    ...r,
    shownGrantCents: r.outcome === 'funded' ? r.grantCents : r.outcome === 'eligible_not_funded' ? grantOf(r.requestedCents, maxGrantCents) : 0,
  }));
}

/** Rows of a computed (not yet published) ranking, with the proposals' details fetched for them only. */
export async function computedRows(db: Queryable, rows: readonly RankedEntry[]): Promise<RankingViewRow[]> {
  if (rows.length === 0) return [];
  const details = await db
    .select({
      id: proposals.id,
      protocolNumber: proposals.protocolNumber,
      title: proposals.title,
      applicantType: proposals.applicantType,
      organisationName: proposals.organisationName,
      publicNameConsent: proposals.publicNameConsent,
      proposerName: users.name,
      firstSubmittedAt: proposals.firstSubmittedAt,
    })
    .from(proposals)
    .innerJoin(users, eq(users.id, proposals.proposerId))
    .where(inArray(proposals.id, rows.map((r) => r.proposalId)));
  const byId = new Map(details.map((d) => [d.id, d]));
  return rows.map((r) => {
    const d = byId.get(r.proposalId)!;
    return {
      proposalId: r.proposalId,
      position: r.position,
      protocolNumber: d.protocolNumber,
      title: d.title,
      applicantType: d.applicantType,
      organisationName: d.organisationName,
      publicNameConsent: d.publicNameConsent,
      proposerName: d.proposerName,
      firstSubmittedAt: d.firstSubmittedAt,
      scoreCentipoints: r.scoreCentipoints,
      criteria: r.criteria,
      failedThresholds: r.failedThresholds,
      outcome: r.outcome,
      grantCents: r.grantCents,
      shownGrantCents: r.outcome === 'below_threshold' ? 0 : r.requestedGrantCents,
    };
  });
}

/** Organisations, named on public pages by law whatever the proposer chose (public-name.ts). */
export const namedApplicantTypes = ['association', 'social_cooperative'] as const;

/** The name a published ranking may show for a row (public-name.ts): organisations, and people who consented. */
export function publicName(row: Pick<RankingViewRow, 'applicantType' | 'organisationName' | 'publicNameConsent' | 'proposerName'>): PublicName | null {
  return publicNameOf(row);
}
