import type { AnyResult } from './form-values.ts';

/**
 * Which item the one-item form is about: after a failed save, the one that was being saved
 * (what was typed is kept); otherwise the one named by `?edit=key`, or a new one.
 */
export function editingItem<T extends { key: string }>(url: URL, items: readonly T[], result: AnyResult): { originalKey: string | null; item: T | null } {
  const wanted = result && !result.ok ? result.values.originalKey : url.searchParams.get('edit');
  const item = typeof wanted === 'string' && wanted ? (items.find((i) => i.key === wanted) ?? null) : null;
  return { originalKey: item?.key ?? null, item };
}

/** Text in the reader's language, Italian when the other is missing. */
export const inLocale = (text: { it: string; en: string } | undefined, locale: string) => (text ? (locale === 'en' && text.en ? text.en : text.it) : '');
