import { and, asc, count, eq } from 'drizzle-orm';
import { calls, neighbourhoods, startups } from '../../../db/schema/index.ts';
import type { Queryable } from '../../lib/server/db/index.ts';
import { PUBLIC_PAGE_SIZE, type PublicStartupFilters } from './startup.schema.ts';
import { isSlug } from './startup-slug.ts';

/**
 * Start-ups as the public sees them: only profiles whose team consented (the filter is part of
 * every query here, so no page can forget it), and only what the team wrote for the public:
 * name, neighbourhood, need, offer, stage and call. Never the team's names: these pages are
 * cached and carry no personal data.
 */

const publicOnly = eq(startups.publicConsent, true);

const columns = {
  /** Not shown: lets a page load the start-up's grant figures (money/grant-figures.server.ts). */
  id: startups.id,
  slug: startups.slug,
  name: startups.name,
  need: startups.need,
  offer: startups.offer,
  stage: startups.stage,
  neighbourhoodName: neighbourhoods.name,
  neighbourhoodSlug: neighbourhoods.slug,
  callSlug: calls.slug,
  callTitleIt: calls.titleIt,
  callTitleEn: calls.titleEn,
};

export type PublicStartup = {
  id: string;
  slug: string;
  name: string;
  need: string;
  offer: string;
  stage: (typeof startups.$inferSelect)['stage'];
  neighbourhoodName: string | null;
  neighbourhoodSlug: string | null;
  callSlug: string;
  callTitleIt: string;
  callTitleEn: string;
};

/** One page of consented profiles, by name, with the neighbourhoods that have any (for the filter). */
export async function browseStartups(db: Queryable, filters: PublicStartupFilters) {
  const where = and(
    publicOnly,
    filters.stage ? eq(startups.stage, filters.stage) : undefined,
    filters.neighbourhood ? eq(neighbourhoods.slug, filters.neighbourhood) : undefined,
  );
  const [rows, [total], places] = await Promise.all([
    db
      .select(columns)
      .from(startups)
      .innerJoin(calls, eq(calls.id, startups.callId))
      .leftJoin(neighbourhoods, eq(neighbourhoods.id, startups.neighbourhoodId))
      .where(where)
      .orderBy(asc(startups.name), asc(startups.slug))
      .limit(PUBLIC_PAGE_SIZE)
      .offset((filters.page - 1) * PUBLIC_PAGE_SIZE),
    db.select({ n: count() }).from(startups).leftJoin(neighbourhoods, eq(neighbourhoods.id, startups.neighbourhoodId)).where(where),
    db
      .selectDistinct({ slug: neighbourhoods.slug, name: neighbourhoods.name })
      .from(neighbourhoods)
      .innerJoin(startups, and(eq(startups.neighbourhoodId, neighbourhoods.id), publicOnly))
      .orderBy(asc(neighbourhoods.name)),
  ]);
  return { rows: rows as PublicStartup[], total: total?.n ?? 0, page: filters.page, pageSize: PUBLIC_PAGE_SIZE, neighbourhoods: places };
}

/** A consented profile by slug; null when unknown, malformed or not (or no longer) consented. */
export async function publicStartup(db: Queryable, slug: string): Promise<PublicStartup | null> {
  if (!isSlug(slug)) return null;
  const [row] = await db
    .select(columns)
    .from(startups)
    .innerJoin(calls, eq(calls.id, startups.callId))
    .leftJoin(neighbourhoods, eq(neighbourhoods.id, startups.neighbourhoodId))
    .where(and(publicOnly, eq(startups.slug, slug)))
    .limit(1);
  return (row as PublicStartup | undefined) ?? null;
}
