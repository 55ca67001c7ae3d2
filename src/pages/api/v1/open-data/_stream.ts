import type { APIContext } from 'astro';
import { attachment, CSV_TYPE, textStream } from '../../../../lib/server/download.ts';
import { publicAnswerCache } from '../../../../lib/server/headers.ts';
import { PUBLIC_API_HEADERS } from '../_respond.ts';

/**
 * Open data answers: anyone may read them from any site (CORS *). They name start-ups, so shared
 * caches keep them 30 seconds at most, like the public pages (README decision 22), and a payment
 * recorded now shows within 30 s. They hold nothing personal (see domain/transparency/public-record.ts).
 * Files with absolute links (`absoluteLinks`) built from the request's Host are not stored at all
 * when no VIVAIO_PUBLIC_URL is configured (publicAnswerCache).
 */
export function streamText(chunks: AsyncGenerator<string>, headers: Record<string, string>, cache: { locals: APIContext['locals']; absoluteLinks: boolean }): Response {
  const cacheControl = publicAnswerCache({ publicUrl: cache.locals.runtime.config.publicUrl, absoluteLinks: cache.absoluteLinks });
  return new Response(textStream(chunks), { headers: { ...PUBLIC_API_HEADERS, 'Cache-Control': cacheControl, 'X-Content-Type-Options': 'nosniff', ...headers } });
}

export const csvHeaders = (fileName: string) => attachment(CSV_TYPE, fileName);
