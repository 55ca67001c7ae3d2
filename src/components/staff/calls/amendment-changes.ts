import type { Translate } from '../../../lib/i18n/index.ts';
import type { Locale } from '../../../lib/i18n/locales.ts';
import { formatDateTime, formatMoney } from '../../../lib/format.ts';

type Change = { from: unknown; to: unknown };
const MONEY = new Set(['budgetCents', 'maxGrantCents']);
const DATES = new Set(['opensAt', 'closesAt']);
const NUMBERS = new Set(['minGroupMembers', 'minCofinancingPct', 'observationDays']);
const TEXTS = new Set(['titleIt', 'titleEn', 'summaryIt', 'summaryEn', 'bodyIt', 'bodyEn']);
/** Catalogue sections naming the values of list fields (themes are named as on the public pages). */
const LABELLED = { themes: 'calls.themes', applicantTypes: 'staffCalls.applicantTypes' } as const;

/**
 * One line per changed field of an amendment, for staff: dates and amounts as before → after,
 * short values in full, long texts and lists as "changed" (the record keeps both versions).
 */
export function describeChanges(changes: Record<string, Change>, t: Translate, locale: Locale): { field: string; text: string }[] {
  return Object.entries(changes).map(([key, change]) => ({ field: fieldName(key, t), text: describe(key, change, t, locale) }));
}

function fieldName(key: string, t: Translate): string {
  const known = [
    'titleIt',
    'titleEn',
    'summaryIt',
    'summaryEn',
    'bodyIt',
    'bodyEn',
    'themes',
    'applicantTypes',
    'minGroupMembers',
    'opensAt',
    'closesAt',
    'budgetCents',
    'maxGrantCents',
    'minCofinancingPct',
    'observationDays',
    'neighbourhoods',
    'questions',
    'attachments',
    'eligibility',
    'rubric',
  ] as const;
  const match = known.find((k) => k === key);
  return match ? t(`staffCalls.amend.fieldNames.${match}`) : key;
}

function describe(key: string, { from, to }: Change, t: Translate, locale: Locale): string {
  const arrow = (a: string, b: string) => `${t('staffCalls.amend.from')}: ${a} → ${t('staffCalls.amend.to')}: ${b}`;
  if (DATES.has(key) && typeof from === 'string' && typeof to === 'string')
    return arrow(formatDateTime(new Date(from), locale), formatDateTime(new Date(to), locale));
  if (MONEY.has(key) && typeof from === 'number' && typeof to === 'number') return arrow(formatMoney(from, locale), formatMoney(to, locale));
  if (NUMBERS.has(key)) return arrow(String(from), String(to));
  if (TEXTS.has(key)) return t('staffCalls.amend.changedText');
  if (key in LABELLED && Array.isArray(from) && Array.isArray(to)) {
    const area = LABELLED[key as keyof typeof LABELLED];
    const names = (list: unknown[]) => list.map((v) => t(`${area}.${String(v)}` as never)).join(', ') || t('staffCalls.none');
    return arrow(names(from), names(to));
  }
  if (key === 'neighbourhoods' && Array.isArray(from) && Array.isArray(to))
    return arrow(from.join(', ') || t('staffCalls.none'), to.join(', ') || t('staffCalls.none'));
  return t('staffCalls.amend.changedList');
}
