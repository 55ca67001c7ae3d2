import type { Translate } from '../../lib/i18n/index.ts';
import type { Locale } from '../../lib/i18n/locales.ts';
import { PLAN_YEARS, type FinancialLine, type FinancialPlan } from './business-plan-rules.ts';

/**
 * The financial plan's arithmetic, on integer cents only (never floats: a euro plan that does not
 * add up to the cent is not a plan). Sums stay exact: at most 40 lines of at most 10^11 cents is
 * 4·10^12, well inside Number.MAX_SAFE_INTEGER; percentages go through BigInt.
 *
 * Definitions shown on the page and in the PDF:
 * - margin of a year = revenue − costs of that year;
 * - cumulative margin of year n = margins of years 1..n added up;
 * - break-even year = the first year whose cumulative margin is zero or more, null when none of
 *   the three years reaches it (or the plan has no lines);
 * - margin percentage = margin ÷ revenue, rounded half away from zero to whole basis points
 *   (1 bp = 0.01 %), null when there is no revenue.
 */
export type YearFigures = { revenue: number; cost: number; margin: number; cumulative: number; marginBasisPoints: number | null };
export type PlanSummary = {
  years: YearFigures[];
  total: { revenue: number; cost: number; margin: number; marginBasisPoints: number | null };
  breakEvenYear: number | null;
};

export function summarisePlan(plan: FinancialPlan): PlanSummary {
  const years: YearFigures[] = [];
  let cumulative = 0;
  for (let y = 0; y < PLAN_YEARS; y += 1) {
    const revenue = sumYear(plan.lines, 'revenue', y);
    const cost = sumYear(plan.lines, 'cost', y);
    const margin = revenue - cost;
    cumulative += margin;
    years.push({ revenue, cost, margin, cumulative, marginBasisPoints: marginBasisPoints(margin, revenue) });
  }
  const revenue = years.reduce((a, y) => a + y.revenue, 0);
  const cost = years.reduce((a, y) => a + y.cost, 0);
  return {
    years,
    total: { revenue, cost, margin: revenue - cost, marginBasisPoints: marginBasisPoints(revenue - cost, revenue) },
    breakEvenYear: plan.lines.length === 0 ? null : breakEvenYear(years.map((y) => y.cumulative)),
  };
}

function sumYear(lines: readonly FinancialLine[], kind: FinancialLine['kind'], year: number): number {
  return lines.filter((l) => l.kind === kind).reduce((a, l) => a + (l.years[year] ?? 0), 0);
}

/** A line's three years added up. */
export function lineTotal(line: FinancialLine): number {
  return line.years.reduce((a, c) => a + c, 0);
}

/** Year number (1-based) of the first cumulative margin ≥ 0, or null. */
export function breakEvenYear(cumulative: readonly number[]): number | null {
  const index = cumulative.findIndex((c) => c >= 0);
  return index < 0 ? null : index + 1;
}

/** margin ÷ revenue in basis points, rounded half away from zero; null without revenue. */
export function marginBasisPoints(margin: number, revenue: number): number | null {
  if (revenue <= 0) return null;
  const r = BigInt(revenue);
  const n = BigInt(Math.abs(margin)) * 10_000n;
  const rounded = (2n * n + r) / (2n * r);
  return Number(margin < 0 ? -rounded : rounded);
}

/** Basis points as a percentage with two decimals in the reader's language: `12,35%`, `-4.50%`. */
export function formatBasisPoints(bp: number, locale: Locale): string {
  const abs = Math.abs(bp);
  const whole = Math.trunc(abs / 100);
  const fraction = String(abs % 100).padStart(2, '0');
  return `${bp < 0 ? '-' : ''}${whole}${locale === 'it' ? ',' : '.'}${fraction}%`;
}

/** The break-even sentence of the page and the PDF. */
export function breakEvenText(s: PlanSummary, t: Translate): string {
  if (s.breakEvenYear !== null) return t('businessPlan.summary.breakEven', { year: s.breakEvenYear });
  return t(s.years.some((y) => y.revenue > 0 || y.cost > 0) ? 'businessPlan.summary.noBreakEven' : 'businessPlan.summary.noFigures');
}
