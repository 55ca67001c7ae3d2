import type { APIRoute } from 'astro';
import { toApiCallDetail } from '../../../../domain/calls/api-view.ts';
import { viewCall } from '../../../../domain/calls/public-calls.server.ts';
import { publicJson } from '../_respond.ts';

/** GET /api/v1/calls/{slug}: one published call; 404 `{"error":"not_found"}` for unknown or draft. */
export const GET: APIRoute = async ({ params, locals }) => {
  const { ctx, runtime } = locals;
  const call = await viewCall(runtime.database.db, ctx, params.slug ?? '');
  if (!call) return publicJson({ error: 'not_found' }, 404);
  return publicJson(toApiCallDetail(call, ctx.origin));
};
