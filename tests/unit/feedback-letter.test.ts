import { describe, expect, it } from 'vitest';
import { criteriaBlock, criteriaFeedback, formatPoints, maxTotal } from '../../src/domain/evaluation/feedback-letter.ts';
import { translator } from '../../src/lib/i18n/index.ts';
import { sampleRubric } from '../factories/calls.ts';

describe('formatPoints', () => {
  it.each([
    [1750, 'it', '17,5'],
    [1750, 'en', '17.5'],
    [7235, 'it', '72,35'],
    [2000, 'it', '20'],
    [0, 'en', '0'],
    [123456, 'it', '1234,56'],
  ] as const)('%i hundredths in %s → %s', (centipoints, locale, text) => {
    expect(formatPoints(centipoints, locale)).toBe(text);
  });

  it('refuses anything but integer hundredths', () => {
    expect(() => formatPoints(17.5, 'it')).toThrow(RangeError);
  });
});

describe('the letter’s criteria block', () => {
  const entry = { criteria: { need: 1250, feasibility: 2000, impact: 1833 }, failedThresholds: ['need'] };
  const comments = new Map([
    ['need', [{ text: 'Reasons agreed\nby the commission.', consensus: true }, { text: 'Weak evidence.', consensus: false }]],
  ]);

  it('follows the rubric’s order, folds line breaks, marks failed sub-thresholds and missing criteria', () => {
    const items = criteriaFeedback(sampleRubric, entry, comments, 'en');
    expect(criteriaBlock(items, translator('en'))).toBe(
      [
        'Relevance of the need: 12.5 / 30 (below the minimum threshold of 15 points)\n– The commission’s reasons: Reasons agreed by the commission.\n– Weak evidence.',
        'Feasibility: 20 / 30\n(no comments)',
        'Social impact: 18.33 / 25\n(no comments)',
        'Team: 0 / 15\n(no comments)',
      ].join('\n\n'),
    );
    expect(maxTotal(sampleRubric)).toBe(100);
  });
});
