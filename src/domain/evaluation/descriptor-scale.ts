import { translator } from '../../lib/i18n/index.ts';
import type { Locale } from '../../lib/i18n/locales.ts';
import type { FieldErrors } from '../../lib/validation.ts';

/**
 * The descriptor scale of a call's scoring sheet (the "griglia di valutazione" of Italian calls):
 * words for bands of points, lowest first, shown next to each score. It never changes a score;
 * it helps the evaluator say what the points mean.
 *
 * Score → level mapping. Each level starts at a share of the criterion's maximum, and a score
 * belongs to the highest level whose start it reaches (points × den ≥ num × max, whole numbers
 * only, so no float decides a boundary):
 * - the default five levels (evaluation_settings.descriptors null): insufficient from 0 %,
 *   sufficient from 40 %, fair from 60 %, good from 75 %, excellent from 90 %;
 * - a call's own scale of n levels (2–7): equal shares, level i (0-based) from i/n of the
 *   maximum; e.g. four levels on 30 points: 0–7, 8–14, 15–22, 23–30.
 * A level no whole score can reach (a small maximum) is left out of the listed ranges.
 */
export type DescriptorLabel = { it: string; en: string };
export type ScaleLevel = { label: DescriptorLabel; from: readonly [num: number, den: number] };

export const MIN_LEVELS = 2;
export const MAX_LEVELS = 7;
export const LABEL_MAX = 40;

const defaultLevels = [
  ['insufficient', 0],
  ['sufficient', 40],
  ['fair', 60],
  ['good', 75],
  ['excellent', 90],
] as const;

/** The levels a call scores with: its own labels at equal shares, or the default five. */
export function resolveScale(custom: readonly DescriptorLabel[] | null | undefined): ScaleLevel[] {
  if (custom && custom.length >= MIN_LEVELS) return custom.map((label, i) => ({ label, from: [i, custom.length] as const }));
  const it = translator('it');
  const en = translator('en');
  return defaultLevels.map(([key, pct]) => ({ label: { it: it(`review.levels.${key}`), en: en(`review.levels.${key}`) }, from: [pct, 100] as const }));
}

/** The default five levels' labels, as staff would type them (the settings form shows them). */
export function defaultLabels(): DescriptorLabel[] {
  return resolveScale(null).map((l) => l.label);
}

/** The index of the level a score falls in (0 = lowest). */
export function levelIndex(points: number, maxPoints: number, scale: readonly ScaleLevel[]): number {
  let index = 0;
  scale.forEach((level, i) => {
    if (points * level.from[1] >= level.from[0] * maxPoints) index = i;
  });
  return index;
}

export function levelLabel(points: number, maxPoints: number, scale: readonly ScaleLevel[], locale: Locale): string {
  return scale[levelIndex(points, maxPoints, scale)]!.label[locale];
}

/** The points each level covers for a maximum, e.g. 30 → 0–11, 12–17, 18–22, 23–26, 27–30 (default). */
export function levelRanges(maxPoints: number, scale: readonly ScaleLevel[]): { index: number; label: DescriptorLabel; from: number; to: number }[] {
  const starts = scale.map((l) => Math.floor((l.from[0] * maxPoints + l.from[1] - 1) / l.from[1]));
  return scale
    .map((l, i) => ({ index: i, label: l.label, from: starts[i]!, to: i + 1 < starts.length ? starts[i + 1]! - 1 : maxPoints }))
    .filter((r) => r.from <= r.to);
}

/**
 * The settings form's rows (`descriptors.<i>.it`, `descriptors.<i>.en`) as a scale: rows left
 * empty in both languages are dropped; no row at all means the default scale (null). Every kept
 * row needs both labels, at most LABEL_MAX characters, no label twice in a language, and there
 * must be MIN_LEVELS to MAX_LEVELS of them. Problems come back per field (catalogue keys).
 */
export function readDescriptorRows(raw: Record<string, unknown>): { labels: DescriptorLabel[] | null; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const labels: DescriptorLabel[] = [];
  for (let i = 0; i < MAX_LEVELS; i += 1) {
    const row = { it: text(raw[descriptorField(i, 'it')]), en: text(raw[descriptorField(i, 'en')]) };
    if (!row.it && !row.en) continue;
    for (const lang of ['it', 'en'] as const) {
      const field = descriptorField(i, lang);
      if (!row[lang]) errors[field] = { key: 'validation.required' };
      else if (row[lang].length > LABEL_MAX) errors[field] = { key: 'validation.tooLong', params: { max: LABEL_MAX } };
      else if (labels.some((l) => l[lang].toLocaleLowerCase(lang) === row[lang].toLocaleLowerCase(lang))) errors[field] = { key: 'evaluation.errors.descriptor_repeated' };
    }
    labels.push(row);
  }
  if (labels.length === 1) errors[descriptorField(1, 'it')] = { key: 'evaluation.errors.descriptors_too_few', params: { min: MIN_LEVELS } };
  return { labels: labels.length === 0 ? null : labels, errors };
}

export const descriptorField = (index: number, lang: Locale) => `descriptors.${index}.${lang}`;

/** A stored scale as read from the database, or null when it is not one (then the default applies). */
export function storedScale(value: unknown): DescriptorLabel[] | null {
  if (!Array.isArray(value) || value.length < MIN_LEVELS || value.length > MAX_LEVELS) return null;
  const ok = value.every((l) => typeof l === 'object' && l !== null && typeof l.it === 'string' && typeof l.en === 'string' && l.it && l.en);
  return ok ? value.map((l: DescriptorLabel) => ({ it: l.it, en: l.en })) : null;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.replace(/\s+/g, ' ').trim() : '';
}
