import type { FormResult } from '../../../lib/server/form-action.ts';
import type { FieldError } from '../../../lib/validation.ts';

/**
 * Reading a form's state after a failed submit: what the person typed wins over the stored value,
 * so nothing is lost; a successful or absent result shows the stored value.
 */
export type AnyResult = FormResult<unknown> | null | undefined;

export function failed(result: AnyResult): result is Extract<FormResult<unknown>, { ok: false }> {
  return !!result && !result.ok;
}

export function textValue(result: AnyResult, name: string, stored: string | number | null | undefined): string {
  if (failed(result)) {
    const kept = result.values[name];
    return typeof kept === 'string' ? kept : '';
  }
  return stored === null || stored === undefined ? '' : String(stored);
}

export function listValue(result: AnyResult, name: string, stored: readonly string[]): string[] {
  if (failed(result)) {
    const kept = result.values[name];
    return Array.isArray(kept) ? kept : typeof kept === 'string' ? [kept] : [];
  }
  return [...stored];
}

export function checkedValue(result: AnyResult, name: string, stored: boolean): boolean {
  return failed(result) ? result.values[name] === 'on' : stored;
}

export function errorOf(result: AnyResult, name: string): FieldError | undefined {
  return failed(result) ? result.errors[name] : undefined;
}

/** `label.it` → `f-label-it`: a valid, unique id for a field name. */
export const fieldId = (name: string) => `f-${name.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
