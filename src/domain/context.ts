import type { Actor } from './policy.ts';
import type { Locale } from '../lib/i18n/locales.ts';

/** Who is acting and on behalf of which request: passed to every use case. */
export type RequestContext = {
  actor: Actor | null;
  requestId: string | null;
  ip: string | null;
  locale: Locale;
  /** Absolute origin used in links sent by email, e.g. https://vivaio.comune.example.it */
  origin: string;
  now: () => Date;
};

export function systemContext(origin: string, locale: Locale = 'it'): RequestContext {
  return { actor: null, requestId: null, ip: null, locale, origin, now: () => new Date() };
}
