import { asc, eq } from 'drizzle-orm';
import { neighbourhoods } from '../../../db/schema/index.ts';
import type { Db, Queryable } from '../../lib/server/db/index.ts';
import type { RequestContext } from '../context.ts';
import { recordAudit } from '../audit/record-audit.server.ts';
import { conflict, invalid } from '../errors.ts';
import { authorize } from '../policy.ts';
import type { NeighbourhoodInput } from './programme.schema.ts';
import { slugify } from './slug.ts';
import { isUniqueViolation } from './unique-violation.ts';

export type NeighbourhoodRow = typeof neighbourhoods.$inferSelect;

/** Every neighbourhood, by district and name: public reference data, offered in the editors. */
export async function listNeighbourhoods(db: Queryable): Promise<NeighbourhoodRow[]> {
  return db.select().from(neighbourhoods).orderBy(asc(neighbourhoods.district), asc(neighbourhoods.name));
}

/**
 * Staff add a neighbourhood a programme or call may target. The slug (used in public filters)
 * comes from the name; two neighbourhoods with the same slug would be indistinguishable there,
 * so a second "San Cristoforo" is refused rather than numbered.
 */
export async function createNeighbourhood(db: Db, ctx: RequestContext, input: NeighbourhoodInput): Promise<{ id: string; slug: string }> {
  authorize(ctx.actor, 'programme.manage');
  const slug = slugify(input.name);
  if (!slug) throw invalid('neighbourhood_name_format', { field: 'name' });
  try {
    return await db.transaction(async (tx) => {
      const [existing] = await tx.select({ id: neighbourhoods.id }).from(neighbourhoods).where(eq(neighbourhoods.slug, slug));
      if (existing) throw conflict('neighbourhood_taken', { field: 'name' });
      const [row] = await tx.insert(neighbourhoods).values({ slug, name: input.name, district: input.district }).returning({ id: neighbourhoods.id });
      await recordAudit(tx, ctx, { action: 'neighbourhood.created', entityType: 'neighbourhood', entityId: row!.id, summary: { slug, name: input.name } });
      return { id: row!.id, slug };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('neighbourhood_taken', { field: 'name' });
    throw error;
  }
}
