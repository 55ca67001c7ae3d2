import { and, asc, count, eq, inArray, ne } from 'drizzle-orm';
import { calls, neighbourhoods, programmeNeighbourhoods, programmes } from '../../../db/schema/index.ts';
import type { Db, Queryable } from '../../lib/server/db/index.ts';
import type { RequestContext } from '../context.ts';
import { recordAudit } from '../audit/record-audit.server.ts';
import { conflict, invalid, notFound } from '../errors.ts';
import { authorize } from '../policy.ts';
import type { ProgrammeInput } from './programme.schema.ts';
import { isUniqueViolation } from './unique-violation.ts';

export type ProgrammeRow = typeof programmes.$inferSelect;

/** Every programme with how many calls it funds, newest first. */
export async function listProgrammes(db: Db, ctx: RequestContext) {
  authorize(ctx.actor, 'programme.manage');
  return db
    .select({
      id: programmes.id,
      code: programmes.code,
      cup: programmes.cup,
      titleIt: programmes.titleIt,
      titleEn: programmes.titleEn,
      startsOn: programmes.startsOn,
      endsOn: programmes.endsOn,
      programmedCents: programmes.programmedCents,
      callCount: db.$count(calls, eq(calls.programmeId, programmes.id)),
    })
    .from(programmes)
    .orderBy(asc(programmes.code));
}

/** One programme with its target neighbourhoods, or null. */
export async function getProgramme(db: Db, ctx: RequestContext, id: string) {
  authorize(ctx.actor, 'programme.manage');
  const [row] = await db.select().from(programmes).where(eq(programmes.id, id));
  if (!row) return null;
  const links = await db
    .select({ id: programmeNeighbourhoods.neighbourhoodId })
    .from(programmeNeighbourhoods)
    .where(eq(programmeNeighbourhoods.programmeId, id));
  return { ...row, neighbourhoodIds: links.map((l) => l.id) };
}

export async function createProgramme(db: Db, ctx: RequestContext, input: ProgrammeInput): Promise<{ id: string }> {
  authorize(ctx.actor, 'programme.manage');
  return raceSafe(() =>
    db.transaction(async (tx) => {
      await assertUnique(tx, input, null);
      await assertNeighbourhoodsExist(tx, input.neighbourhoodIds);
      const [row] = await tx.insert(programmes).values(columns(input)).returning({ id: programmes.id });
      const id = row!.id;
      await setNeighbourhoods(tx, id, input.neighbourhoodIds);
      await recordAudit(tx, ctx, {
        action: 'programme.created',
        entityType: 'programme',
        entityId: id,
        summary: { code: input.code, programmedCents: input.programmed },
      });
      return { id };
    }),
  );
}

export async function updateProgramme(db: Db, ctx: RequestContext, id: string, input: ProgrammeInput): Promise<void> {
  authorize(ctx.actor, 'programme.manage');
  await raceSafe(() =>
    db.transaction(async (tx) => {
      const [before] = await tx.select().from(programmes).where(eq(programmes.id, id)).for('update');
      if (!before) throw notFound('not_found');
      await assertUnique(tx, input, id);
      await assertNeighbourhoodsExist(tx, input.neighbourhoodIds);
      const values = columns(input);
      await tx.update(programmes).set(values).where(eq(programmes.id, id));
      await setNeighbourhoods(tx, id, input.neighbourhoodIds);
      const changed = Object.keys(values).filter((k) => before[k as keyof typeof values] !== values[k as keyof typeof values]);
      const money = before.programmedCents !== values.programmedCents ? { programmedCents: { from: before.programmedCents, to: values.programmedCents } } : {};
      await recordAudit(tx, ctx, { action: 'programme.updated', entityType: 'programme', entityId: id, summary: { changed, ...money } });
    }),
  );
}

/** Two requests saving the same code at once: the second meets the unique index, not a 500. */
async function raceSafe<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('programme_code_taken', { field: 'code' });
    throw error;
  }
}

function columns(input: ProgrammeInput) {
  return {
    code: input.code,
    cup: input.cup,
    titleIt: input.titleIt,
    titleEn: input.titleEn,
    rupName: input.rupName,
    office: input.office,
    startsOn: input.startsOn,
    endsOn: input.endsOn,
    programmedCents: input.programmed,
  };
}

/** The code names the programme in every record; a CUP identifies one public investment. */
async function assertUnique(tx: Queryable, input: ProgrammeInput, selfId: string | null) {
  const others = (column: typeof programmes.code | typeof programmes.cup, value: string) =>
    tx
      .select({ n: count() })
      .from(programmes)
      .where(selfId ? and(eq(column, value), ne(programmes.id, selfId)) : eq(column, value));
  const [byCode] = await others(programmes.code, input.code);
  if ((byCode?.n ?? 0) > 0) throw conflict('programme_code_taken', { field: 'code' });
  if (input.cup) {
    const [byCup] = await others(programmes.cup, input.cup);
    if ((byCup?.n ?? 0) > 0) throw conflict('cup_taken', { field: 'cup' });
  }
}

export async function assertNeighbourhoodsExist(tx: Queryable, ids: readonly string[], field = 'neighbourhoodIds') {
  if (ids.length === 0) return;
  const [found] = await tx
    .select({ n: count() })
    .from(neighbourhoods)
    .where(inArray(neighbourhoods.id, [...ids]));
  if ((found?.n ?? 0) !== ids.length) throw invalid('neighbourhood_unknown', { field });
}

async function setNeighbourhoods(tx: Queryable, programmeId: string, ids: readonly string[]) {
  await tx.delete(programmeNeighbourhoods).where(eq(programmeNeighbourhoods.programmeId, programmeId));
  if (ids.length) await tx.insert(programmeNeighbourhoods).values(ids.map((neighbourhoodId) => ({ programmeId, neighbourhoodId })));
}
