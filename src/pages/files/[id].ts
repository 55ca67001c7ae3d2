import type { APIRoute } from 'astro';
import { isDomainError } from '../../domain/errors.ts';
import { contentDisposition } from '../../domain/files/file-name.ts';
import { openDownload } from '../../domain/files/open-download.server.ts';
import { downloadNameFor } from '../../domain/evaluation/blind-download.server.ts';

/**
 * The only way to read a stored file. The policy decides (see openDownload); the bytes are always
 * a download (never rendered in our origin), with the type we sniffed at upload, no sniffing by
 * the browser, a sandboxing CSP in case a browser renders it anyway, and no caching anywhere.
 * Forbidden and not-found errors propagate to the middleware, which renders the 403/404 pages.
 */
export const GET: APIRoute = async ({ params, locals, url, redirect }) => {
  const { runtime, ctx, locale } = locals;
  try {
    const { file, body } = await openDownload(runtime.database.db, runtime.storage, ctx, params.id ?? '');
    return new Response(body, {
      status: 200,
      headers: {
        'Content-Type': file.mime,
        'Content-Length': String(file.sizeBytes),
        // Evaluators of a blind call get a neutral name ("Allegato – <requirement>.pdf").
        'Content-Disposition': contentDisposition(await downloadNameFor(runtime.database.db, ctx, file)),
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'private, no-store',
        'Content-Security-Policy': "sandbox; default-src 'none'",
        'Cross-Origin-Resource-Policy': 'same-origin',
      },
    });
  } catch (error) {
    if (isDomainError(error) && error.kind === 'forbidden' && error.code === 'not_signed_in') {
      return redirect(`/${locale}/login?next=${encodeURIComponent(url.pathname)}`, 303);
    }
    throw error;
  }
};
