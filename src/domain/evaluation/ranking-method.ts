import type { Rubric } from '../calls/definitions.ts';
import type { Consolidation, RankingMethod } from './ranking-rules.ts';

/**
 * The method a ranking was computed with, frozen in `rankings.method` when it is published: the
 * results page explains each published ranking with its own method, even if the rubric or the
 * settings were edited afterwards. Version 1 is the method documented in ranking-rules.ts.
 */
export type FrozenMethod = {
  version: 1;
  consolidation: Consolidation;
  /** z-score normalisation; only with the mean (a consensus score is already the commission's). */
  normalise: boolean;
  criteria: { key: string; label: { it: string; en: string }; maxPoints: number; threshold: number | null }[];
  threshold: number;
  maxGrantCents: number;
  /** Scorrimento: the ranking this one updates, the money freed and why. */
  slide?: { fromRankingId: string; freedCents: number; reason: string };
};

type CallLike = { rubric: Rubric; budgetCents: number; maxGrantCents: number };
type SettingsLike = { consolidation: Consolidation; normalise: boolean };

export function freezeMethod(call: CallLike, settings: SettingsLike): FrozenMethod {
  return {
    version: 1,
    consolidation: settings.consolidation,
    normalise: settings.consolidation === 'mean' && settings.normalise,
    criteria: call.rubric.criteria.map((c) => ({ key: c.key, label: { it: c.label.it, en: c.label.en }, maxPoints: c.maxPoints, threshold: c.threshold ?? null })),
    threshold: call.rubric.threshold,
    maxGrantCents: call.maxGrantCents,
  };
}

/** What the computation needs from a frozen method and the money available. */
export function computationOf(method: FrozenMethod, budgetCents: number): RankingMethod {
  return {
    consolidation: method.consolidation,
    normalise: method.normalise,
    criteria: method.criteria.map((c) => ({ key: c.key, maxPoints: c.maxPoints, threshold: c.threshold })),
    threshold: method.threshold,
    budgetCents,
    maxGrantCents: method.maxGrantCents,
  };
}

/** A stored method read back; null when it is not one this code wrote (never trust JSON blindly). */
export function readMethod(json: unknown): FrozenMethod | null {
  if (!json || typeof json !== 'object') return null;
  const m = json as Partial<FrozenMethod>;
  if (m.version !== 1 || !Array.isArray(m.criteria) || typeof m.threshold !== 'number') return null;
  if (m.consolidation !== 'mean' && m.consolidation !== 'consensus') return null;
  return m as FrozenMethod;
}

export function maxPointsOf(method: FrozenMethod): number {
  return method.criteria.reduce((sum, c) => sum + c.maxPoints, 0);
}
