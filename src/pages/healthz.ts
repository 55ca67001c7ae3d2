import type { APIRoute } from 'astro';
import { health } from '../lib/server/health.ts';

/** For load balancers and monitoring: 200 when the database answers, 503 otherwise. */
export const GET: APIRoute = async ({ locals }) => {
  const report = await health(locals.runtime);
  return new Response(JSON.stringify(report), {
    status: report.status === 'ok' ? 200 : 503,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
  });
};
