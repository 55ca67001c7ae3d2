import { and, asc, eq, inArray, like, notExists, or, sql } from 'drizzle-orm';
import { calls, proposalEvents, proposals, rankingEntries, startupMembers, startups, users } from '../../../db/schema/index.ts';
import { isUuid } from '../../lib/ids.ts';
import type { Db, Queryable, Tx } from '../../lib/server/db/index.ts';
import { recordAudit } from '../audit/record-audit.server.ts';
import { utcToRomeDateTime } from '../calls/rome-time.ts';
import type { RequestContext } from '../context.ts';
import { conflict, notFound } from '../errors.ts';
import { latestRanking } from '../evaluation/ranking-repo.server.ts';
import { enqueueEmail } from '../mail/enqueue-email.server.ts';
import { authorize } from '../policy.ts';
import { transitionTarget, transitions } from '../proposals/workflow.ts';
import { createMilestonePlan } from './milestone-plan.server.ts';
import { slugBase, uniqueSlug } from './startup-slug.ts';
import { teamFromProposal } from './startup-team.ts';

export type StartupRow = typeof startups.$inferSelect;
export type IncubationResult = { rankingId: string; created: StartupRow[] };
export type IncubateOptions = {
  /** When each start-up begins (its creation and the plan's first day); default: now. The demo seed spreads them. */
  startAt?: (index: number) => Date;
  /** Email each proposer (`startupCreated`); the demo seed, describing the past, does not. */
  notify?: boolean;
};

/**
 * Staff turn the funded proposals of a call's final ranking into start-ups, in one transaction:
 * the latest final ranking decides (a scorrimento publishes a new one, whose newly funded
 * proposals a second run picks up). Idempotent: proposals already incubated are skipped, and the
 * call's row lock makes two clicks at once queue, the second finding nothing left to create.
 */
export async function createStartupsFromRanking(db: Db, ctx: RequestContext, input: { callId: string }): Promise<IncubationResult> {
  authorize(ctx.actor, 'startup.create');
  if (!isUuid(input.callId)) throw notFound('call_not_found');
  return db.transaction((tx) => incubateFinalRanking(tx, ctx, input.callId, { notify: true }));
}

/** The use case's body, inside the caller's transaction (also used by the demo seed). */
export async function incubateFinalRanking(tx: Tx, ctx: RequestContext, callId: string, options: IncubateOptions = {}): Promise<IncubationResult> {
  const [call] = await tx.select({ id: calls.id }).from(calls).where(eq(calls.id, callId)).for('update');
  if (!call) throw notFound('call_not_found');
  const ranking = await latestRanking(tx, call.id, 'final');
  if (!ranking) throw conflict('no_final_ranking');
  // Slugs are unique across calls: start-ups of two calls created at once must not pick the same one.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('vivaio:startup-slugs'))`);
  const funded = await fundedNotIncubated(tx, ranking.id);
  const created: StartupRow[] = [];
  for (const [i, candidate] of funded.entries()) {
    const at = options.startAt?.(i) ?? ctx.now();
    created.push(await incubateProposal(tx, ctx, { ...candidate, rankingId: ranking.id, at, notify: options.notify ?? true }));
  }
  if (created.length > 0) {
    await recordAudit(tx, ctx, {
      action: 'ranking.incubated',
      entityType: 'ranking',
      entityId: ranking.id,
      summary: { callId: call.id, count: created.length, startupIds: created.map((s) => s.id) },
    });
  }
  return { rankingId: ranking.id, created };
}

type Candidate = { proposal: typeof proposals.$inferSelect; lead: { name: string; email: string; locale: 'it' | 'en' } };

/** Funded entries of the ranking whose proposal is still `funded` and has no start-up, locked, in ranking order. */
function fundedNotIncubated(tx: Queryable, rankingId: string): Promise<Candidate[]> {
  return tx
    .select({ proposal: proposals, lead: { name: users.name, email: users.email, locale: users.locale } })
    .from(rankingEntries)
    .innerJoin(proposals, eq(proposals.id, rankingEntries.proposalId))
    .innerJoin(users, eq(users.id, proposals.proposerId))
    .where(
      and(
        eq(rankingEntries.rankingId, rankingId),
        eq(rankingEntries.outcome, 'funded'),
        // The proposal lifecycle's last step (DESIGN.md: ranked, funded → incubated).
        inArray(proposals.status, [...transitions.incubate]),
        notExists(tx.select({ one: sql`1` }).from(startups).where(eq(startups.proposalId, proposals.id))),
      ),
    )
    .orderBy(asc(rankingEntries.position))
    .for('update', { of: proposals });
}

type Incubate = Candidate & { rankingId: string; at: Date; notify: boolean };

/** One start-up: profile seed, team, milestone plan, the proposal's last status, audit and email. */
async function incubateProposal(tx: Tx, ctx: RequestContext, c: Incubate): Promise<StartupRow> {
  const { proposal, at } = c;
  const base = slugBase(proposal.title);
  const [startup] = await tx
    .insert(startups)
    .values({
      proposalId: proposal.id,
      callId: proposal.callId,
      slug: uniqueSlug(base, await takenSlugs(tx, base)),
      name: proposal.title.trim() || base,
      neighbourhoodId: proposal.neighbourhoodId,
      createdAt: at,
      createdBy: ctx.actor?.userId ?? null,
    })
    .returning();
  const row = startup!;
  const team = teamFromProposal({ userId: proposal.proposerId, name: c.lead.name }, proposal.team);
  await tx.insert(startupMembers).values(team.map((m) => ({ ...m, startupId: row.id })));
  const milestones = await createMilestonePlan(tx, { startupId: row.id, callId: proposal.callId, startsOn: utcToRomeDateTime(at).date });
  const status = transitionTarget.incubate;
  await tx.update(proposals).set({ status, updatedAt: at }).where(eq(proposals.id, proposal.id));
  await tx.insert(proposalEvents).values({ proposalId: proposal.id, fromStatus: proposal.status, toStatus: status, at, actorId: ctx.actor?.userId ?? null });
  await recordAudit(tx, ctx, {
    action: 'startup.created',
    entityType: 'startup',
    entityId: row.id,
    summary: { proposalId: proposal.id, callId: proposal.callId, rankingId: c.rankingId, slug: row.slug, members: team.length, milestones },
  });
  if (c.notify) {
    await enqueueEmail(tx, {
      to: c.lead.email,
      userId: proposal.proposerId,
      locale: c.lead.locale,
      template: 'startupCreated',
      params: { name: c.lead.name, link: `${ctx.origin}/${c.lead.locale}/me/startups/${row.id}`, startup: row.name, title: proposal.title },
    });
  }
  return row;
}

/** Slugs in use that a new one from `base` could collide with (`base`, `base-2`…). */
async function takenSlugs(tx: Queryable, base: string): Promise<Set<string>> {
  const rows = await tx.select({ slug: startups.slug }).from(startups).where(or(eq(startups.slug, base), like(startups.slug, `${base}-%`)));
  return new Set(rows.map((r) => r.slug));
}
