import type { APIRoute } from 'astro';
import { signOut } from '../../domain/accounts/sign-in.server.ts';
import { deleteSessionCookie } from '../../lib/server/auth/cookie.ts';
import { isHttps } from '../../lib/server/request.ts';

/** Signing out is a POST (a link could be triggered by another site); Astro checks the Origin. */
export const POST: APIRoute = async ({ locals, cookies, url, request, redirect }) => {
  if (locals.session) await signOut(locals.runtime.database.db, locals.ctx, locals.session.id);
  deleteSessionCookie(cookies, isHttps(url, request, locals.runtime.config));
  return redirect(`/${locals.locale}/login?signedOut=1`, 303);
};
