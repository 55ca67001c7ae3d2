/**
 * Slugs of start-ups: the address of the public profile (`/{lang}/startups/{slug}`), made once from
 * the funded proposal's title and never changed afterwards, because people bookmark and share it
 * (DESIGN.md, URLs). Renaming the start-up keeps the slug.
 */

export const SLUG_MAX = 60;
const FALLBACK = 'start-up';
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** `Basket in piazza Lanza!` → `basket-in-piazza-lanza`; accents and apostrophes dropped, at most SLUG_MAX characters. */
export function slugBase(title: string): string {
  const plain = title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’'`]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return trimToWord(plain, SLUG_MAX) || FALLBACK;
}

/** Cuts at a hyphen when the text is too long, so no word is left halved. */
function trimToWord(slug: string, max: number): string {
  if (slug.length <= max) return slug;
  const cut = slug.slice(0, max + 1);
  const lastHyphen = cut.lastIndexOf('-');
  return (lastHyphen > 0 ? cut.slice(0, lastHyphen) : slug.slice(0, max)).replace(/-+$/, '');
}

/**
 * The first free slug among `base`, `base-2`, `base-3`…; the suffix fits within SLUG_MAX by
 * shortening the base. `taken` holds the slugs already in use that start with the base.
 */
export function uniqueSlug(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) {
    const suffix = `-${n}`;
    const candidate = `${trimToWord(base, SLUG_MAX - suffix.length)}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** Whether a path segment can be a slug at all (anything else is a 404 without a query). */
export function isSlug(value: string): boolean {
  return value.length <= SLUG_MAX + 8 && SLUG_PATTERN.test(value);
}
