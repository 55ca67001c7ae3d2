import { and, asc, eq, isNull } from 'drizzle-orm';
import { startups, userRoles, users } from '../../../db/schema/index.ts';
import { isUuid } from '../../lib/ids.ts';
import type { Queryable } from '../../lib/server/db/index.ts';
import type { RequestContext } from '../context.ts';
import { notFound } from '../errors.ts';
import { can, type StartupFacts } from '../policy.ts';
import { loadStartupFacts, type StartupRow } from './startup-facts.server.ts';

/** Building blocks shared by the start-up use cases; each runs inside the caller's transaction. */

/**
 * Locks the start-up for the rest of the transaction and loads what the policy needs. Someone
 * who may not even see it gets "not found", the same answer as for an id that does not exist.
 */
export async function lockStartup(tx: Queryable, ctx: RequestContext, startupId: string): Promise<{ startup: StartupRow; facts: StartupFacts }> {
  if (!isUuid(startupId)) throw notFound('startup_not_found');
  const [locked] = await tx.select({ id: startups.id }).from(startups).where(eq(startups.id, startupId)).for('update');
  const loaded = locked ? await loadStartupFacts(tx, locked.id) : null;
  if (!loaded || !can(ctx.actor, 'startup.view', loaded.facts).ok) throw notFound('startup_not_found');
  return loaded;
}

/** As lockStartup, without the lock: for pages. */
export async function findVisibleStartup(db: Queryable, ctx: RequestContext, startupId: string): Promise<{ startup: StartupRow; facts: StartupFacts }> {
  const loaded = isUuid(startupId) ? await loadStartupFacts(db, startupId) : null;
  if (!loaded || !can(ctx.actor, 'startup.view', loaded.facts).ok) throw notFound('startup_not_found');
  return loaded;
}

export type CoachOption = { id: string; name: string; email: string; locale: 'it' | 'en' };

/** Accounts that may coach: the `coach` role, not disabled; by name. */
export function activeCoaches(db: Queryable, coachId?: string): Promise<CoachOption[]> {
  const conditions = [eq(userRoles.role, 'coach'), isNull(users.disabledAt)];
  if (coachId) conditions.push(eq(users.id, coachId));
  return db
    .select({ id: users.id, name: users.name, email: users.email, locale: users.locale })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .where(and(...conditions))
    .orderBy(asc(users.name), asc(users.email));
}
