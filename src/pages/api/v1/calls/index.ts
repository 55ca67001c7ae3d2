import type { APIRoute } from 'astro';
import { toApiCall } from '../../../../domain/calls/api-view.ts';
import { allPublicCalls } from '../../../../domain/calls/public-calls.server.ts';
import { publicJson } from '../_respond.ts';

/** GET /api/v1/calls: every published call (see /api/v1/openapi.json, schema Call). */
export const GET: APIRoute = async ({ locals }) => {
  const { ctx, runtime } = locals;
  const calls = await allPublicCalls(runtime.database.db, ctx);
  return publicJson(calls.map((call) => toApiCall(call, ctx.origin)));
};
