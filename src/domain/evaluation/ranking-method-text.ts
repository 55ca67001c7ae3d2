import { formatMoney } from '../../lib/format.ts';
import type { Translate } from '../../lib/i18n/index.ts';
import { localized } from '../calls/localized.ts';
import { maxPointsOf, type FrozenMethod } from './ranking-method.ts';

/**
 * The ranking method in plain words, one paragraph per rule (ranking-rules.ts): shown on the public
 * results page and written in the commission's minutes, from the method frozen with the ranking.
 */
export function methodParagraphs(method: FrozenMethod, t: Translate, budgetCents: number): string[] {
  const label = (c: FrozenMethod['criteria'][number]) => localized(c.label.it, c.label.en, t.locale).text;
  const subThresholds = method.criteria.filter((c) => c.threshold !== null && c.threshold > 0);
  const out = [t(method.consolidation === 'consensus' ? 'ranking.method.consensus' : 'ranking.method.mean')];
  if (method.normalise) out.push(t('ranking.method.normalise'), t('ranking.method.normaliseWhy'));
  if (method.consolidation === 'mean') out.push(t('ranking.method.rescoring'));
  out.push(
    t('ranking.method.threshold', { threshold: method.threshold, max: maxPointsOf(method) }) +
      (subThresholds.length
        ? ` ${t('ranking.method.subThresholds', { list: subThresholds.map((c) => t('ranking.method.subThreshold', { points: c.threshold!, criterion: label(c) })).join('; ') })}`
        : ''),
  );
  out.push(t('ranking.method.tieBreak'));
  out.push(
    t(method.maxGrantCents > 0 ? 'ranking.method.fundingCapped' : 'ranking.method.funding', {
      budget: formatMoney(budgetCents, t.locale),
      maxGrant: formatMoney(method.maxGrantCents, t.locale),
    }),
  );
  return out;
}
