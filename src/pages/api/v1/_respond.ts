/**
 * JSON answers of the public API: anyone may read them from any site (CORS *) and caches may keep
 * them a minute. Nothing here is personal; an endpoint that is must not use this helper.
 */
export const PUBLIC_API_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Cache-Control': 'public, max-age=60',
} as const;

export function publicJson(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...PUBLIC_API_HEADERS },
  });
}
