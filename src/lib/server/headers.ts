/**
 * Response headers every answer carries. The CSP itself (script and style hashes,
 * frame-ancestors 'none', form-action 'self', …) is produced by Astro from astro.config.mjs.
 */
export function securityHeaders(headers: Headers, options: { secure: boolean; requestId: string }): void {
  headers.set('X-Request-Id', options.requestId);
  headers.set('X-Content-Type-Options', 'nosniff');
  headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
  // For browsers that ignore CSP frame-ancestors.
  headers.set('X-Frame-Options', 'DENY');
  headers.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()');
  headers.set('Cross-Origin-Opener-Policy', 'same-origin');
  if (options.secure) headers.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
}

/** Areas whose pages depend on who is asking, even for anonymous visitors (forms, tokens). */
const PRIVATE = /^\/(it|en)\/(login|register|account|verify-email|password|invitation|me|review|coach|donor|staff|calls\/[^/]+\/apply)(\/|$)/;

/**
 * Anonymous public pages may be kept by a shared cache for a short while (they hold no personal
 * data); anything for a signed-in user, any form page and any non-GET answer is private.
 * A proxy cache must bypass requests carrying the session cookie (see README).
 */
export function cacheHeaders(response: Response, request: { method: string; signedIn: boolean; path: string }): void {
  if (response.headers.has('Cache-Control')) return;
  const cacheable =
    request.method === 'GET' &&
    !request.signedIn &&
    response.status === 200 &&
    !response.headers.has('Set-Cookie') &&
    !PRIVATE.test(request.path) &&
    !request.path.startsWith('/files/') &&
    request.path !== '/healthz';
  response.headers.set('Cache-Control', cacheable ? 'public, max-age=0, s-maxage=30, stale-while-revalidate=60' : 'private, no-store');
}
