import type { APIRoute } from 'astro';
import { projectsCsv } from '../../../../domain/transparency/open-data-projects.server.ts';
import { csvHeaders, streamText } from './_stream.ts';

/** GET /api/v1/open-data/projects.csv: one row per start-up in OpenCoesione's columns (no links). */
export const GET: APIRoute = ({ locals }) =>
  streamText(projectsCsv(locals.runtime.database.db, locals.ctx.now()), csvHeaders('vivaio-progetti.csv'), { locals, absoluteLinks: false });
