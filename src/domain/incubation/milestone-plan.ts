import type { milestoneTemplates } from '../../../db/schema/index.ts';

export type MilestoneKind = (typeof milestoneTemplates.$inferSelect)['kind'];
export type TemplateRow = Pick<typeof milestoneTemplates.$inferSelect, 'position' | 'kind' | 'titleIt' | 'titleEn' | 'dueAfterDays' | 'everyMonths' | 'repeatCount'>;
export type PlannedMilestone = { position: number; kind: MilestoneKind; titleIt: string; titleEn: string; dueOn: string };

/**
 * The programme documents' path (seeds: IdeAzione "pre-fattibilità, accompagnamento, business plan
 * assistito, avvio"; POLIS 2.0 monitoring): used when a call has no template of its own.
 */
export const defaultTemplate: readonly TemplateRow[] = [
  { position: 1, kind: 'pre_feasibility', titleIt: 'Verifica di pre-fattibilità', titleEn: 'Pre-feasibility check', dueAfterDays: 30, everyMonths: null, repeatCount: 1 },
  { position: 2, kind: 'business_model', titleIt: 'Modello di business', titleEn: 'Business model', dueAfterDays: 60, everyMonths: null, repeatCount: 1 },
  { position: 3, kind: 'business_plan', titleIt: 'Business plan', titleEn: 'Business plan', dueAfterDays: 120, everyMonths: null, repeatCount: 1 },
  { position: 4, kind: 'financial_plan', titleIt: 'Piano finanziario triennale', titleEn: 'Three-year financial plan', dueAfterDays: 120, everyMonths: null, repeatCount: 1 },
  { position: 5, kind: 'legal_constitution', titleIt: 'Costituzione del soggetto giuridico', titleEn: 'Legal constitution', dueAfterDays: 180, everyMonths: null, repeatCount: 1 },
  { position: 6, kind: 'launch', titleIt: 'Avvio delle attività', titleEn: 'Launch', dueAfterDays: 240, everyMonths: null, repeatCount: 1 },
  { position: 7, kind: 'monitoring', titleIt: 'Monitoraggio', titleEn: 'Monitoring', dueAfterDays: 240, everyMonths: 6, repeatCount: 4 },
];

/** Adds days to a calendar day (`YYYY-MM-DD`), in plain calendar arithmetic (no time zone involved). */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Adds months, clamping to the month's last day (31 Jan + 1 month → 28/29 Feb). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return first.toISOString().slice(0, 10);
}

/**
 * The milestones of one start-up from a template, from `startsOn` (a Rome calendar day). A
 * repeating row (monitoring every N months) yields `repeatCount` milestones numbered in the title.
 */
export function planMilestones(template: readonly TemplateRow[], startsOn: string): PlannedMilestone[] {
  const out: PlannedMilestone[] = [];
  const rows = [...template].sort((a, b) => a.position - b.position);
  for (const row of rows) {
    const first = addDays(startsOn, row.dueAfterDays);
    const repeats = row.everyMonths ? Math.max(1, row.repeatCount) : 1;
    for (let i = 0; i < repeats; i += 1) {
      const n = repeats > 1 ? ` ${i + 1}` : '';
      out.push({
        position: out.length + 1,
        kind: row.kind,
        titleIt: `${row.titleIt}${n}`,
        titleEn: `${row.titleEn}${n}`,
        dueOn: row.everyMonths ? addMonths(first, row.everyMonths * i) : first,
      });
    }
  }
  return out;
}
