import type { APIRoute } from 'astro';
import { CSV_TYPE, privateDownload, textStream } from '../../../../../../lib/server/download.ts';
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
  return privateDownload(textStream(chunks), CSV_TYPE, fileName);
};
