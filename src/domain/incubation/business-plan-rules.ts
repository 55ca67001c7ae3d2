/**
 * The business plan's shape: structured sections (markdown) and a three-year financial plan in
 * integer cents. Totals, margin and break-even are computed on the server from these lines.
 */
export const planSectionKeys = [
  'summary',
  'need',
  'service',
  'users',
  'market',
  'operations',
  'team',
  'impact',
] as const;
export type PlanSectionKey = (typeof planSectionKeys)[number];
export type PlanSections = Partial<Record<PlanSectionKey, string>>;

export const PLAN_YEARS = 3;
/** One revenue or cost line; `years` holds exactly three amounts in cents (year 1..3). */
export type FinancialLine = { kind: 'revenue' | 'cost'; label: string; years: number[] };
export type FinancialPlan = { lines: FinancialLine[] };

export const emptyFinancialPlan = (): FinancialPlan => ({ lines: [] });
