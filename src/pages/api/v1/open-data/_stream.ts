import { attachment, CSV_TYPE, textStream } from '../../../../lib/server/download.ts';
import { PUBLIC_API_HEADERS } from '../_respond.ts';

/**
 * Open data answers: anyone may read them from any site (CORS *); browsers keep them a minute
 * and shared caches a minute too (`s-maxage`), so a payment recorded now shows within a minute.
 * They hold nothing personal (see domain/transparency/public-record.ts).
 */
export const OPEN_DATA_HEADERS = { ...PUBLIC_API_HEADERS, 'Cache-Control': 'public, max-age=60, s-maxage=60' } as const;

/** A generator of text chunks streamed as an open-data answer (see textStream). */
export function streamText(chunks: AsyncGenerator<string>, headers: Record<string, string>): Response {
  return new Response(textStream(chunks), { headers: { ...OPEN_DATA_HEADERS, 'X-Content-Type-Options': 'nosniff', ...headers } });
}

export const csvHeaders = (fileName: string) => attachment(CSV_TYPE, fileName);
