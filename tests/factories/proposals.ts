import { proposals } from '../../db/schema/index.ts';
import type { Queryable } from '../../src/lib/server/db/index.ts';

export type ProposalRow = typeof proposals.$inferSelect;
export type ProposalOptions = Partial<Omit<typeof proposals.$inferInsert, 'id'>> & { callId: string; proposerId: string };

/** A draft with plausible content; pass `status`, `protocolNumber`… to place it further along. */
export async function createProposal(db: Queryable, options: ProposalOptions): Promise<ProposalRow> {
  const [row] = await db
    .insert(proposals)
    .values({
      title: 'Doposcuola di cortile',
      applicantType: 'informal_group',
      requestedCents: 1_500_000,
      answers: { need: 'Molti ragazzi del quartiere non hanno un posto tranquillo dove studiare il pomeriggio.', users: 40 },
      team: [
        { name: 'Agata Russo', role: 'referente', adult: true },
        { name: 'Orazio Greco', role: 'educatore', adult: true },
      ],
      ...options,
    })
    .returning();
  return row!;
}
