import type { APIRoute } from 'astro';
import { CSV_TYPE, privateDownload, textStream } from '../../../../../../lib/server/download.ts';
import { exportProposalsCsv } from '../../../../../../domain/admissibility/export-csv.server.ts';
import { parseListFilter } from '../../../../../../domain/admissibility/schema.ts';

/**
 * The list as CSV, with the same filters as the page. Streamed in chunks; permission and the call
 * are checked before the first byte: the use case's not-found and forbidden errors reach the
 * middleware, which answers with the usual 404 and 403 pages.
 */
export const GET: APIRoute = async ({ params, locals, url, redirect }) => {
  const { runtime, ctx, locale } = locals;
  if (!ctx.actor) return redirect(`/${locale}/login?next=${encodeURIComponent(url.pathname + url.search)}`, 303);
  const { page: _page, ...filter } = parseListFilter(url.searchParams);
  const { fileName, chunks } = await exportProposalsCsv(runtime.database.db, ctx, params.id ?? '', filter, locale);
  return privateDownload(textStream(chunks), CSV_TYPE, fileName);
};
