import { describe, expect, it } from 'vitest';
import {
  descriptorField,
  levelIndex,
  levelLabel,
  levelRanges,
  readDescriptorRows,
  resolveScale,
  storedScale,
  type DescriptorLabel,
} from '../../src/domain/evaluation/descriptor-scale.ts';

const defaults = resolveScale(null);
const four: DescriptorLabel[] = [
  { it: 'Inadeguato', en: 'Inadequate' },
  { it: 'Parziale', en: 'Partial' },
  { it: 'Adeguato', en: 'Adequate' },
  { it: 'Eccellente', en: 'Excellent' },
];
const rows = (labels: Partial<DescriptorLabel>[]) =>
  Object.fromEntries(labels.flatMap((l, i) => [[descriptorField(i, 'it'), l.it ?? ''], [descriptorField(i, 'en'), l.en ?? '']]));

describe('default descriptor scale (no scale saved for the call)', () => {
  it.each([
    [0, 30, 'insufficiente', 'insufficient'],
    [11, 30, 'insufficiente', 'insufficient'], // 36.7 %
    [12, 30, 'sufficiente', 'sufficient'], // exactly 40 %
    [17, 30, 'sufficiente', 'sufficient'],
    [18, 30, 'discreto', 'fair'], // exactly 60 %
    [22, 30, 'discreto', 'fair'],
    [23, 30, 'buono', 'good'], // 76.7 %
    [26, 30, 'buono', 'good'],
    [27, 30, 'ottimo', 'excellent'], // exactly 90 %
    [30, 30, 'ottimo', 'excellent'],
    [14, 25, 'sufficiente', 'sufficient'], // 56 %
    [15, 25, 'discreto', 'fair'], // 60 %
    [22, 25, 'buono', 'good'], // 88 %
    [23, 25, 'ottimo', 'excellent'], // 92 %
  ])('%i of %i is %s (%s)', (points, max, it, en) => {
    expect(levelLabel(points, max, defaults, 'it')).toBe(it);
    expect(levelLabel(points, max, defaults, 'en')).toBe(en);
  });

  it('lists the points of each level, boundaries included, without gaps', () => {
    expect(levelRanges(30, defaults).map((r) => [r.label.en, r.from, r.to])).toEqual([
      ['insufficient', 0, 11],
      ['sufficient', 12, 17],
      ['fair', 18, 22],
      ['good', 23, 26],
      ['excellent', 27, 30],
    ]);
    // 25 points: 40 % = 10, 60 % = 15, 75 % = 18.75 → 19, 90 % = 22.5 → 23.
    expect(levelRanges(25, defaults).map((r) => [r.from, r.to])).toEqual([[0, 9], [10, 14], [15, 18], [19, 22], [23, 25]]);
  });

  it('leaves out a level no whole score can reach', () => {
    expect(levelRanges(3, defaults).map((r) => r.label.en)).toEqual(['insufficient', 'fair', 'excellent']);
  });
});

describe('a call’s own scale: n levels at equal shares of the maximum', () => {
  const scale = resolveScale(four);

  it('maps hand-computed scores: four levels on 30 points are 0–7, 8–14, 15–22, 23–30', () => {
    // Level i starts at i/4 of 30: 0, 7.5 → 8, 15, 22.5 → 23.
    expect(levelRanges(30, scale).map((r) => [r.label.it, r.from, r.to])).toEqual([
      ['Inadeguato', 0, 7],
      ['Parziale', 8, 14],
      ['Adeguato', 15, 22],
      ['Eccellente', 23, 30],
    ]);
    expect([7, 8, 14, 15, 22, 23, 30].map((p) => levelIndex(p, 30, scale))).toEqual([0, 1, 1, 2, 2, 3, 3]);
    expect(levelLabel(16, 30, scale, 'en')).toBe('Adequate');
  });

  it('two levels split at half; seven levels on 10 points leave out the unreachable ones', () => {
    const two = resolveScale([{ it: 'No', en: 'No' }, { it: 'Sì', en: 'Yes' }]);
    expect(levelRanges(15, two).map((r) => [r.from, r.to])).toEqual([[0, 7], [8, 15]]);
    const seven = resolveScale(Array.from({ length: 7 }, (_, i) => ({ it: `L${i}`, en: `L${i}` })));
    // Starts: 0, 10/7 → 2, 20/7 → 3, 30/7 → 5, 40/7 → 6, 50/7 → 8, 60/7 → 9.
    expect(levelRanges(10, seven).map((r) => [r.index, r.from, r.to])).toEqual([[0, 0, 1], [1, 2, 2], [2, 3, 4], [3, 5, 5], [4, 6, 7], [5, 8, 8], [6, 9, 10]]);
    expect(levelRanges(3, seven).map((r) => r.index)).toEqual([0, 2, 4, 6]);
  });

  it('agrees with levelIndex on every score of every maximum, for every scale', () => {
    for (const labels of [null, four, four.slice(0, 2), [...four, ...four.map((l) => ({ it: `${l.it}+`, en: `${l.en}+` }))].slice(0, 7)]) {
      const s = resolveScale(labels);
      for (const max of [1, 2, 3, 7, 10, 15, 25, 30, 100]) {
        const ranges = levelRanges(max, s);
        expect(ranges[0]!.from).toBe(0);
        expect(ranges.at(-1)!.to).toBe(max);
        for (const r of ranges) for (let p = r.from; p <= r.to; p++) expect(levelIndex(p, max, s)).toBe(r.index);
      }
    }
  });
});

describe('reading the settings form’s rows', () => {
  it('keeps filled rows in order, lowest first, tidying spaces; no row at all is the default scale', () => {
    expect(readDescriptorRows(rows([{ it: ' Scarso ', en: 'Poor' }, {}, { it: 'Buono', en: '  Good  ' }]))).toEqual({
      labels: [{ it: 'Scarso', en: 'Poor' }, { it: 'Buono', en: 'Good' }],
      errors: {},
    });
    expect(readDescriptorRows(rows([{}, {}]))).toEqual({ labels: null, errors: {} });
    expect(readDescriptorRows({})).toEqual({ labels: null, errors: {} });
  });

  it('needs both languages, short labels, no label twice, and at least two levels', () => {
    const { errors } = readDescriptorRows(rows([{ it: 'Scarso', en: '' }, { it: 'scarso', en: 'Poor' }, { it: 'x'.repeat(41), en: 'Long' }]));
    expect(errors).toEqual({
      'descriptors.0.en': { key: 'validation.required' },
      'descriptors.1.it': { key: 'evaluation.errors.descriptor_repeated' },
      'descriptors.2.it': { key: 'validation.tooLong', params: { max: 40 } },
    });
    expect(readDescriptorRows(rows([{ it: 'Unico', en: 'Only' }])).errors).toEqual({
      'descriptors.1.it': { key: 'evaluation.errors.descriptors_too_few', params: { min: 2 } },
    });
  });

  it('reads at most seven rows', () => {
    const eight = rows(Array.from({ length: 8 }, (_, i) => ({ it: `L${i}`, en: `L${i}` })));
    expect(readDescriptorRows(eight).labels).toHaveLength(7);
  });
});

describe('a stored scale', () => {
  it('is used when it is a list of 2–7 labels in both languages; anything else falls back to the default', () => {
    expect(storedScale(four)).toEqual(four);
    expect(storedScale(null)).toBeNull();
    expect(storedScale([four[0]])).toBeNull();
    expect(storedScale([{ it: 'A', en: '' }, { it: 'B', en: 'B' }])).toBeNull();
    expect(storedScale('five')).toBeNull();
    expect(resolveScale(storedScale([{ it: 'A' }]))).toHaveLength(5);
  });
});
