import { contentDisposition } from '../../domain/files/file-name.ts';

/**
 * How the portal answers with a file it builds (a CSV export, a PDF): one place for the body
 * stream and the headers, so every download gets the same disposition, caching and sniffing rules.
 */
export const CSV_TYPE = 'text/csv; charset=utf-8';
export const PDF_TYPE = 'application/pdf';

/**
 * A generator of text chunks as a response body: each chunk is pulled when the client is ready for
 * it (back-pressure), so a large file costs one page of rows in memory. A client that goes away
 * stops the generator (and its queries).
 */
export function textStream(chunks: AsyncGenerator<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}

/** `attachment` under `fileName` (RFC 6266 with the UTF-8 form), for the headers of any download. */
export const attachment = (type: string, fileName: string) => ({ 'Content-Type': type, 'Content-Disposition': contentDisposition(fileName) });

/**
 * A download for one person (a receipt, minutes, a statement, a staff export): always saved as a
 * file, never stored by any cache, never content-sniffed. The route has asked the policy already.
 */
export function privateDownload(body: Uint8Array | string | ReadableStream<Uint8Array>, type: string, fileName: string): Response {
  return new Response(body as BodyInit, {
    headers: { ...attachment(type, fileName), 'Cache-Control': 'private, no-store', 'X-Content-Type-Options': 'nosniff' },
  });
}
