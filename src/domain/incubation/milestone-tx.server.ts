import { eq } from 'drizzle-orm';
import { milestones } from '../../../db/schema/index.ts';
import { isUuid } from '../../lib/ids.ts';
import type { Queryable } from '../../lib/server/db/index.ts';
import type { Locale } from '../../lib/i18n/locales.ts';
import { notFound } from '../errors.ts';
import type { StartupFacts } from '../policy.ts';
import { loadStartupFacts, type StartupRow } from './startup-facts.server.ts';

export type MilestoneRow = typeof milestones.$inferSelect;
export type LockedMilestone = { milestone: MilestoneRow; startup: StartupRow; facts: StartupFacts };

/**
 * The milestone, locked for the rest of the transaction (`FOR UPDATE`): a team's submission, the
 * coach's decision and a staff due-date change on the same milestone happen one after the other,
 * each seeing what the previous one wrote. With its start-up and the facts the policy needs.
 */
export async function lockMilestone(tx: Queryable, milestoneId: string): Promise<LockedMilestone> {
  if (!isUuid(milestoneId)) throw notFound('milestone_not_found');
  const [milestone] = await tx.select().from(milestones).where(eq(milestones.id, milestoneId)).for('update');
  if (!milestone) throw notFound('milestone_not_found');
  const loaded = await loadStartupFacts(tx, milestone.startupId);
  if (!loaded) throw notFound('milestone_not_found');
  return { milestone, ...loaded };
}

/** The milestone's title in the reader's language. */
export const milestoneTitle = (m: Pick<MilestoneRow, 'titleIt' | 'titleEn'>, locale: Locale) => (locale === 'en' ? m.titleEn : m.titleIt);

type Linked = Pick<MilestoneRow, 'id' | 'kind' | 'startupId'>;
/** A monitoring milestone's deliverable is its report (src/domain/incubation/monitoring*): its pages live there. */
const section = (m: Linked) => (m.kind === 'monitoring' ? 'monitoring' : 'milestones');

/** Paths (add the origin for emails) of the team's and the coach's view of a milestone, and of the team's plan. */
export const milestonePaths = {
  team: (locale: Locale, m: Linked) => `/${locale}/me/startups/${m.startupId}/${section(m)}/${m.id}`,
  coach: (locale: Locale, m: Linked) => `/${locale}/coach/startups/${m.startupId}/${section(m)}/${m.id}`,
  teamPlan: (locale: Locale, startupId: string) => `/${locale}/me/startups/${startupId}/milestones`,
  staffPlan: (locale: Locale, startupId: string) => `/${locale}/staff/startups/${startupId}/milestones`,
};
