import type { APIRoute } from 'astro';
import { grantsJson } from '../../../../domain/transparency/open-data-grants.server.ts';
import { streamText } from './_stream.ts';

/** GET /api/v1/open-data/grants.json: the grants CSV's rows as JSON (schema OpenDataGrants), with their links. */
export const GET: APIRoute = ({ locals }) =>
  streamText(grantsJson(locals.runtime.database.db, locals.ctx.origin, locals.ctx.now()), { 'Content-Type': 'application/json; charset=utf-8' }, { locals, absoluteLinks: true });
