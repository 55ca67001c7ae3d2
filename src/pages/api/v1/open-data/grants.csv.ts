import type { APIRoute } from 'astro';
import { grantsCsv } from '../../../../domain/transparency/open-data-grants.server.ts';
import { csvHeaders, streamText } from './_stream.ts';

/** GET /api/v1/open-data/grants.csv: every grant with the art. 27 fields (see /api/v1/openapi.json); rows link to the portal. */
export const GET: APIRoute = ({ locals }) =>
  streamText(grantsCsv(locals.runtime.database.db, locals.ctx.origin), csvHeaders('vivaio-contributi.csv'), { locals, absoluteLinks: true });
