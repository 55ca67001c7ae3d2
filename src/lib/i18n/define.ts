/** A catalogue tree: nested objects whose leaves are message strings. */
export type Tree = { readonly [key: string]: string | Tree };

/** The same keys as T, with any string at the leaves: what the other language must provide. */
export type Shape<T> = { readonly [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

/**
 * Declares one area's messages in both languages. Italian is the source; TypeScript refuses an
 * English catalogue with a missing or extra key, and a unit test checks the same at run time.
 */
export function defineMessages<const T extends Tree>(it: T, en: Shape<T>): { it: T; en: Shape<T> } {
  return { it, en };
}

type Join<K, P> = K extends string ? (P extends string ? `${K}.${P}` : never) : never;
/** Dotted paths of a tree's leaves: `auth.login.title`. */
export type Paths<T> = {
  [K in keyof T & string]: T[K] extends string ? K : Join<K, Paths<T[K]>>;
}[keyof T & string];
