import type { CallQuestion } from '../../domain/calls/definitions.ts';
import type { AnswerValue } from '../../domain/proposals/definitions.ts';
import { centsToInput } from '../../lib/money.ts';
import type { FormResult } from '../../lib/server/form-action.ts';
import type { Locale } from '../../lib/i18n/locales.ts';

/**
 * What a form field shows: after a failed save, exactly what the person typed; otherwise the
 * stored value written the way people type it (cents as euros, booleans as yes/no).
 */
export function fieldValue(result: FormResult<unknown> | null | undefined, name: string, stored: string | string[]): string | string[] {
  if (result && !result.ok) return result.values[name] ?? (Array.isArray(stored) ? [] : '');
  return stored;
}

export function asText(value: string | string[]): string {
  return Array.isArray(value) ? (value.find((v) => v !== '') ?? '') : value;
}

export function asList(value: string | string[]): string[] {
  return (Array.isArray(value) ? value : [value]).filter((v) => v !== '');
}

/** A stored answer as form input text. */
export function answerInput(question: CallQuestion, value: AnswerValue | undefined, locale: Locale): string | string[] {
  if (value === undefined || value === null) return question.type === 'multiple_choice' ? [] : '';
  if (question.type === 'money' && typeof value === 'number') return centsToInput(value, locale);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) return value;
  return String(value);
}

/** The error shown under a field, if the last save reported one. */
export function fieldError(result: FormResult<unknown> | null | undefined, name: string) {
  return result && !result.ok ? result.errors[name] : undefined;
}
