import type { APIRoute } from 'astro';
import { isLocale } from '../lib/i18n/locales.ts';
import { setLocaleCookie } from '../lib/server/auth/cookie.ts';
import { safeNext } from '../lib/server/guard.ts';
import { isHttps } from '../lib/server/request.ts';

/**
 * The language switcher: remembers the choice in a cookie (so `/` opens in that language next
 * time) and goes to the same page in the other language. A plain link: works without JavaScript,
 * and public pages stay cacheable because they never set cookies themselves.
 */
export const GET: APIRoute = ({ url, cookies, request, locals, redirect }) => {
  const to = url.searchParams.get('to');
  if (!isLocale(to)) return redirect('/', 303);
  setLocaleCookie(cookies, to, isHttps(url, request, locals.runtime.config));
  const next = safeNext(url.searchParams.get('next'), `/${to}/`);
  return redirect(next.startsWith(`/${to}`) ? next : `/${to}/`, 303);
};
