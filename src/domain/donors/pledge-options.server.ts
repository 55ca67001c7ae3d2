import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import { callNeighbourhoods, calls, neighbourhoods, startups } from '../../../db/schema/index.ts';
import type { Db } from '../../lib/server/db/index.ts';
import type { Locale } from '../../lib/i18n/locales.ts';
import { localized } from '../calls/localized.ts';

/**
 * What a donor may pledge to, for the donor area's form (the pledge itself is h6b's
 * `funding.createPledge`, which checks all of this again): the funds of calls from publication
 * until archived (the phases create-pledge.server.ts accepts), each with its target
 * neighbourhoods and themes for an optional restriction, and start-ups with a public profile that
 * are not closed (a donor may name only start-ups it can see).
 */
const FUNDABLE_PHASES = ['published', 'in_review', 'ranking_provisional', 'ranking_final'] as const;

export type PledgeCallOption = { id: string; title: string; themes: string[]; neighbourhoods: { id: string; name: string }[] };
export type PledgeOptions = { calls: PledgeCallOption[]; startups: { id: string; name: string }[] };

export async function pledgeOptions(db: Db, locale: Locale): Promise<PledgeOptions> {
  const [callRows, startupRows] = await Promise.all([
    db
      .select({ id: calls.id, titleIt: calls.titleIt, titleEn: calls.titleEn, themes: calls.themes })
      .from(calls)
      .where(inArray(calls.phase, [...FUNDABLE_PHASES]))
      .orderBy(asc(calls.titleIt)),
    db
      .select({ id: startups.id, name: startups.name })
      .from(startups)
      .where(and(eq(startups.publicConsent, true), ne(startups.stage, 'closed')))
      .orderBy(asc(startups.name)),
  ]);
  const places = callRows.length
    ? await db
        .select({ callId: callNeighbourhoods.callId, id: neighbourhoods.id, name: neighbourhoods.name })
        .from(callNeighbourhoods)
        .innerJoin(neighbourhoods, eq(neighbourhoods.id, callNeighbourhoods.neighbourhoodId))
        .where(inArray(callNeighbourhoods.callId, callRows.map((c) => c.id)))
        .orderBy(asc(neighbourhoods.name))
    : [];
  return {
    calls: callRows.map((c) => ({
      id: c.id,
      title: localized(c.titleIt, c.titleEn, locale).text,
      themes: c.themes,
      neighbourhoods: places.filter((p) => p.callId === c.id).map((p) => ({ id: p.id, name: p.name })),
    })),
    startups: startupRows,
  };
}
