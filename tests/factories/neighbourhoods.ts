import { neighbourhoods, programmeNeighbourhoods } from '../../db/schema/index.ts';
import type { Queryable } from '../../src/lib/server/db/index.ts';
import { nextSeq, slugify } from './names.ts';

export type NeighbourhoodRow = typeof neighbourhoods.$inferSelect;
export type NeighbourhoodOptions = Partial<Omit<typeof neighbourhoods.$inferInsert, 'id'>>;

const FIRST_MUNICIPALITY = '1ª Municipalità – Centro storico';

/**
 * The target area of Catania's "IdeAzione" (shared/seeds, CT3.3.1.a): the historic, densely
 * populated working-class neighbourhoods of the 1st Municipality, as the programme names them.
 */
export const ideAzioneNeighbourhoods = [
  'San Cristoforo',
  'Cappuccini',
  'Antico Corso',
  'San Berillo Vecchio',
  'Angeli Custodi',
  'Civita',
  'Fortino',
].map((name) => ({ slug: slugify(name), name, district: FIRST_MUNICIPALITY })) satisfies NeighbourhoodOptions[];

/** Other Catania neighbourhoods, for test defaults. */
const otherNames = ['Librino', 'Picanello', 'Monte Po', 'Nesima', 'Trappeto Nord', 'San Giorgio', 'Ognina', 'Zia Lisa'];

export async function createNeighbourhood(db: Queryable, options: NeighbourhoodOptions = {}): Promise<NeighbourhoodRow> {
  const seq = nextSeq();
  const name = options.name ?? otherNames[seq % otherNames.length]!;
  const [row] = await db
    .insert(neighbourhoods)
    .values({ name, slug: options.slug ?? `${slugify(name)}-${seq}`, district: options.district ?? null })
    .returning();
  return row!;
}

/** Makes neighbourhoods targets of a programme; returns how many links were new. */
export async function linkNeighbourhoods(db: Queryable, programmeId: string, neighbourhoodIds: readonly string[]): Promise<number> {
  if (neighbourhoodIds.length === 0) return 0;
  const added = await db
    .insert(programmeNeighbourhoods)
    .values(neighbourhoodIds.map((neighbourhoodId) => ({ programmeId, neighbourhoodId })))
    .onConflictDoNothing()
    .returning({ id: programmeNeighbourhoods.neighbourhoodId });
  return added.length;
}
