import { startupCoaches, startupMembers, startups } from '../../db/schema/index.ts';
import type { Queryable } from '../../src/lib/server/db/index.ts';
import { createMilestonePlan } from '../../src/domain/incubation/milestone-plan.server.ts';
import { createCall } from './calls.ts';
import { nextSeq } from './names.ts';
import { createProposal } from './proposals.ts';
import { createUser } from './users.ts';

export type StartupRow = typeof startups.$inferSelect;
export type StartupOptions = Partial<Omit<typeof startups.$inferInsert, 'id' | 'proposalId' | 'callId'>> & {
  callId?: string;
  /** The proposer (team lead, with an account); created when missing. */
  leadUserId?: string;
  /** Further team members with accounts. */
  memberUserIds?: readonly string[];
  coachIds?: readonly string[];
  /** Instantiate the call's milestone plan from this Rome day (default: no milestones). */
  planFrom?: string;
};

/**
 * An incubated start-up from a funded proposal, with its lead (and optional members with
 * accounts plus one named member without), coaches and optionally its milestone plan.
 */
export async function createStartup(db: Queryable, options: StartupOptions = {}): Promise<StartupRow & { leadUserId: string }> {
  const { callId: givenCall, leadUserId: givenLead, memberUserIds = [], coachIds = [], planFrom, ...values } = options;
  const seq = nextSeq();
  const callId = givenCall ?? (await createCall(db, 'closed')).id;
  const leadUserId = givenLead ?? (await createUser(db, 'resident')).id;
  const proposal = await createProposal(db, {
    callId,
    proposerId: leadUserId,
    status: 'incubated',
    protocolSeq: 9000 + seq,
    protocolNumber: `IDEA-2026-${String(9000 + seq).padStart(6, '0')}`,
    submittedAt: new Date(),
    firstSubmittedAt: new Date(),
  });
  const [row] = await db
    .insert(startups)
    .values({
      proposalId: proposal.id,
      callId,
      slug: `startup-${seq}`,
      name: `Bottega di quartiere n. ${seq}`,
      need: 'Nel quartiere mancano spazi per lo studio pomeridiano dei ragazzi.',
      offer: 'Un doposcuola di cortile gestito da educatori e volontari.',
      ...values,
    })
    .returning();
  const startup = row!;
  await db.insert(startupMembers).values([
    { startupId: startup.id, userId: leadUserId, name: 'Referente del gruppo', role: 'referente', lead: true, position: 0 },
    ...memberUserIds.map((userId, i) => ({ startupId: startup.id, userId, name: `Componente ${i + 1}`, role: 'socio', position: i + 1 })),
    { startupId: startup.id, userId: null, name: 'Orazio Greco', role: 'educatore', position: memberUserIds.length + 1 },
  ]);
  if (coachIds.length > 0) await db.insert(startupCoaches).values(coachIds.map((coachId) => ({ startupId: startup.id, coachId })));
  if (planFrom) await createMilestonePlan(db, { startupId: startup.id, callId, startsOn: planFrom });
  return { ...startup, leadUserId };
}
