import { eq, inArray } from 'drizzle-orm';
import { callAmendments, calls, neighbourhoods, programmes } from '../schema/index.ts';
import type { Tx } from '../../src/lib/server/db/index.ts';
import { romeDateTimeToUtc, utcToRomeDateTime } from '../../src/domain/calls/rome-time.ts';
import { createCall } from '../../tests/factories/calls.ts';
import { avvisoBody, type BodyFacts } from './call-body.ts';
import { demoAttachments, demoEligibility, demoQuestions, demoRubric } from './call-forms.ts';
import { demoCalls, type DemoCall } from './call-texts.ts';

export type SeedCallsOptions = { programmeId: string; neighbourhoodIds: string[]; staffUserId: string };

const DAY = 24 * 60 * 60 * 1000;

/** Noon in Rome, `days` calendar days from the day of `now`: deadlines of real avvisi fall at 12:00. */
function romeNoon(now: Date, days: number): Date {
  const [y, m, d] = utcToRomeDateTime(now).date.split('-').map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
  return romeDateTimeToUtc(day, '12:00')!;
}

/**
 * Creates the demo calls (db/seed/call-texts.ts) that do not exist yet, by slug; returns how many
 * it created. Existing calls are never modified, so a second run changes nothing.
 */
export async function seedCalls(tx: Tx, { programmeId, neighbourhoodIds, staffUserId }: SeedCallsOptions, now = new Date()): Promise<number> {
  const [programme] = await tx.select().from(programmes).where(eq(programmes.id, programmeId));
  if (!programme) throw new Error(`seedCalls: no programme ${programmeId}`);
  const names = await neighbourhoodNames(tx, neighbourhoodIds);
  const existing = new Set((await tx.select({ slug: calls.slug }).from(calls).where(inArray(calls.slug, demoCalls.map((c) => c.slug)))).map((r) => r.slug));

  let created = 0;
  for (const demo of demoCalls) {
    if (existing.has(demo.slug)) continue;
    const ids = demo.neighbourhoods ? demo.neighbourhoods.map((i) => neighbourhoodIds[i]).filter((id): id is string => Boolean(id)) : neighbourhoodIds;
    const opensAt = romeNoon(now, demo.opensIn);
    const closesAt = romeNoon(now, demo.closesIn);
    // A week before opening, as notices go up on the albo pretorio ahead of time; never in the future.
    const publishedAt = new Date(Math.min(opensAt.getTime() - 7 * DAY, now.getTime() - DAY));
    const facts: Omit<BodyFacts, 'purpose' | 'funds'> = {
      budgetCents: demo.budgetEuros * 100,
      maxGrantCents: demo.maxGrantEuros * 100,
      minCofinancingPct: demo.minCofinancingPct,
      applicantTypes: demo.applicantTypes,
      minGroupMembers: demo.minGroupMembers,
      neighbourhoods: ids.map((id) => names.get(id) ?? ''),
      attachments: demoAttachments,
      rubric: demoRubric,
      opensAt,
      closesAt,
      office: programme.office ?? '',
      rup: programme.rupName ?? '',
    };
    const call = await createCall(tx, {
      programmeId,
      slug: demo.slug,
      phase: demo.phase,
      titleIt: demo.title.it,
      titleEn: demo.title.en,
      summaryIt: demo.summary.it,
      summaryEn: demo.summary.en,
      bodyIt: avvisoBody('it', { ...facts, purpose: demo.purpose.it, funds: demo.funds.it }),
      bodyEn: avvisoBody('en', { ...facts, purpose: demo.purpose.en, funds: demo.funds.en }),
      themes: demo.themes,
      applicantTypes: demo.applicantTypes,
      minGroupMembers: demo.minGroupMembers,
      eligibility: demoEligibility,
      questions: demoQuestions,
      attachments: demoAttachments,
      rubric: demoRubric,
      budgetCents: facts.budgetCents,
      maxGrantCents: facts.maxGrantCents,
      minCofinancingPct: demo.minCofinancingPct,
      opensAt,
      closesAt,
      publishedAt,
      createdAt: new Date(publishedAt.getTime() - 14 * DAY),
      createdBy: staffUserId,
      neighbourhoodIds: ids,
      version: 1 + (demo.amendments?.length ?? 0),
      updatedAt: lastChange(demo, opensAt) ?? publishedAt,
    });
    await addAmendments(tx, call.id, demo, opensAt, now, staffUserId);
    created += 1;
  }
  return created;
}

function lastChange(demo: DemoCall, opensAt: Date): Date | null {
  const days = demo.amendments?.map((a) => a.daysAfterOpening) ?? [];
  return days.length ? new Date(opensAt.getTime() + Math.max(...days) * DAY) : null;
}

async function addAmendments(tx: Tx, callId: string, demo: DemoCall, opensAt: Date, now: Date, staffUserId: string): Promise<void> {
  if (!demo.amendments?.length) return;
  await tx.insert(callAmendments).values(
    demo.amendments.map((a, index) => ({
      callId,
      version: index + 2,
      kind: a.kind,
      noteIt: a.note.it,
      noteEn: a.note.en,
      // A proroga records the deadline it moved, as the call's history must show.
      changes: (a.kind === 'proroga' && demo.closesInitially !== undefined
          ? { closesAt: { from: romeNoon(now, demo.closesInitially).toISOString(), to: romeNoon(now, demo.closesIn).toISOString() } }
          : { minGroupMembers: { from: demo.minGroupMembers + 1, to: demo.minGroupMembers } }) as Record<string, { from: unknown; to: unknown }>,
      createdBy: staffUserId,
      createdAt: new Date(opensAt.getTime() + a.daysAfterOpening * DAY),
    })),
  );
}

async function neighbourhoodNames(tx: Tx, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.select({ id: neighbourhoods.id, name: neighbourhoods.name }).from(neighbourhoods).where(inArray(neighbourhoods.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}
