import type { Queryable } from '../../lib/server/db/index.ts';
import { notFound } from '../errors.ts';
import { isUuid } from './milestone-tx.server.ts';
import { loadStartupFacts } from './startup-facts.server.ts';

/**
 * The start-up and its policy facts, or `startup_not_found` (also for an id that is not a UUID,
 * which the database would otherwise refuse with an error).
 */
export async function requireStartup(db: Queryable, startupId: string) {
  const loaded = isUuid(startupId) ? await loadStartupFacts(db, startupId) : null;
  if (!loaded) throw notFound('startup_not_found');
  return loaded;
}
