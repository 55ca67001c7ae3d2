/**
 * The business plan's shape: structured sections (markdown) and a three-year financial plan in
 * integer cents. Totals, margin and break-even are computed on the server from these lines
 * (business-plan-finance.ts). The limits below are checked by every write, whatever the form.
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

export const lineKinds = ['revenue', 'cost'] as const;
export type LineKind = (typeof lineKinds)[number];

/** Where a coach may comment: each section, and the financial plan as a whole. */
export const commentTargets = [...planSectionKeys, 'financial'] as const;
export type CommentTarget = (typeof commentTargets)[number];

/** Limits of the brief (issue 5, point 5): generous for a real plan, bounded for storage and PDF. */
export const SECTION_MAX_CHARS = 20_000;
export const LABEL_MAX_CHARS = 120;
export const MAX_LINES = 40;
/** One billion euros per line and year: far above any neighbourhood service, still exact in sums. */
export const MAX_AMOUNT_CENTS = 100_000_000_000;
export const COMMENT_MAX_CHARS = 4_000;

export type PlanViolation = { code: string; field: string; max?: number };

export const isSectionKey = (value: string): value is PlanSectionKey => (planSectionKeys as readonly string[]).includes(value);
export const isCommentTarget = (value: string): value is CommentTarget => (commentTargets as readonly string[]).includes(value);

/** Sections as stored: known keys only, trimmed, empty ones left out. */
export function normaliseSections(input: Partial<Record<string, string>>): PlanSections {
  const out: PlanSections = {};
  for (const key of planSectionKeys) {
    const text = (input[key] ?? '').replace(/\r\n?/g, '\n').trim();
    if (text) out[key] = text;
  }
  return out;
}

/** The first rule a plan breaks, or null. The domain re-checks what the form already checked. */
export function planViolation(sections: PlanSections, plan: FinancialPlan): PlanViolation | null {
  for (const key of Object.keys(sections)) {
    if (!isSectionKey(key)) return { code: 'section_unknown', field: key };
    if ((sections[key] ?? '').length > SECTION_MAX_CHARS) return { code: 'section_too_long', field: key, max: SECTION_MAX_CHARS };
  }
  if (plan.lines.length > MAX_LINES) return { code: 'too_many_lines', field: 'lines', max: MAX_LINES };
  for (const [i, line] of plan.lines.entries()) {
    const problem = lineViolation(line);
    if (problem) return { ...problem, field: `${problem.field}.${i}` };
  }
  return null;
}

function lineViolation(line: FinancialLine): PlanViolation | null {
  if (!(lineKinds as readonly string[]).includes(line.kind)) return { code: 'line_kind_invalid', field: 'lineKind' };
  const label = line.label.trim();
  if (!label) return { code: 'label_required', field: 'lineLabel' };
  if (label.length > LABEL_MAX_CHARS) return { code: 'label_too_long', field: 'lineLabel', max: LABEL_MAX_CHARS };
  if (line.years.length !== PLAN_YEARS) return { code: 'amount_invalid', field: 'lineYear1' };
  for (const [y, cents] of line.years.entries()) {
    if (!Number.isSafeInteger(cents) || cents < 0) return { code: 'amount_invalid', field: `lineYear${y + 1}` };
    if (cents > MAX_AMOUNT_CENTS) return { code: 'amount_too_large', field: `lineYear${y + 1}` };
  }
  return null;
}

/** Whether two plans hold the same content (a save that changes nothing is not a new revision). */
export function samePlan(a: { sections: PlanSections; financial: FinancialPlan }, b: { sections: PlanSections; financial: FinancialPlan }): boolean {
  const sectionsEqual = planSectionKeys.every((k) => (a.sections[k] ?? '') === (b.sections[k] ?? ''));
  return sectionsEqual && JSON.stringify(linesOf(a.financial)) === JSON.stringify(linesOf(b.financial));
}

const linesOf = (plan: FinancialPlan) => plan.lines.map((l) => [l.kind, l.label, ...l.years]);

/** The sections whose text differs (for the audit summary). */
export function changedSections(before: PlanSections, after: PlanSections): PlanSectionKey[] {
  return planSectionKeys.filter((k) => (before[k] ?? '') !== (after[k] ?? ''));
}
