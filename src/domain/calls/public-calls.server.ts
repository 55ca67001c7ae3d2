import type { RequestContext } from '../context.ts';
import type { Queryable } from '../../lib/server/db/index.ts';
import { themes } from './definitions.ts';
import {
  getPublicCall,
  listCallNeighbourhoods,
  listPublicCalls,
  publicStatusFilters,
  type NeighbourhoodRef,
  type PublicCall,
  type PublicCallFilters,
  type PublicCallSummary,
  type PublicStatusFilter,
} from './calls.repo.server.ts';

/**
 * Reading calls as the public does. No policy question: published calls are public by law
 * (D.lgs. 33/2013 art. 26) and drafts are excluded by every query of the repository.
 */

const SLUG = /^[a-z0-9][a-z0-9-]{0,99}$/;

/**
 * The list's filters from a query string. A value that is not one of the known ones is ignored
 * rather than refused: a stale bookmark still shows the calls.
 */
export function parseCallFilters(params: { get(name: string): string | null }): PublicCallFilters {
  const status = params.get('status') ?? '';
  const theme = params.get('theme') ?? '';
  const neighbourhood = params.get('neighbourhood') ?? '';
  return {
    status: (publicStatusFilters as readonly string[]).includes(status) ? (status as PublicStatusFilter) : undefined,
    theme: (themes as readonly string[]).includes(theme) ? theme : undefined,
    neighbourhood: SLUG.test(neighbourhood) ? neighbourhood : undefined,
  };
}

export type CallBrowser = { calls: PublicCallSummary[]; neighbourhoods: NeighbourhoodRef[] };

/** Published calls matching the filters, and the neighbourhoods the filter can offer. */
export async function browseCalls(db: Queryable, ctx: RequestContext, filters: PublicCallFilters): Promise<CallBrowser> {
  const [found, neighbourhoods] = await Promise.all([listPublicCalls(db, filters, ctx.now()), listCallNeighbourhoods(db)]);
  return { calls: found, neighbourhoods };
}

/** Every published call, for the feed, the calendar and the API. */
export function allPublicCalls(db: Queryable, ctx: RequestContext): Promise<PublicCallSummary[]> {
  return listPublicCalls(db, {}, ctx.now());
}

/** A published call by slug; null when unknown, malformed or still a draft. */
export async function viewCall(db: Queryable, ctx: RequestContext, slug: string): Promise<PublicCall | null> {
  if (!SLUG.test(slug)) return null;
  return getPublicCall(db, slug, ctx.now());
}

/** The status filters offered on the public list. */
export { publicStatusFilters };
