import type { AstroGlobal } from 'astro';
import { can, type Action, type ResourceArg } from '../../domain/policy.ts';

/**
 * Asks the policy whether the page may be shown. Anonymous visitors are sent to sign in (and
 * brought back afterwards); signed-in people without permission get the 403 page.
 */
export async function guard<A extends Action>(astro: AstroGlobal, action: A, ...resource: ResourceArg<A>): Promise<Response | null> {
  const decision = can(astro.locals.ctx.actor, action, ...resource);
  if (decision.ok) return null;
  if (decision.reason === 'not_signed_in') {
    const next = encodeURIComponent(astro.url.pathname + astro.url.search);
    return astro.redirect(`/${astro.locals.locale}/login?next=${next}`, 303);
  }
  return astro.rewrite('/403');
}

/** Only a path on this site, in a language, may be a redirect target (no open redirects). */
export function safeNext(next: string | null | undefined, fallback: string): string {
  // A protected download the visitor was sent to sign in for.
  if (next && /^\/files\/[0-9a-f-]{36}$/.test(next)) return next;
  if (!next || !/^\/(it|en)(\/[^\s]*)?$/.test(next) || next.startsWith('//') || next.includes('\\')) return fallback;
  return next;
}
