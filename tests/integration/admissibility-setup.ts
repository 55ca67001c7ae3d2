import { files } from '../../db/schema/index.ts';
import type { Db } from '../../src/lib/server/db/index.ts';
import { createCall, createProposal, createUser, type CallOptions, type ProposalOptions, type TestUser } from '../factories/index.ts';
import { testContext } from '../support/context.ts';
import { at, DAY } from './helpers.ts';

/** Shared set-up of the admissibility tests (not a test file). T0 is "now": the call closed a day before. */

export const closedAtT0: CallOptions = { phase: 'published', opensAt: at(-40 * DAY), closesAt: at(-DAY) };
export const openAtT0: CallOptions = { phase: 'published', opensAt: at(-10 * DAY), closesAt: at(10 * DAY) };

export async function office(db: Db, call: CallOptions = closedAtT0) {
  const staff = await createUser(db, 'staff');
  const proposer = await createUser(db, 'resident');
  const created = await createCall(db, call);
  return { staff, proposer, call: created, ctx: testContext({ actor: staff.actor, now: () => at(0) }) };
}

export const protocol = (seq: number) => `IDEA-2026-${String(seq).padStart(6, '0')}`;

/** A proposal as the submit use case leaves it: protocolled, declarations accepted. */
export function submitted(db: Db, callId: string, proposer: TestUser, seq: number, options: Partial<ProposalOptions> = {}) {
  return createProposal(db, {
    callId,
    proposerId: proposer.id,
    status: 'submitted',
    protocolSeq: seq,
    protocolNumber: protocol(seq),
    submittedAt: at(-2 * DAY),
    firstSubmittedAt: at(-2 * DAY),
    declarationsAcceptedAt: at(-2 * DAY),
    ...options,
  });
}

/** A file row as if uploaded (the bytes are not needed to judge admissibility). */
export async function attach(db: Db, ownerType: 'proposal' | 'integration_request', ownerId: string, purpose: string) {
  const [row] = await db
    .insert(files)
    .values({
      storage: 'local',
      storageKey: `00/00/${crypto.randomUUID()}`,
      originalName: `${purpose}.pdf`,
      mime: 'application/pdf',
      sizeBytes: 1234,
      sha256: 'a'.repeat(64),
      ownerType,
      ownerId,
      purpose,
    })
    .returning();
  return row!;
}
