import type { FieldError } from '../../lib/validation.ts';
import type { FormResult } from '../../lib/server/form-action.ts';

/**
 * What one form on a page shows after a failed post: the values typed and the errors, only when
 * the post came from this form (`match`: a hidden field and its value, e.g. the tranche's id),
 * since several forms of one action can share a page.
 */
export function formState(result: FormResult<unknown> | null | undefined, match?: readonly [string, string]) {
  const failed = result && !result.ok && (!match || result.values[match[0]] === match[1]) ? result : null;
  return {
    failed: failed !== null,
    value: (name: string, fallback = ''): string => {
      const v = failed?.values[name];
      return typeof v === 'string' ? v : fallback;
    },
    error: (name: string): FieldError | null => failed?.errors[name] ?? null,
    formError: (failed?.formError ?? null) as FieldError | null,
  };
}
export type FormState = ReturnType<typeof formState>;
