import { PUBLIC_API_HEADERS } from '../_respond.ts';

/**
 * Open data answers: anyone may read them from any site (CORS *); browsers keep them a minute
 * and shared caches a minute too (`s-maxage`), so a payment recorded now shows within a minute.
 * They hold nothing personal (see domain/transparency/public-record.ts).
 */
export const OPEN_DATA_HEADERS = { ...PUBLIC_API_HEADERS, 'Cache-Control': 'public, max-age=60, s-maxage=60' } as const;

/**
 * Streams a generator of text chunks as the body: each chunk is pulled when the client is ready
 * for it (back-pressure), so a large file costs one page of rows in memory. A client that goes
 * away stops the generator (and its queries).
 */
export function streamText(chunks: AsyncGenerator<string>, headers: Record<string, string>): Response {
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
  return new Response(body, { headers: { ...OPEN_DATA_HEADERS, 'X-Content-Type-Options': 'nosniff', ...headers } });
}

export const csvHeaders = (fileName: string) => ({
  'Content-Type': 'text/csv; charset=utf-8',
  'Content-Disposition': `attachment; filename="${fileName}"`,
});
