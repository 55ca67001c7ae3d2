/**
 * Whether a database error is a unique-constraint violation (SQLSTATE 23505), as raised by
 * postgres.js and PGlite alike, possibly wrapped by Drizzle. A pre-check in the transaction gives
 * the clear message; this catches the race where two requests pass the check at once.
 */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, constraint_name: name, constraint: alt } = e as { code?: unknown; constraint_name?: unknown; constraint?: unknown };
    if (code === '23505') return !constraint || name === constraint || alt === constraint;
  }
  return false;
}
