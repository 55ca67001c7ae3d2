import type { APIRoute } from 'astro';
import { CSV_TYPE, privateDownload } from '../../../lib/server/download.ts';
import { loadStatement, statementCsv } from '../../../domain/donors/statement.server.ts';

/**
 * The donor's statement as CSV (statement.server.ts), the donor's own data only: the use case
 * asks the policy (`donor.view`) before anything is read. Never cached.
 */
export const GET: APIRoute = async ({ locals, url, redirect }) => {
  const { runtime, ctx, locale } = locals;
  if (!ctx.actor) return redirect(`/${locale}/login?next=${encodeURIComponent(url.pathname + url.search)}`, 303);
  const statement = await loadStatement(runtime.database.db, ctx, url.searchParams.get('donor'), locale);
  const { fileName, body } = statementCsv(statement);
  return privateDownload(body, CSV_TYPE, fileName);
};
