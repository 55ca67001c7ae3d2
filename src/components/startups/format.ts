import { formatDate } from '../../lib/format.ts';
import type { Locale } from '../../lib/i18n/locales.ts';

/** Small formatting helpers shared by the start-up pages. */

/** A Rome calendar day (`YYYY-MM-DD`, e.g. a due date) as a date in words; noon UTC is the same day in Rome. */
export function dayText(day: string, locale: Locale): string {
  return formatDate(new Date(`${day}T12:00:00Z`), locale);
}

/** The title in the page's language, the Italian one when the English is missing. */
export function localized(row: { titleIt: string; titleEn: string }, locale: Locale): string {
  return locale === 'en' ? row.titleEn || row.titleIt : row.titleIt;
}

/** A call's title from a row with `callTitleIt` / `callTitleEn`. */
export function callTitle(row: { callTitleIt: string; callTitleEn: string }, locale: Locale): string {
  return localized({ titleIt: row.callTitleIt, titleEn: row.callTitleEn }, locale);
}

const entities: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&nbsp;': ' ' };

/**
 * The first words of a markdown text as plain text, for cards: rendered and sanitised first (so
 * nothing the team typed can slip through), then the tags dropped and the escapes undone; Astro
 * escapes the result again when it is shown.
 */
export function excerpt(html: string, max = 180): string {
  const text = html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (m) => entities[m] ?? m)
    .replace(/\s+/g, ' ')
    .trim();
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s.,;:–-]+$/, '')}…`;
}
