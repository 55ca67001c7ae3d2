import { rankingEntries, rankings } from '../../db/schema/index.ts';
import type { Db } from '../../src/lib/server/db/index.ts';
import { createCall, createNeighbourhood, createProposal, createUser, type ProposalRow } from '../factories/index.ts';
import { testContext } from '../support/context.ts';
import { at, DAY } from './helpers.ts';

/** Shared set-up of the start-up tests (not a test file). */

type Outcome = 'funded' | 'eligible_not_funded' | 'below_threshold';

/** Publishes a ranking of `kind` with the proposals in order and their outcomes. */
export async function publishRanking(db: Db, callId: string, kind: 'provisional' | 'final', entries: [ProposalRow, Outcome][], publishedAt: Date) {
  const [ranking] = await db
    .insert(rankings)
    .values({ callId, kind, method: { consolidation: 'mean' }, budgetCents: 40_000_00, publishedAt })
    .returning();
  await db.insert(rankingEntries).values(
    entries.map(([p, outcome], i) => ({ rankingId: ranking!.id, proposalId: p.id, position: i + 1, scoreCentipoints: 9000 - i * 500, criteria: {}, outcome, grantCents: outcome === 'funded' ? 15_000_00 : 0 })),
  );
  return ranking!;
}

/**
 * A call whose final ranking funds two proposals (same title: their slugs must differ) and not a
 * third and fourth; the provisional ranking before it had funded the third, which lost its place
 * after an observation. The first proposer is Italian and listed themself in the team; the
 * second writes in English.
 */
export async function rankedCall(db: Db, options: { final?: boolean } = {}) {
  const final = options.final ?? true;
  const staff = await createUser(db, 'staff');
  const place = await createNeighbourhood(db, { name: 'San Cristoforo', slug: 'san-cristoforo' });
  const call = await createCall(db, 'closed', { phase: final ? 'ranking_final' : 'ranking_provisional' });
  const leads = [await createUser(db, 'resident', { name: 'Agata Russo' }), await createUser(db, 'resident', 'english', { name: 'Sam Clarke' }), await createUser(db, 'resident'), await createUser(db, 'resident')];
  const proposal = (i: number, status: ProposalRow['status'], extra: Partial<ProposalRow> = {}) =>
    createProposal(db, {
      callId: call.id,
      proposerId: leads[i]!.id,
      status,
      title: 'Doposcuola di cortile',
      protocolSeq: i + 1,
      protocolNumber: `IDEA-2026-00000${i + 1}`,
      submittedAt: at(-30 * DAY),
      firstSubmittedAt: at(-30 * DAY),
      ...extra,
    });
  const p1 = await proposal(0, 'funded', {
    neighbourhoodId: place.id,
    team: [
      { name: 'agata russo', role: 'referente', adult: true },
      { name: 'Orazio Greco', role: 'educatore', adult: true },
    ],
  });
  const p2 = await proposal(1, 'funded', { team: [{ name: 'Lucia Marino', role: 'volunteer', adult: true }] });
  const p3 = await proposal(2, 'eligible_not_funded', { title: 'Ciclofficina popolare' });
  const p4 = await proposal(3, 'below_threshold', { title: 'Mercatino del riuso' });
  await publishRanking(db, call.id, 'provisional', [[p1, 'funded'], [p3, 'funded'], [p2, 'funded'], [p4, 'below_threshold']], at(-20 * DAY));
  const ranking = final ? await publishRanking(db, call.id, 'final', [[p1, 'funded'], [p2, 'funded'], [p3, 'eligible_not_funded'], [p4, 'below_threshold']], at(-5 * DAY)) : null;
  return { staff, call, place, leads, proposals: [p1, p2, p3, p4] as const, ranking, ctx: testContext({ actor: staff.actor, now: () => at(0) }) };
}
