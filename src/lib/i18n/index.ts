import { catalogs, type ItCatalog } from './catalog/index.ts';
import type { Paths, Tree } from './define.ts';
import { defaultLocale, intlTag, isLocale, type Locale } from './locales.ts';

export * from './locales.ts';
export type MessageKey = Paths<ItCatalog>;
export type Params = Record<string, string | number>;
export type Translate = ((key: MessageKey, params?: Params) => string) & { locale: Locale };

export function lookup(locale: Locale, key: string): string | null {
  let node: string | Tree | undefined = catalogs[locale] as unknown as Tree;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null) return null;
    node = node[part];
  }
  return typeof node === 'string' ? node : null;
}

export function interpolate(message: string, params: Params = {}): string {
  return message.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
}

/** A translator for one locale. Unknown keys show the key itself, so a gap is visible, not blank. */
export function translator(locale: Locale): Translate {
  const t = ((key: MessageKey, params?: Params) => interpolate(lookup(locale, key) ?? key, params)) as Translate;
  t.locale = locale;
  return t;
}

/** Translates a key only known at run time (error codes, validation keys), with a fallback. */
export function translateDynamic(t: Translate, key: string, params?: Params, fallback?: string): string {
  const message = lookup(t.locale, key);
  if (message !== null) return interpolate(message, params);
  return fallback ?? key;
}

export function toLocale(value: unknown): Locale {
  return isLocale(value) ? value : defaultLocale;
}

export { intlTag };

/** The language of a path like `/en/calls`, else the default. */
export function localeFromPath(pathname: string): Locale {
  return toLocale(pathname.split('/')[1]);
}
