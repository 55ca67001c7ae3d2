import type { APIRoute } from 'astro';
import { exportRankingCsv } from '../../../../../../domain/evaluation/ranking-csv.server.ts';

/**
 * The ranking as CSV (ranking-csv.server.ts). Permission and the call are checked before the
 * first byte, so an error is a proper 403/404 page (the middleware maps domain errors), never
 * half a file; rows are then streamed a chunk at a time.
 */
export const GET: APIRoute = async ({ params, locals, url, redirect }) => {
  const { runtime, ctx, locale } = locals;
  if (!ctx.actor) return redirect(`/${locale}/login?next=${encodeURIComponent(url.pathname)}`, 303);
  const { fileName, chunks } = await exportRankingCsv(runtime.database.db, ctx, params.id ?? '', locale);
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  return new Response(body, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${fileName.replace(/[^\w.-]/g, '_')}"`,
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
};
