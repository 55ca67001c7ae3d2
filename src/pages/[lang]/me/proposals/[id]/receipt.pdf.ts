import type { APIRoute } from 'astro';
import { PDF_TYPE, privateDownload } from '../../../../../lib/server/download.ts';
import { can } from '../../../../../domain/policy.ts';
import { loadReceipt } from '../../../../../domain/proposals/receipt.server.ts';
import { renderReceiptPdf } from '../../../../../domain/proposals/receipt-pdf.server.ts';
import { translator } from '../../../../../lib/i18n/index.ts';

/**
 * The PDF receipt of the latest submission, for whoever may see the proposal (its proposer,
 * staff). Private: never cached, always a download.
 */
export const GET: APIRoute = async ({ params, locals, redirect, url, rewrite }) => {
  const { ctx } = locals;
  if (!ctx.actor) return redirect(`/${locals.locale}/login?next=${encodeURIComponent(url.pathname)}`, 303);
  if (!can(ctx.actor, 'area.me').ok && !can(ctx.actor, 'proposal.list').ok) return rewrite('/403');
  const receipt = await loadReceipt(locals.runtime.database.db, ctx, params.id ?? '');
  if (!receipt) return rewrite('/404');
  const pdf = await renderReceiptPdf(receipt);
  const name = `${translator(receipt.locale)('proposals.receipt.fileName')}-${receipt.protocolNumber}.pdf`;
  return privateDownload(pdf, PDF_TYPE, name);
};
