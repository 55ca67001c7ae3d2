import { amountToInput, parsePlanAmount } from './business-plan-amounts.ts';
import {
  LABEL_MAX_CHARS,
  lineKinds,
  MAX_LINES,
  normaliseSections,
  planSectionKeys,
  PLAN_YEARS,
  SECTION_MAX_CHARS,
  type FinancialLine,
  type FinancialPlan,
  type LineKind,
  type PlanSectionKey,
  type PlanSections,
} from './business-plan-rules.ts';

/**
 * The editor's form, as typed: every section's text and the financial lines as strings, so a
 * refused save (bad amount, someone else saved first) shows exactly what the person wrote. Lines
 * travel as five parallel repeated fields in document order (revenue rows, then cost rows); a
 * field error names its row: `lineYear2.3` is year 2 of the fourth row.
 */
export type LineRow = { kind: string; label: string; years: string[] };
export type PlanFormState = { sections: Record<PlanSectionKey, string>; lines: LineRow[] };
export type PlanFormIssue = { field: string; code: string; max?: number };

export const LINE_FIELDS = ['lineKind', 'lineLabel', 'lineYear1', 'lineYear2', 'lineYear3'] as const;
export const yearField = (year: number) => `lineYear${year + 1}` as const;

/** What the submit button asked for: save, or change the rows without saving. */
export type PlanIntent = { kind: 'save' } | { kind: 'add'; lineKind: LineKind } | { kind: 'remove'; index: number };

export function parseIntent(value: string | undefined): PlanIntent | null {
  if (!value || value === 'save') return { kind: 'save' };
  if (value === 'add-revenue' || value === 'add-cost') return { kind: 'add', lineKind: value === 'add-revenue' ? 'revenue' : 'cost' };
  const remove = /^remove-(\d{1,3})$/.exec(value);
  return remove ? { kind: 'remove', index: Number(remove[1]) } : null;
}

const emptySections = (): Record<PlanSectionKey, string> => Object.fromEntries(planSectionKeys.map((k) => [k, ''])) as Record<PlanSectionKey, string>;

/** Revenue rows first, then costs, each in their own order: the layout of the two tables. */
const byKind = <T extends { kind: string }>(rows: readonly T[]): T[] => [...rows.filter((r) => r.kind === 'revenue'), ...rows.filter((r) => r.kind !== 'revenue')];

export function formStateFromPlan(sections: PlanSections, plan: FinancialPlan, locale: 'it' | 'en'): PlanFormState {
  return {
    sections: { ...emptySections(), ...sections },
    lines: byKind(plan.lines).map((l) => ({ kind: l.kind, label: l.label, years: l.years.map((c) => amountToInput(c, locale)) })),
  };
}

/** The state from posted values (what formAction keeps of a refused form, or the parsed input). */
export function formStateFromValues(values: Record<string, unknown>): PlanFormState {
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  const list = (v: unknown) => (Array.isArray(v) ? v.map(text) : typeof v === 'string' ? [v] : []);
  const sections = emptySections();
  for (const key of planSectionKeys) sections[key] = text(values[key]);
  const [kinds, labels, ...years] = LINE_FIELDS.map((f) => list(values[f]));
  const rows = Math.min(Math.max(kinds!.length, labels!.length, ...years.map((y) => y.length)), MAX_LINES + 1);
  const lines = Array.from({ length: rows }, (_, i) => ({ kind: kinds![i] ?? '', label: labels![i] ?? '', years: years.map((y) => y[i] ?? '') }));
  return { sections, lines };
}

/**
 * Adds a blank row at the end of its table, or removes one; nothing is saved. Adding beyond the
 * limit changes nothing and says why.
 */
export function editLines(state: PlanFormState, intent: Exclude<PlanIntent, { kind: 'save' }>): { state: PlanFormState; refused: 'too_many_lines' | null } {
  if (intent.kind === 'remove') return { state: { ...state, lines: state.lines.filter((_, i) => i !== intent.index) }, refused: null };
  if (state.lines.length >= MAX_LINES) return { state, refused: 'too_many_lines' };
  const blank: LineRow = { kind: intent.lineKind, label: '', years: Array.from({ length: PLAN_YEARS }, () => '') };
  return { state: { ...state, lines: byKind([...state.lines, blank]) }, refused: null };
}

const isBlank = (row: LineRow) => row.label.trim() === '' && row.years.every((y) => y.trim() === '');

/**
 * Reads the typed form into a plan: sections trimmed, amounts to cents, rows left entirely blank
 * skipped. Every problem is reported (per field), so one round trip fixes them all. More than
 * MAX_LINES rows cannot come from the page (adding stops there); the use case refuses them.
 */
export function readPlanForm(state: PlanFormState): { sections: PlanSections; financial: FinancialPlan; issues: PlanFormIssue[] } {
  const issues: PlanFormIssue[] = [];
  // Counted after line endings are normalised: a browser sends CRLF, which the textarea counted as one.
  const sections = normaliseSections(state.sections);
  for (const key of planSectionKeys) {
    if ((sections[key] ?? '').length > SECTION_MAX_CHARS) issues.push({ field: key, code: 'too_long', max: SECTION_MAX_CHARS });
  }
  const lines: FinancialLine[] = [];
  state.lines.forEach((row, i) => {
    if (isBlank(row)) return;
    const line = readLine(row, i, issues);
    if (line) lines.push(line);
  });
  return { sections, financial: { lines }, issues };
}

function readLine(row: LineRow, i: number, issues: PlanFormIssue[]): FinancialLine | null {
  const before = issues.length;
  if (!(lineKinds as readonly string[]).includes(row.kind)) issues.push({ field: `lineKind.${i}`, code: 'line_kind_invalid' });
  const label = row.label.trim();
  if (!label) issues.push({ field: `lineLabel.${i}`, code: 'label_required' });
  else if (label.length > LABEL_MAX_CHARS) issues.push({ field: `lineLabel.${i}`, code: 'too_long', max: LABEL_MAX_CHARS });
  const years: number[] = [];
  for (let y = 0; y < PLAN_YEARS; y += 1) {
    const amount = parsePlanAmount(row.years[y] ?? '');
    if (amount.ok) years.push(amount.cents);
    else issues.push({ field: `${yearField(y)}.${i}`, code: amount.code });
  }
  return issues.length === before ? { kind: row.kind as LineKind, label, years } : null;
}
