import type { Locale } from '../../lib/i18n/locales.ts';

/**
 * A text the call has in both languages, in the page's language when written. An English field
 * left empty falls back to the Italian one, marked with its language so screen readers pronounce
 * it right (WCAG 3.1.2); `lang` is set only then.
 */
export function localized(it: string, en: string, locale: Locale): { text: string; lang: Locale | undefined } {
  if (locale === 'en' && en.trim()) return { text: en, lang: undefined };
  if (locale === 'it' && it.trim()) return { text: it, lang: undefined };
  return locale === 'en' ? { text: it, lang: 'it' } : { text: en, lang: 'en' };
}
