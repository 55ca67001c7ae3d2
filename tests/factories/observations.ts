import { observations } from '../../db/schema/index.ts';
import type { Queryable } from '../../src/lib/server/db/index.ts';

export type ObservationRow = typeof observations.$inferSelect;
export type ObservationOptions = Partial<Omit<typeof observations.$inferInsert, 'id'>> & { proposalId: string; rankingId: string };

/**
 * An observation on a provisional ranking, as the proposer files it; pass `status: 'answered'`
 * with `answer`, `upheld` and `answeredBy` for one the office has answered (demo data, tests).
 */
export async function createObservation(db: Queryable, options: ObservationOptions): Promise<ObservationRow> {
  const answered = options.status === 'answered';
  const [row] = await db
    .insert(observations)
    .values({
      text: 'Il punteggio sulla rilevanza del bisogno non tiene conto dei dati sul quartiere che abbiamo allegato alla proposta.',
      ...(answered ? { answer: 'Le osservazioni sono state esaminate dalla commissione.', upheld: false, answeredAt: new Date() } : {}),
      ...options,
    })
    .returning();
  return row!;
}
