import type { Rubric } from '../calls/definitions.ts';
import { localized } from '../calls/localized.ts';
import { intlTag, type Locale, type Translate } from '../../lib/i18n/index.ts';

/**
 * The feedback a proposer gets on a ranked proposal, per rubric criterion: the consolidated points
 * (integer hundredths, as ranking_entries stores them) and the commission's comments, never who
 * wrote them. Pure: shared by the feedback letter (text) and the proposal's feedback page.
 */
/** A comment on one criterion: an evaluator's, or the commission's reason for a consensus score. */
export type FeedbackComment = { text: string; consensus: boolean };

export type CriterionFeedback = {
  key: string;
  label: string;
  /** Shown in `lang` when the call has no text in the reader's language (WCAG 3.1.2). */
  lang: Locale | undefined;
  centipoints: number;
  maxPoints: number;
  threshold: number | null;
  belowThreshold: boolean;
  comments: FeedbackComment[];
};

export type EntryScores = { criteria: Record<string, number>; failedThresholds: readonly string[] };

/** `17,5` in Italian, `17.5` in English: hundredths of a point, with no float ever stored. */
export function formatPoints(centipoints: number, locale: Locale): string {
  if (!Number.isSafeInteger(centipoints)) throw new RangeError(`Points must be integer hundredths, got ${centipoints}`);
  return new Intl.NumberFormat(intlTag[locale], { maximumFractionDigits: 2, useGrouping: false }).format(centipoints / 100);
}

/** The rubric's criteria in the call's order, with the entry's points and the comments on each. */
export function criteriaFeedback(rubric: Rubric, entry: EntryScores, comments: ReadonlyMap<string, FeedbackComment[]>, locale: Locale): CriterionFeedback[] {
  return rubric.criteria.map((c) => {
    const label = localized(c.label.it, c.label.en, locale);
    return {
      key: c.key,
      label: label.text,
      lang: label.lang,
      centipoints: entry.criteria[c.key] ?? 0,
      maxPoints: c.maxPoints,
      threshold: c.threshold ?? null,
      belowThreshold: entry.failedThresholds.includes(c.key),
      comments: comments.get(c.key) ?? [],
    };
  });
}

export function maxTotal(rubric: Rubric): number {
  return rubric.criteria.reduce((sum, c) => sum + c.maxPoints, 0);
}

/**
 * The letter's per-criterion block, one paragraph per criterion (the mail renderer turns blank
 * lines into paragraphs). A comment's own line breaks are folded so it stays inside its criterion.
 */
export function criteriaBlock(items: readonly CriterionFeedback[], t: Translate): string {
  return items
    .map((c) => {
      const head = t('observations.letter.criterion', { label: c.label, points: formatPoints(c.centipoints, t.locale), max: c.maxPoints });
      const lines = [c.belowThreshold && c.threshold !== null ? `${head} ${t('observations.letter.belowThreshold', { threshold: c.threshold })}` : head];
      for (const comment of c.comments) {
        const text = comment.text.replace(/\s*\n\s*/g, ' ');
        lines.push(t(comment.consensus ? 'observations.letter.consensus' : 'observations.letter.comment', { comment: text }));
      }
      if (c.comments.length === 0) lines.push(t('observations.letter.noComments'));
      return lines.join('\n');
    })
    .join('\n\n');
}
