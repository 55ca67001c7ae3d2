import type { Queryable } from '../../lib/server/db/index.ts';
import { startupFigures, type StartupFigures } from './figures.server.ts';

/**
 * The four figures of one start-up's grant for the pages that show a chart of it (public profile,
 * staff start-up page, coach overview): null when the start-up has no grant yet, so a page shows
 * no chart of zeros. One query (startupFigures). Grants are public by law (D.lgs. 33/2013
 * art. 26-27); the caller decides whether the start-up itself may be shown.
 */
export async function grantFigures(db: Queryable, startupId: string): Promise<StartupFigures | null> {
  const [row] = await startupFigures(db, { startupIds: [startupId] });
  return row?.grantId ? row : null;
}

/** The same for several start-ups (the donor's), in startupFigures' order; only those with a grant. */
export async function grantFiguresOf(db: Queryable, startupIds: readonly string[]): Promise<StartupFigures[]> {
  return (await startupFigures(db, { startupIds })).filter((row) => row.grantId !== null);
}
