/**
 * Domain errors carry a stable code (for logs, tests and translations: `errors.<code>` in the
 * catalogues), never an HTTP status. src/lib/server/http-errors.ts maps them at the edge.
 */
export type DomainErrorKind = 'not_found' | 'forbidden' | 'conflict' | 'invalid' | 'throttled';

export class DomainError extends Error {
  readonly kind: DomainErrorKind;
  readonly code: string;
  readonly details: Record<string, unknown>;

  constructor(kind: DomainErrorKind, code: string, details: Record<string, unknown> = {}) {
    super(`${kind}: ${code}`);
    this.name = 'DomainError';
    this.kind = kind;
    this.code = code;
    this.details = details;
  }
}

export const notFound = (code: string, details?: Record<string, unknown>) => new DomainError('not_found', code, details);
export const forbidden = (code: string, details?: Record<string, unknown>) => new DomainError('forbidden', code, details);
export const conflict = (code: string, details?: Record<string, unknown>) => new DomainError('conflict', code, details);
export const invalid = (code: string, details?: Record<string, unknown>) => new DomainError('invalid', code, details);
export const throttled = (code: string, details?: Record<string, unknown>) => new DomainError('throttled', code, details);

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
