import type { APIRoute } from 'astro';
import { PDF_TYPE, privateDownload } from '../../../../../../lib/server/download.ts';
import { loadMinutes } from '../../../../../../domain/evaluation/minutes.server.ts';
import { renderMinutesPdf } from '../../../../../../domain/evaluation/minutes-pdf.server.ts';
import { translator } from '../../../../../../lib/i18n/index.ts';

/** The commission's minutes as a PDF, for staff (the use case asks the policy). Never cached. */
export const GET: APIRoute = async ({ params, locals, url, redirect }) => {
  const { runtime, ctx, locale } = locals;
  if (!ctx.actor) return redirect(`/${locale}/login?next=${encodeURIComponent(url.pathname)}`, 303);
  const data = await loadMinutes(runtime.database.db, ctx, params.id ?? '', locale);
  const pdf = await renderMinutesPdf(data, ctx.now());
  const name = `${translator(locale)('ranking.minutes.fileName')}-${data.call.slug}.pdf`;
  return privateDownload(pdf, PDF_TYPE, name);
};
