import type { APIRoute } from 'astro';
import { PDF_TYPE, privateDownload } from '../../../lib/server/download.ts';
import { loadStatement } from '../../../domain/donors/statement.server.ts';
import { renderStatementPdf } from '../../../domain/donors/statement-pdf.server.ts';
import { romeDay } from '../../../domain/donors/donor-rules.ts';
import { translator } from '../../../lib/i18n/index.ts';

/** The donor's statement as a PDF, the donor's own data only (the use case asks the policy). Never cached. */
export const GET: APIRoute = async ({ locals, url, redirect }) => {
  const { runtime, ctx, locale } = locals;
  if (!ctx.actor) return redirect(`/${locale}/login?next=${encodeURIComponent(url.pathname + url.search)}`, 303);
  const statement = await loadStatement(runtime.database.db, ctx, url.searchParams.get('donor'), locale);
  const pdf = await renderStatementPdf(statement);
  const name = `${translator(locale)('donors.statement.fileName')}-${romeDay(statement.generatedAt)}.pdf`;
  return privateDownload(pdf, PDF_TYPE, name);
};
