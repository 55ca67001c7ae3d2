import { and, asc, count, eq, sql } from 'drizzle-orm';
import { donors } from '../../../db/schema/index.ts';
import type { Db } from '../../lib/server/db/index.ts';
import { WALL_PAGE_SIZE } from './donor.schema.ts';
import { committedCentsOf } from './staff-donors.server.ts';

export type WallRow = { name: string; committedCents: number };

const onTheWall = and(eq(donors.status, 'approved'), eq(donors.publicConsent, true));

/**
 * The public donor wall: approved donors who consented to appear (GDPR art. 6.1.a for people),
 * with the money they have legally committed. Only the name and that amount leave the database:
 * no email, tax code or kind, so the anonymous, cached page can carry nothing private. Largest
 * commitment first, then by name.
 */
export async function donorWall(db: Db, page: number) {
  const committed = sql<string>`${committedCentsOf}`;
  const rows = await db
    .select({ name: donors.name, committedCents: committed })
    .from(donors)
    .where(onTheWall)
    .orderBy(sql`${committed} desc`, asc(donors.name), asc(donors.id))
    .limit(WALL_PAGE_SIZE)
    .offset((page - 1) * WALL_PAGE_SIZE);
  const [summary] = await db
    .select({ n: count(), committedCents: sql<string>`coalesce(sum(${committedCentsOf}), 0)` })
    .from(donors)
    .where(onTheWall);
  return {
    rows: rows.map((r): WallRow => ({ name: r.name, committedCents: Number(r.committedCents) })),
    total: summary?.n ?? 0,
    committedCents: Number(summary?.committedCents ?? 0),
    page,
    pageSize: WALL_PAGE_SIZE,
  };
}
