import type { MilestoneKind, TemplateRow } from './milestone-plan.ts';
import { milestoneKinds, type MilestoneTemplateForm } from './milestone.schema.ts';

/** Bounds of a template: the programme runs a few years, monitoring at most monthly. */
export const TEMPLATE_LIMITS = { rows: 20, title: 200, dueAfterDays: 3650, everyMonths: 24, repeatCount: 20 } as const;

export type TemplateError = { field: string; code: string; params?: Record<string, number> };
export type ParsedTemplate = { ok: true; rows: TemplateRow[] } | { ok: false; errors: TemplateError[] };

const INT = /^\d+$/;

/**
 * The editor's columns as template rows. Rows marked for removal and rows left entirely blank (the
 * spare row for adding one) are dropped; the others must be complete. Errors name the field of
 * the row (`titleIt-2`), so the form can show them in place. Positions follow the due day, the
 * form's order breaking ties (the plan lists milestones as they fall due).
 */
export function parseTemplate(form: MilestoneTemplateForm): ParsedTemplate {
  const removed = new Set(form.remove.map(Number));
  const count = Math.max(form.kind.length, form.titleIt.length, form.titleEn.length, form.dueAfterDays.length);
  const errors: TemplateError[] = [];
  const kept: (Omit<TemplateRow, 'position'> & { order: number })[] = [];
  for (let i = 0; i < count; i += 1) {
    if (removed.has(i)) continue;
    const cell = (name: keyof MilestoneTemplateForm) => (form[name][i] ?? '').trim();
    if (['titleIt', 'titleEn', 'dueAfterDays', 'everyMonths'].every((n) => cell(n as keyof MilestoneTemplateForm) === '')) continue;
    const row = parseRow(i, cell, errors);
    if (row) kept.push({ ...row, order: i });
  }
  if (kept.length === 0 && errors.length === 0) errors.push({ field: 'titleIt-0', code: 'template_empty' });
  if (kept.length > TEMPLATE_LIMITS.rows) errors.push({ field: 'kind-0', code: 'template_too_long', params: { max: TEMPLATE_LIMITS.rows } });
  if (errors.length > 0) return { ok: false, errors };
  kept.sort((a, b) => a.dueAfterDays - b.dueAfterDays || a.order - b.order);
  return { ok: true, rows: kept.map(({ order: _order, ...row }, n) => ({ ...row, position: n + 1 })) };
}

function parseRow(i: number, cell: (name: keyof MilestoneTemplateForm) => string, errors: TemplateError[]): Omit<TemplateRow, 'position'> | null {
  const before = errors.length;
  const fail = (name: string, code: string, params?: Record<string, number>) => errors.push({ field: `${name}-${i}`, code, ...(params ? { params } : {}) });
  const kind = cell('kind') as MilestoneKind;
  if (!milestoneKinds.includes(kind)) fail('kind', 'template_kind');
  const titles = { titleIt: cell('titleIt'), titleEn: cell('titleEn') };
  for (const [name, value] of Object.entries(titles)) {
    if (!value) fail(name, 'template_title_required');
    else if (value.length > TEMPLATE_LIMITS.title) fail(name, 'template_title_too_long', { max: TEMPLATE_LIMITS.title });
  }
  const dueAfterDays = whole(cell('dueAfterDays'), 0, TEMPLATE_LIMITS.dueAfterDays);
  if (dueAfterDays === null) fail('dueAfterDays', 'template_days', { max: TEMPLATE_LIMITS.dueAfterDays });
  const everyText = cell('everyMonths');
  const everyMonths = everyText === '' ? null : whole(everyText, 1, TEMPLATE_LIMITS.everyMonths);
  if (everyText !== '' && everyMonths === null) fail('everyMonths', 'template_every', { max: TEMPLATE_LIMITS.everyMonths });
  const repeatText = cell('repeatCount');
  // A repeat count only means something for a recurring milestone; a one-off happens once.
  const repeatCount = everyMonths === null ? 1 : repeatText === '' ? 1 : whole(repeatText, 1, TEMPLATE_LIMITS.repeatCount);
  if (repeatCount === null) fail('repeatCount', 'template_repeat', { max: TEMPLATE_LIMITS.repeatCount });
  if (errors.length > before) return null;
  return { kind, ...titles, dueAfterDays: dueAfterDays!, everyMonths, repeatCount: repeatCount! };
}

function whole(text: string, min: number, max: number): number | null {
  if (!INT.test(text)) return null;
  const n = Number(text);
  return n >= min && n <= max ? n : null;
}
