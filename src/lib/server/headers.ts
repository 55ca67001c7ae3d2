import { SESSION_COOKIE } from './auth/cookie.ts';

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

/**
 * Public answers that name start-ups or money (start-up profiles, transparency, donor wall, open
 * data): a shared cache keeps them 30 seconds at most and serves nothing stale after that, so a
 * team that withdraws its consent leaves every cache within 30 s (README decision 22); browsers
 * ask again each time.
 */
export const PUBLIC_SHORT_CACHE = 'public, max-age=0, s-maxage=30';
export const NO_STORE = 'private, no-store';

/**
 * Cache-Control of a public answer. One that embeds absolute links built from the request's Host
 * (no VIVAIO_PUBLIC_URL configured) is never stored: a request with a forged Host header would
 * otherwise plant its links in a shared cache for everyone.
 */
export function publicAnswerCache(options: { publicUrl: string | null; absoluteLinks: boolean }): string {
  return options.absoluteLinks && options.publicUrl === null ? NO_STORE : PUBLIC_SHORT_CACHE;
}

/**
 * Feeds and calendars of calls (public texts, no consent-bound names) may be cached for five
 * minutes, unless their absolute links follow the request's Host (no VIVAIO_PUBLIC_URL).
 */
export function feedCache(publicUrl: string | null): string {
  return publicUrl === null ? NO_STORE : 'public, max-age=300';
}

/** What publicCacheControl reads of a page (`Astro`). */
export type PublicPage = {
  locals: { user: unknown; runtime: { config: { publicUrl: string | null } } };
  request: Request;
  response: { headers: Headers };
};

const carriesSession = (request: Request) => (request.headers.get('cookie') ?? '').split(';').some((c) => c.trim().startsWith(`${SESSION_COOKIE}=`));

/**
 * For a public page: PUBLIC_SHORT_CACHE (or NO_STORE, see publicAnswerCache) instead of the
 * middleware's default with its stale-while-revalidate grace — also for visitors carrying only
 * the language cookie, whose answers a shared cache may keep too. Requests carrying a session
 * (even an expired one the middleware clears with a Set-Cookie) are left to the middleware, which
 * keeps them private.
 */
export function publicCacheControl(page: PublicPage, options: { absoluteLinks?: boolean } = {}): void {
  if (page.locals.user || carriesSession(page.request)) return;
  page.response.headers.set('Cache-Control', publicAnswerCache({ publicUrl: page.locals.runtime.config.publicUrl, absoluteLinks: options.absoluteLinks ?? false }));
}
