import type { FileKind } from '../domain/calls/definitions.ts';
import { isDomainError } from '../domain/errors.ts';
import { intlTag, translator, type Locale } from './i18n/index.ts';
import type { FieldError } from './validation.ts';

const KB = 1024;
const MB = 1024 * KB;

/** `5 MB`, `340 kB`, `12 byte`: binary multiples, as operating systems show file sizes. */
export function formatFileSize(bytes: number, locale: Locale): string {
  const [value, unit] = bytes >= MB ? [bytes / MB, 'megabyte'] : bytes >= KB ? [bytes / KB, 'kilobyte'] : [bytes, 'byte'];
  return new Intl.NumberFormat(intlTag[locale], { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: value < 10 && unit !== 'byte' ? 1 : 0 }).format(value);
}

/** The accepted kinds in plain words: `PDF o immagini (JPEG, PNG, GIF, WebP)`. */
export function describeKinds(kinds: readonly FileKind[], locale: Locale): string {
  const t = translator(locale);
  const words = kinds.map((kind) => t(`files.kinds.${kind}`));
  return new Intl.ListFormat(intlTag[locale], { style: 'long', type: 'disjunction' }).format(words);
}

/** The hint under a file field: `Formati accettati: PDF o immagini (…). Massimo 5 MB.` */
export function fileHint(kinds: readonly FileKind[], maxBytes: number, locale: Locale): string {
  return translator(locale)('files.hint', { kinds: describeKinds(kinds, locale), size: formatFileSize(maxBytes, locale) });
}

/**
 * A refused upload (saveUpload's domain errors) as a field error with the limit and the accepted
 * kinds filled in: `{ field, error }`, or null for any other error. Form actions can use it in
 * place of the generic `errors.<code>` message.
 */
export function uploadFieldError(error: unknown, locale: Locale): { field: string; error: FieldError } | null {
  if (!isDomainError(error) || !error.code.startsWith('file_')) return null;
  const { field, max, allowed } = error.details;
  if (typeof field !== 'string') return null;
  const params: Record<string, string> = {};
  if (typeof max === 'number') params.max = formatFileSize(max, locale);
  if (Array.isArray(allowed)) params.allowed = describeKinds(allowed as FileKind[], locale);
  return { field, error: { key: `files.errors.${error.code}`, params } };
}
