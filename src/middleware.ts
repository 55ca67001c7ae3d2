import { defineMiddleware, sequence } from 'astro:middleware';
import { isDomainError } from './domain/errors.ts';
import { actorOf, validateSessionToken } from './domain/accounts/session.server.ts';
import { defaultLocale, isLocale, localeFromAcceptLanguage, translator, type Locale } from './lib/i18n/index.ts';
import { deleteSessionCookie, LOCALE_COOKIE, SESSION_COOKIE, setSessionCookie } from './lib/server/auth/cookie.ts';
import { clientIp, isHttps, publicOrigin, requestIdFrom } from './lib/server/request.ts';
import { getRuntime } from './lib/server/runtime.ts';
import { securityHeaders, cacheHeaders } from './lib/server/headers.ts';

/** Anonymous machine interfaces and assets: no session lookup needed (file downloads do need one). */
const SESSIONLESS = /^\/(api|healthz|_astro|favicon)(\/|$|\.)/;

const context = defineMiddleware(async (ctx, next) => {
  const started = performance.now();
  const requestId = requestIdFrom(ctx.request);
  let runtime: Awaited<ReturnType<typeof getRuntime>>;
  try {
    runtime = await getRuntime();
  } catch (error) {
    // The launcher's warm-up asks /healthz: answer with the reason so it can stop with a clear message.
    if (ctx.url.pathname !== '/healthz') throw error;
    const body = { status: 'error', error: error instanceof Error ? error.message : String(error) };
    return new Response(JSON.stringify(body), { status: 503, headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' } });
  }
  const { config } = runtime;
  const secure = isHttps(ctx.url, ctx.request, config);
  // originPathname: after a rewrite (to /404 or /403) the page keeps the language of the address asked for.
  const firstSegment = ctx.originPathname.split('/')[1] ?? '';
  const preferred = preferredLocale(ctx.cookies.get(LOCALE_COOKIE)?.value, ctx.request.headers.get('accept-language'));
  const locale: Locale = isLocale(firstSegment) ? firstSegment : preferred;

  ctx.locals.requestId = requestId;
  ctx.locals.runtime = runtime;
  ctx.locals.locale = locale;
  ctx.locals.t = translator(locale);
  ctx.locals.user = null;
  ctx.locals.session = null;

  const token = ctx.cookies.get(SESSION_COOKIE)?.value;
  if (token && !SESSIONLESS.test(ctx.url.pathname)) {
    const result = await validateSessionToken(runtime.database.db, token, new Date());
    if (result) {
      ctx.locals.user = result.user;
      ctx.locals.session = result.session;
      if (result.refreshed) setSessionCookie(ctx.cookies, token, secure);
    } else {
      deleteSessionCookie(ctx.cookies, secure);
    }
  }
  ctx.locals.ctx = {
    actor: actorOf(ctx.locals.user),
    requestId,
    ip: clientIp(ctx.request, safeClientAddress(ctx), config),
    locale,
    origin: publicOrigin(ctx.url, config),
    now: () => new Date(),
  };

  let response: Response;
  if (ctx.url.pathname === '/') {
    response = new Response(null, { status: 302, headers: { Location: `/${preferred}/`, Vary: 'Cookie, Accept-Language' } });
  } else if (ctx.params.lang !== undefined && !isLocale(ctx.params.lang)) {
    response = await ctx.rewrite('/404');
  } else {
    try {
      response = await next();
    } catch (error) {
      if (!isDomainError(error) || (error.kind !== 'forbidden' && error.kind !== 'not_found')) throw error;
      response = await ctx.rewrite(error.kind === 'forbidden' ? '/403' : '/404');
    }
  }

  response = withMutableHeaders(response);
  securityHeaders(response.headers, { secure, requestId });
  // Cookies set through ctx.cookies (e.g. clearing an invalid session) are added to the response
  // after the middleware: a response that will set one must never be shared.
  const setsCookie = [...ctx.cookies.headers()].length > 0;
  cacheHeaders(response, { method: ctx.request.method, signedIn: ctx.locals.user !== null || setsCookie, path: ctx.url.pathname });
  runtime.logger.info('request', {
    requestId,
    method: ctx.request.method,
    path: ctx.url.pathname,
    status: response.status,
    ms: Math.round(performance.now() - started),
    user: ctx.locals.user?.id ?? null,
  });
  return response;
});

/** Some responses (fetch results, Response.redirect) have immutable headers: copy them first. */
function withMutableHeaders(response: Response): Response {
  try {
    response.headers.set('X-Vivaio', '1');
    response.headers.delete('X-Vivaio');
    return response;
  } catch {
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers: new Headers(response.headers) });
  }
}

function preferredLocale(cookie: string | undefined, acceptLanguage: string | null): Locale {
  if (isLocale(cookie)) return cookie;
  return localeFromAcceptLanguage(acceptLanguage) ?? defaultLocale;
}

function safeClientAddress(ctx: { clientAddress: string }): string | null {
  try {
    return ctx.clientAddress;
  } catch {
    return null;
  }
}

export const onRequest = sequence(context);
