import type { AstroGlobal } from 'astro';

/**
 * Public start-up pages are cacheable like every anonymous page, but without the
 * stale-while-revalidate grace the others get: a team that withdraws its consent sees the
 * profile leave the portal at once, and a shared cache drops it within 30 seconds at most.
 * Requests carrying cookies (a session, even an expired one the middleware clears) are left to
 * the middleware's own rule, which keeps them private.
 */
export function publicCacheControl(astro: AstroGlobal): void {
  if (astro.locals.user || astro.request.headers.has('cookie')) return;
  astro.response.headers.set('Cache-Control', 'public, max-age=0, s-maxage=30');
}
