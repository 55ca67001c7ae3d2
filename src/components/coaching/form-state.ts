import type { FormResult } from '../../lib/server/form-action.ts';
import type { FieldError } from '../../lib/validation.ts';

/**
 * What a form shows after a failed post: the typed values and each field's error, with the ids
 * that wire a field to its help and error (`aria-describedby`). `prefix` keeps ids unique when a
 * page holds several forms.
 */
export function formState(result: FormResult<unknown> | null | undefined, prefix: string) {
  const failed = result && !result.ok ? result : null;
  const id = (name: string) => `${prefix}-${name}`;
  const error = (name: string): FieldError | undefined => failed?.errors[name] ?? (name === 'present' ? failed?.errors['present.0'] : undefined);
  return {
    failed,
    id,
    error,
    value: (name: string, fallback = ''): string => (typeof failed?.values[name] === 'string' ? (failed.values[name] as string) : fallback),
    values: (name: string): string[] | null => {
      if (!failed) return null;
      const v = failed.values[name];
      return Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
    },
    describedBy: (name: string, help = true) => [help ? `${id(name)}-help` : null, error(name) ? `${id(name)}-error` : null].filter(Boolean).join(' ') || undefined,
  };
}
