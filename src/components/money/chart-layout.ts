import type { FourFigures } from '../../domain/money/figures.ts';

/**
 * Geometry of the funding bar chart (FundingChart.astro), kept apart so it can be tested. Each
 * figure is a labelled line of text above its bar; bars are percentages of the chart's width, so
 * the SVG stretches to any screen while its text keeps its size (no viewBox scaling that would
 * shrink labels on a phone).
 */
export const FIGURE_KEYS = ['plannedCents', 'awardedCents', 'committedCents', 'disbursedCents'] as const;
export type FigureKey = (typeof FIGURE_KEYS)[number];

/** One row: roomy bars. Several rows: compact groups, so a page of calls stays scannable. */
export const GEOMETRY = { groupTitle: 0, label: 20, bar: 16, gapAfterBar: 8, gapAfterGroup: 16 } as const;
export const GROUPED_GEOMETRY = { groupTitle: 24, label: 18, bar: 11, gapAfterBar: 4, gapAfterGroup: 14 } as const;
export type Geometry = { [K in keyof typeof GEOMETRY]: number };

export type BarLayout = { key: FigureKey; cents: number; labelY: number; barY: number; barHeight: number; widthPct: number };
export type GroupLayout = { titleY: number | null; bars: BarLayout[] };

/** Bars shorter than this (but not zero) are widened to it, so a small amount stays visible. */
const MIN_VISIBLE_PCT = 0.5;

export function widthPct(cents: number, max: number): number {
  if (cents <= 0 || max <= 0) return 0;
  return Math.max(MIN_VISIBLE_PCT, Math.round((cents / max) * 10_000) / 100);
}

/** One group of four bars per row; a group title line only when there are several rows. */
export function chartLayout(rows: readonly FourFigures[]): { groups: GroupLayout[]; height: number; geometry: Geometry } {
  const grouped = rows.length > 1;
  const g: Geometry = grouped ? GROUPED_GEOMETRY : GEOMETRY;
  const max = Math.max(0, ...rows.flatMap((r) => FIGURE_KEYS.map((k) => r[k])));
  let y = 0;
  const groups = rows.map((row) => {
    const titleY = grouped ? y + g.groupTitle - 6 : null;
    y += g.groupTitle;
    const bars = FIGURE_KEYS.map((key) => {
      const labelY = y + g.label - 5;
      const barY = y + g.label;
      y += g.label + g.bar + g.gapAfterBar;
      return { key, cents: row[key], labelY, barY, barHeight: g.bar, widthPct: widthPct(row[key], max) };
    });
    y += g.gapAfterGroup;
    return { titleY, bars };
  });
  return { groups, height: Math.max(y - g.gapAfterGroup, 1), geometry: g };
}

/** A group title that fits one line of the chart; the table beside it carries the full label. */
export function shortLabel(label: string, max = 60): string {
  return label.length <= max ? label : `${label.slice(0, max - 1).trimEnd()}…`;
}
