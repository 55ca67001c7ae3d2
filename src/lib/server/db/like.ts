/** Escapes `%`, `_` and `\` so a person's search text matches literally inside LIKE/ILIKE. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** `%text%` for a "contains" search. */
export function containsPattern(value: string): string {
  return `%${escapeLike(value)}%`;
}
