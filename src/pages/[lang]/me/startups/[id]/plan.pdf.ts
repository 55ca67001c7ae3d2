import type { APIRoute } from 'astro';
import { PDF_TYPE, privateDownload } from '../../../../../lib/server/download.ts';
import { exportBusinessPlanPdf } from '../../../../../domain/incubation/business-plan-pdf.server.ts';
import { parseVersionNumber } from '../../../../../domain/incubation/business-plan-view.server.ts';

/**
 * The business plan as a PDF (the working plan, or `?version=N`) for the team; the use case asks
 * the policy (team, its coaches, staff; never another team or the public). Never cached.
 */
export const GET: APIRoute = async ({ params, locals, url, redirect }) => {
  const { runtime, ctx, locale } = locals;
  if (!ctx.actor) return redirect(`/${locale}/login?next=${encodeURIComponent(url.pathname + url.search)}`, 303);
  const version = url.searchParams.has('version') ? (parseVersionNumber(url.searchParams.get('version')) ?? -1) : null;
  const pdf = await exportBusinessPlanPdf(runtime.database.db, ctx, { startupId: params.id ?? '', version });
  return privateDownload(pdf.bytes, PDF_TYPE, pdf.fileName);
};
