import { describe, expect, it } from 'vitest';
import { chartLayout, GEOMETRY, GROUPED_GEOMETRY, shortLabel, widthPct } from '../../src/components/money/chart-layout.ts';
import { sumFigures } from '../../src/domain/money/figures.ts';
import { compactDay, legalBasis, projectCode, projectState, publicBeneficiary, publicProjectTitle, romeDay } from '../../src/domain/transparency/public-record.ts';
import { clampPage } from '../../src/domain/transparency/rows.ts';
import { pageParam } from '../../src/domain/transparency/transparency-view.server.ts';

describe('who may be named (D.lgs. 33/2013 art. 26 c. 4)', () => {
  const base = { startupName: 'Orto di Librino', organisationName: null, publicConsent: false };
  it.each([
    ['an association is named by its organisation, project beside it', { applicantType: 'association', organisationName: ' APS Il Cortile ' }, { publishable: true, name: 'APS Il Cortile', project: 'Orto di Librino' }],
    ['a social cooperative without an organisation name falls back to the start-up', { applicantType: 'social_cooperative' }, { publishable: true, name: 'Orto di Librino', project: 'Orto di Librino' }],
    ['a person who consented to the public profile is named by the start-up', { applicantType: 'individual', publicConsent: true }, { publishable: true, name: 'Orto di Librino', project: 'Orto di Librino' }],
    ['an informal group with consent likewise', { applicantType: 'informal_group', publicConsent: true }, { publishable: true, name: 'Orto di Librino', project: 'Orto di Librino' }],
    ['a person without consent is never named', { applicantType: 'individual' }, { publishable: false, name: null, project: null }],
    ['an informal group without consent is never named, whatever name it typed', { applicantType: 'informal_group', organisationName: 'Famiglia Rossi' }, { publishable: false, name: null, project: null }],
  ] as const)('%s', (_, facts, expected) => {
    expect(publicBeneficiary({ ...base, ...facts })).toEqual(expected);
  });
});

describe('OpenCoesione project state', () => {
  const f = (stage: string, awardedCents: number, committedCents: number, disbursedCents: number) => projectState({ stage, awardedCents, committedCents, disbursedCents });
  it('is Non avviato before any agreement or payment, In corso after, Liquidato when paid in full, Concluso when closed', () => {
    expect(f('pre_feasibility', 0, 0, 0)).toBe('Non avviato');
    expect(f('business_plan', 2_000_000, 0, 0)).toBe('Non avviato');
    expect(f('business_plan', 2_000_000, 2_000_000, 0)).toBe('In corso');
    expect(f('launch', 2_000_000, 2_000_000, 800_000)).toBe('In corso');
    expect(f('launch', 2_000_000, 2_000_000, 2_000_000)).toBe('Liquidato');
    expect(f('closed', 2_000_000, 2_000_000, 800_000)).toBe('Concluso');
    expect(f('closed', 0, 0, 0)).toBe('Concluso');
  });
});

describe('public record texts', () => {
  it('the legal title names the call, the programme line and the law', () => {
    expect(legalBasis('Idee per Librino', 'CT3.3.1.a')).toBe('Avviso pubblico «Idee per Librino» – CT3.3.1.a (art. 12 L. 241/1990; artt. 26-27 D.lgs. 33/2013)');
  });
  it('a project code joins the call and the protocol number; an unnamed project is titled by its protocol', () => {
    expect(projectCode('idee-2026', 'IDEA-2026-000012', 'x')).toBe('idee-2026/IDEA-2026-000012');
    expect(projectCode('idee-2026', null, 'abc')).toBe('idee-2026/abc');
    expect(publicProjectTitle('Ciclofficina', 'IDEA-2026-000012')).toBe('Ciclofficina');
    expect(publicProjectTitle(null, 'IDEA-2026-000012')).toBe('Progetto IDEA-2026-000012 – beneficiario non pubblicabile (persona fisica)');
  });
  it('days are Rome calendar days; OpenCoesione dates are compact', () => {
    expect(romeDay(new Date('2026-03-28T23:30:00Z'))).toBe('2026-03-29');
    expect(romeDay(new Date('2026-07-01T21:59:00Z'))).toBe('2026-07-01');
    expect(compactDay('2026-03-29')).toBe('20260329');
    expect(compactDay(null)).toBeNull();
  });
});

describe('pages of the public tables', () => {
  it('reads ?grants=N safely and clamps to the last page', () => {
    expect(['3', null, '', '0', '-2', 'abc', '1e3', '9999999'].map(pageParam)).toEqual([3, 1, 1, 1, 1, 1, 1, 1]);
    expect(clampPage(5, 45, 20)).toBe(3);
    expect(clampPage(0, 45, 20)).toBe(1);
    expect(clampPage(2, 0, 20)).toBe(1);
  });
});

describe('the funding chart’s geometry', () => {
  const four = (p: number, a: number, c: number, d: number) => ({ plannedCents: p, awardedCents: a, committedCents: c, disbursedCents: d });

  it('bar widths are proportional to the largest amount in the chart; zero draws nothing; a tiny amount stays visible', () => {
    expect(widthPct(50, 200)).toBe(25);
    expect(widthPct(200, 200)).toBe(100);
    expect(widthPct(0, 200)).toBe(0);
    expect(widthPct(1, 1_000_000)).toBe(0.5);
    expect(widthPct(0, 0)).toBe(0);
  });

  it('one row: four labelled bars without a group title', () => {
    const { groups, height } = chartLayout([four(400, 300, 200, 100)]);
    expect(groups).toHaveLength(1);
    expect(groups[0]!.titleY).toBeNull();
    expect(groups[0]!.bars.map((b) => [b.key, b.widthPct])).toEqual([['plannedCents', 100], ['awardedCents', 75], ['committedCents', 50], ['disbursedCents', 25]]);
    const step = GEOMETRY.label + GEOMETRY.bar + GEOMETRY.gapAfterBar;
    expect(height).toBe(4 * step);
    // Each label sits above its bar, and bars never overlap.
    for (const b of groups[0]!.bars) expect(b.labelY).toBeLessThan(b.barY);
    const ys = groups[0]!.bars.map((b) => b.barY);
    for (let i = 1; i < ys.length; i++) expect(ys[i]! - ys[i - 1]!).toBeGreaterThanOrEqual(GEOMETRY.bar);
  });

  it('several rows: a titled group each, one scale for all', () => {
    const { groups, height } = chartLayout([four(1000, 0, 0, 0), four(500, 250, 0, 0)]);
    expect(groups.map((g) => g.titleY !== null)).toEqual([true, true]);
    expect(groups[1]!.bars[0]!.widthPct).toBe(50);
    expect(groups[1]!.titleY!).toBeGreaterThan(groups[0]!.bars[3]!.barY + GROUPED_GEOMETRY.bar);
    expect(groups[1]!.bars[0]!.barHeight).toBe(GROUPED_GEOMETRY.bar);
    expect(height).toBe(groups[1]!.bars[3]!.barY + GROUPED_GEOMETRY.bar + GROUPED_GEOMETRY.gapAfterBar);
  });

  it('long group titles are shortened (the table carries the full label)', () => {
    expect(shortLabel('Breve')).toBe('Breve');
    const long = 'Avviso pubblico per idee e progetti di innovazione sociale nei quartieri del centro storico';
    expect(shortLabel(long).length).toBeLessThanOrEqual(60);
    expect(shortLabel(long).endsWith('…')).toBe(true);
  });

  it('sums rows of figures for totals', () => {
    expect(sumFigures([four(1, 2, 3, 4), four(10, 20, 30, 40)])).toEqual(four(11, 22, 33, 44));
    expect(sumFigures([])).toEqual(four(0, 0, 0, 0));
  });
});
