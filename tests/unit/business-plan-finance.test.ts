import { describe, expect, it } from 'vitest';
import { breakEvenText, breakEvenYear, formatBasisPoints, lineTotal, marginBasisPoints, summarisePlan } from '../../src/domain/incubation/business-plan-finance.ts';
import type { FinancialLine } from '../../src/domain/incubation/business-plan-rules.ts';
import { translator } from '../../src/lib/i18n/index.ts';

const revenue = (label: string, years: number[]): FinancialLine => ({ kind: 'revenue', label, years });
const cost = (label: string, years: number[]): FinancialLine => ({ kind: 'cost', label, years });

describe('summarisePlan (hand-computed, cents)', () => {
  // Year 1: 10.000,00 € of fees against 15.000,00 € rent + 2.000,50 € materials.
  const plan = {
    lines: [
      revenue('Rette', [1_000_000, 2_000_000, 3_000_000]),
      cost('Affitto', [1_500_000, 1_500_000, 1_500_000]),
      cost('Materiali', [200_050, 100_000, 0]),
    ],
  };

  it('adds revenue and costs per year, with margin and cumulative margin', () => {
    const s = summarisePlan(plan);
    expect(s.years).toEqual([
      { revenue: 1_000_000, cost: 1_700_050, margin: -700_050, cumulative: -700_050, marginBasisPoints: -7001 },
      { revenue: 2_000_000, cost: 1_600_000, margin: 400_000, cumulative: -300_050, marginBasisPoints: 2000 },
      { revenue: 3_000_000, cost: 1_500_000, margin: 1_500_000, cumulative: 1_199_950, marginBasisPoints: 5000 },
    ]);
    // 1.199.950 / 6.000.000 = 19,999…% → 2000 bp.
    expect(s.total).toEqual({ revenue: 6_000_000, cost: 4_800_050, margin: 1_199_950, marginBasisPoints: 2000 });
    expect(s.breakEvenYear).toBe(3);
  });

  it('reaches break-even in year 1 when the first year already covers its costs', () => {
    expect(summarisePlan({ lines: [revenue('Quote', [500, 0, 0]), cost('Spese', [500, 900, 0])] }).breakEvenYear).toBe(1);
  });

  it('counts a cumulative margin of exactly zero as break-even', () => {
    const s = summarisePlan({ lines: [revenue('Quote', [100, 300, 0]), cost('Spese', [200, 200, 0])] });
    expect(s.years.map((y) => y.cumulative)).toEqual([-100, 0, 0]);
    expect(s.breakEvenYear).toBe(2);
  });

  it('has no break-even when the cumulative margin stays negative for three years', () => {
    const s = summarisePlan({ lines: [revenue('Quote', [100, 200, 300]), cost('Spese', [300, 300, 301])] });
    expect(s.years.map((y) => y.cumulative)).toEqual([-200, -300, -301]);
    expect(s.breakEvenYear).toBeNull();
  });

  it('has no break-even and no percentages for an empty plan', () => {
    const s = summarisePlan({ lines: [] });
    expect(s.breakEvenYear).toBeNull();
    expect(s.years.every((y) => y.revenue === 0 && y.cost === 0 && y.marginBasisPoints === null)).toBe(true);
    expect(s.total.marginBasisPoints).toBeNull();
  });

  it('stays exact at the limits (40 lines of 10^11 cents)', () => {
    const big = Array.from({ length: 40 }, (_, i) => (i % 2 ? cost(`c${i}`, [1e11, 1e11, 1e11]) : revenue(`r${i}`, [1e11, 1e11, 1e11 - 1])));
    const s = summarisePlan({ lines: big });
    expect(s.years[2]).toMatchObject({ revenue: 2e12 - 20, cost: 2e12, margin: -20 });
    expect(s.total.revenue).toBe(6e12 - 20);
    expect(Number.isSafeInteger(s.total.revenue)).toBe(true);
    // -20 / (2·10^12 − 20) is far below half a basis point.
    expect(s.years[2]!.marginBasisPoints).toBe(0);
  });

  it('totals a line over the three years', () => {
    expect(lineTotal(cost('Affitto', [100, 250, 1]))).toBe(351);
  });
});

describe('marginBasisPoints', () => {
  it.each([
    [1, 3, 3333],
    [2, 3, 6667],
    [-1, 8, -1250],
    [1, 20_000, 1],
    [-1, 20_000, -1],
    [1, 20_001, 0],
    [0, 5, 0],
    [4e12, 4e12, 10_000],
    [-8e12, 4e12, -20_000],
  ])('%d / %d → %d bp', (margin, revenue, bp) => {
    expect(marginBasisPoints(margin, revenue)).toBe(bp);
  });

  it('is null without revenue', () => {
    expect(marginBasisPoints(-500, 0)).toBeNull();
  });
});

describe('breakEvenYear', () => {
  it('is the first year whose cumulative margin is ≥ 0', () => {
    expect(breakEvenYear([-5, -1, 0])).toBe(3);
    expect(breakEvenYear([3, -1, 2])).toBe(1);
    expect(breakEvenYear([-5, -1, -1])).toBeNull();
  });
});

describe('formatBasisPoints', () => {
  it.each([
    [1234, 'it', '12,34%'],
    [1234, 'en', '12.34%'],
    [-7001, 'en', '-70.01%'],
    [5, 'it', '0,05%'],
    [0, 'it', '0,00%'],
    [10_000, 'en', '100.00%'],
  ] as const)('%d bp in %s → %s', (bp, locale, text) => {
    expect(formatBasisPoints(bp, locale)).toBe(text);
  });
});

describe('breakEvenText', () => {
  const t = translator('en');
  it('names the year, says it is not reached, or that there is nothing yet', () => {
    expect(breakEvenText(summarisePlan({ lines: [revenue('a', [1, 0, 0])] }), t)).toBe('Break-even year: year 1.');
    expect(breakEvenText(summarisePlan({ lines: [cost('a', [1, 0, 0])] }), t)).toBe('Break-even is not reached within the three years.');
    expect(breakEvenText(summarisePlan({ lines: [] }), t)).toBe('The financial plan has no lines yet.');
  });
});
