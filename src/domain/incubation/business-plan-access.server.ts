import { isUuid } from '../../lib/ids.ts';
import type { Queryable } from '../../lib/server/db/index.ts';
import type { RequestContext } from '../context.ts';
import { notFound } from '../errors.ts';
import { authorize, can, type StartupFacts } from '../policy.ts';
import { loadStartupFacts, type StartupRow } from './startup-facts.server.ts';

/** What a person may do with a start-up's business plan. */
export type PlanAccess = { startup: StartupRow; facts: StartupFacts; canEdit: boolean; canComment: boolean };
export type PlanNeed = 'read' | 'edit' | 'comment';

/**
 * Loads the start-up and asks the policy. The plan is private to the start-up's people: its team
 * writes it ('startup.edit'), its coach comments ('plan.comment'), its coaches and staff read it
 * ('plan.view'). Funders and the public never see it, even when the profile is public.
 * Someone who may not even see the start-up gets "not found", as for an id that does not exist.
 */
export async function planAccess(db: Queryable, ctx: RequestContext, startupId: string, need: PlanNeed): Promise<PlanAccess> {
  const loaded = isUuid(startupId) ? await loadStartupFacts(db, startupId) : null;
  if (!loaded || !can(ctx.actor, 'startup.view', loaded.facts).ok) throw notFound('startup_not_found');
  const { facts } = loaded;
  const canEdit = can(ctx.actor, 'startup.edit', facts).ok;
  const canComment = can(ctx.actor, 'plan.comment', facts).ok;
  if (need === 'edit') authorize(ctx.actor, 'startup.edit', facts);
  else if (need === 'comment') authorize(ctx.actor, 'plan.comment', facts);
  else authorize(ctx.actor, 'plan.view', facts);
  return { ...loaded, canEdit, canComment };
}
