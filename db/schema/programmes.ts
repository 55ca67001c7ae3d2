import { bigint, date, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** A funding programme line, e.g. PON Metro axis 3.3.1 in Catania (code CT3.3.1.a). */
export const programmes = pgTable('programmes', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  /** Codice Unico di Progetto, required on every public record of the money (L. 144/1999). */
  cup: text('cup'),
  titleIt: text('title_it').notNull(),
  titleEn: text('title_en').notNull(),
  /** Responsabile Unico del Procedimento and the office in charge (D.lgs. 33/2013 art. 27). */
  rupName: text('rup_name'),
  office: text('office'),
  startsOn: date('starts_on'),
  endsOn: date('ends_on'),
  /** "Programmato": integer euro cents. */
  programmedCents: bigint('programmed_cents', { mode: 'number' }).notNull().default(0),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const neighbourhoods = pgTable('neighbourhoods', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  /** Municipal district (municipalità / quartiere) the neighbourhood belongs to. */
  district: text('district'),
});

export const programmeNeighbourhoods = pgTable(
  'programme_neighbourhoods',
  {
    programmeId: uuid('programme_id').notNull().references(() => programmes.id, { onDelete: 'cascade' }),
    neighbourhoodId: uuid('neighbourhood_id').notNull().references(() => neighbourhoods.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.programmeId, t.neighbourhoodId] })],
);
