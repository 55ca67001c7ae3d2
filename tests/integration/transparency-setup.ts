import { eq } from 'drizzle-orm';
import { disbursements, grants, proposals, rankingEntries, rankings, tranches } from '../../db/schema/index.ts';
import type { Queryable } from '../../src/lib/server/db/index.ts';
import { createCall, createDonor, createPledge, createProgramme, createStartup } from '../factories/index.ts';

/**
 * Money rows written directly (not through the funding use cases, which other tests cover), so the
 * figures, the transparency page and the open data can be checked against hand-computed sums.
 */

export type GrantRow = typeof grants.$inferSelect;

export async function insertGrant(
  db: Queryable,
  o: { startupId: string; callId: string; awardedCents: number; committedCents?: number; committedOn?: string | null; createdAt?: Date },
): Promise<GrantRow> {
  const committed = o.committedCents ?? 0;
  const [row] = await db
    .insert(grants)
    .values({
      startupId: o.startupId,
      callId: o.callId,
      awardedCents: o.awardedCents,
      committedCents: committed,
      agreementRef: committed > 0 ? `CONV-${o.startupId.slice(0, 8)}` : null,
      committedOn: o.committedOn ?? (committed > 0 ? '2026-04-01' : null),
      ...(o.createdAt ? { createdAt: o.createdAt } : {}),
    })
    .returning();
  return row!;
}

/** A paid tranche at `position` of the grant, with its disbursement. */
export async function insertDisbursement(
  db: Queryable,
  o: { grantId: string; position: number; amountCents: number; paidOn?: string; pledgeId?: string | null },
): Promise<{ trancheId: string; disbursementId: string }> {
  const [tranche] = await db
    .insert(tranches)
    .values({
      grantId: o.grantId,
      position: o.position,
      labelIt: `Tranche ${o.position}`,
      labelEn: `Instalment ${o.position}`,
      amountCents: o.amountCents,
      status: 'disbursed',
      approvedAt: new Date(),
    })
    .returning({ id: tranches.id });
  const [paid] = await db
    .insert(disbursements)
    .values({
      trancheId: tranche!.id,
      grantId: o.grantId,
      amountCents: o.amountCents,
      paidOn: o.paidOn ?? '2026-05-04',
      reference: `MAND-${o.grantId.slice(0, 6)}-${o.position}`,
      source: o.pledgeId ? 'pledge' : 'programme',
      pledgeId: o.pledgeId ?? null,
    })
    .returning({ id: disbursements.id });
  return { trancheId: tranche!.id, disbursementId: paid!.id };
}

/** A published ranking of `kind` with the given entries (position in list order). */
export async function insertRanking(
  db: Queryable,
  o: { callId: string; kind: 'provisional' | 'final'; publishedAt?: Date; entries: readonly { proposalId: string; grantCents: number }[] },
): Promise<string> {
  const [ranking] = await db
    .insert(rankings)
    .values({ callId: o.callId, kind: o.kind, method: {}, budgetCents: 0, publishedAt: o.publishedAt ?? new Date() })
    .returning({ id: rankings.id });
  if (o.entries.length > 0) {
    await db.insert(rankingEntries).values(
      o.entries.map((e, i) => ({
        rankingId: ranking!.id,
        proposalId: e.proposalId,
        position: i + 1,
        scoreCentipoints: 9000 - i * 100,
        criteria: {},
        outcome: e.grantCents > 0 ? ('funded' as const) : ('eligible_not_funded' as const),
        grantCents: e.grantCents,
      })),
    );
  }
  return ranking!.id;
}

/**
 * A programme with one ranked call and four start-ups, one of each kind the law treats apart:
 * an association (named by law), a consenting team (named by consent), a person's start-up without
 * consent (never named), and a consenting team whose name would run as a spreadsheet formula.
 * Plus a start-up without a grant, a donor with a tax code, and three payments.
 */
export async function transparencyScene(db: Queryable) {
  const programme = await createProgramme(db, 'ideAzione', { code: 'CT3.3.1.t', cup: 'D61B17000210007' });
  const call = await createCall(db, 'closed', { programmeId: programme.id, slug: 'idee-quartiere', titleIt: 'Idee per il quartiere', budgetCents: 30_000_000 });
  const draft = await createCall(db, 'draft', { programmeId: programme.id, slug: 'bozza-segreta', titleIt: 'Bozza segreta' });
  const org = await createStartup(db, { callId: call.id, name: 'Vicoli Aperti' });
  await db.update(proposals).set({ applicantType: 'association', organisationName: 'Associazione Vicoli Aperti APS' }).where(eq(proposals.id, org.proposalId));
  const consenting = await createStartup(db, { callId: call.id, name: 'Ciclofficina Librino', publicConsent: true });
  const person = await createStartup(db, { callId: call.id, name: 'Bottega di Mario Rossi' });
  const formula = await createStartup(db, { callId: call.id, name: '=HYPERLINK("http://x.example")', publicConsent: true });
  const noGrant = await createStartup(db, { callId: call.id, name: 'Gruppo senza contributo' });
  await db.update(proposals).set({ applicantType: 'informal_group' }).where(eq(proposals.id, noGrant.proposalId));

  await insertRanking(db, {
    callId: call.id,
    kind: 'final',
    entries: [org, consenting, person, formula].map((s) => ({ proposalId: s.proposalId, grantCents: 2_000_000 })),
  });
  // Two grants share their creation instant: the keyset must still neither skip nor repeat.
  const same = new Date('2026-04-10T08:00:00Z');
  const gOrg = await insertGrant(db, { startupId: org.id, callId: call.id, awardedCents: 2_000_000, committedCents: 2_000_000, createdAt: new Date('2026-04-09T22:30:00Z') });
  const gConsenting = await insertGrant(db, { startupId: consenting.id, callId: call.id, awardedCents: 1_850_050, committedCents: 1_000_000, createdAt: same });
  const gPerson = await insertGrant(db, { startupId: person.id, callId: call.id, awardedCents: 2_000_000, committedCents: 2_000_000, createdAt: same });
  await insertGrant(db, { startupId: formula.id, callId: call.id, awardedCents: 1_500_000, createdAt: new Date('2026-04-11T08:00:00Z') });

  const donor = await createDonor(db, { name: 'Fondazione Riservata', taxCode: 'RSSMRA80A01H501U', email: 'riservata@fondazione.example' });
  const pledge = await createPledge(db, { donorId: donor.id, callId: call.id, startupId: person.id, amountCents: 800_000, status: 'committed' });
  await insertDisbursement(db, { grantId: gOrg.id, position: 1, amountCents: 800_000, paidOn: '2026-05-02' });
  await insertDisbursement(db, { grantId: gOrg.id, position: 2, amountCents: 1_200_000, paidOn: '2026-07-01' });
  await insertDisbursement(db, { grantId: gPerson.id, position: 1, amountCents: 800_000, paidOn: '2026-05-03', pledgeId: pledge.id });
  await insertDisbursement(db, { grantId: gConsenting.id, position: 1, amountCents: 400_025, paidOn: '2026-05-04' });
  return { programme, call, draft, org, consenting, person, formula, noGrant, donor };
}
