import type { AstroCookies } from 'astro';
import { SESSION_INACTIVITY_MS } from '../../../domain/accounts/session.server.ts';

export const SESSION_COOKIE = 'vivaio_session';
export const LOCALE_COOKIE = 'vivaio_lang';

/** HttpOnly, SameSite=Lax, Secure whenever the visitor reached us over https. */
export function setSessionCookie(cookies: AstroCookies, token: string, secure: boolean): void {
  cookies.set(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
    maxAge: Math.floor(SESSION_INACTIVITY_MS / 1000),
  });
}

export function deleteSessionCookie(cookies: AstroCookies, secure: boolean): void {
  cookies.set(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge: 0 });
}

/** Remembers the language chosen by the visitor (read by `/` and the error pages). */
export function setLocaleCookie(cookies: AstroCookies, locale: string, secure: boolean): void {
  cookies.set(LOCALE_COOKIE, locale, { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge: 365 * 24 * 3600 });
}
