import { programmes } from '../../db/schema/index.ts';
import type { Queryable } from '../../src/lib/server/db/index.ts';
import { nextSeq } from './names.ts';

export type ProgrammeRow = typeof programmes.$inferSelect;
export type ProgrammeOptions = Partial<Omit<typeof programmes.$inferInsert, 'id'>>;

/**
 * Modelled on Catania's "IdeAzione" idea incubator, PON Metro 2014–2020, axis 3, action 3.3.1
 * (shared/seeds: code CT3.3.1.a, "Ultimo trimestre 2016" to 2022, € 5.668.337,50 programmed).
 * The source gives no CUP, RUP or office for this project: those below are well-formed and
 * plausible but fictitious, fit for demo data only.
 */
export const ideAzione = {
  code: 'CT3.3.1.a',
  cup: 'D61B17000210007',
  titleIt: '«IdeAzione» – Incubatore di idee e progetti',
  titleEn: '“IdeAzione” – Incubator of ideas and projects',
  rupName: 'Maria Concetta Privitera',
  office: 'Direzione Politiche sociali – Comune di Catania',
  startsOn: '2016-10-01',
  endsOn: '2022-12-31',
  programmedCents: 566_833_750,
} as const satisfies ProgrammeOptions;

export const programmeTraits = { ideAzione } as const satisfies Record<string, ProgrammeOptions>;
export type ProgrammeTrait = keyof typeof programmeTraits;

export async function createProgramme(db: Queryable, ...parts: (ProgrammeTrait | ProgrammeOptions)[]): Promise<ProgrammeRow> {
  const options: ProgrammeOptions = Object.assign({}, ...parts.map((p) => (typeof p === 'string' ? programmeTraits[p] : p)));
  const seq = nextSeq();
  if (options.programmedCents !== undefined && !Number.isSafeInteger(options.programmedCents)) {
    throw new RangeError(`programmedCents must be integer cents, got ${options.programmedCents}`);
  }
  const [row] = await db
    .insert(programmes)
    .values({
      code: `CT3.3.1.t${seq}`,
      cup: `D61B17${String(seq).padStart(9, '0')}`,
      titleIt: `Incubatore di quartiere n. ${seq}`,
      titleEn: `Neighbourhood incubator no. ${seq}`,
      rupName: 'Salvatore Scuderi',
      office: 'Direzione Politiche sociali',
      startsOn: '2026-01-01',
      endsOn: '2028-12-31',
      programmedCents: 150_000_000,
      ...options,
    })
    .returning();
  return row!;
}
