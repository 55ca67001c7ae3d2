import { describe, expect, it } from 'vitest';
import { deriveKey, moveItem, removeItem, upsertItem, type AnyItem } from '../../src/domain/calls/lists.ts';
import { publishProblems } from '../../src/domain/calls/readiness.ts';
import { sampleAttachments, sampleEligibility, sampleQuestions, sampleRubric } from '../factories/calls.ts';

const items = sampleQuestions as AnyItem[];
const keys = (r: ReturnType<typeof upsertItem>) => (r.ok ? r.items.map((i) => i.key) : r.error);

describe('keys derived from the Italian text', () => {
  it.each([
    ['Quale bisogno del quartiere vuoi affrontare?', 'quale_bisogno_del_quartiere_vuoi_affrontare'.slice(0, 36)],
    ['Perché proprio qui?', 'perche_proprio_qui'],
    ['L’età del referente', 'leta_del_referente'],
    ['2 o più persone', 'item_2_o_piu_persone'],
    ['???', 'item'],
  ])('%s → %s', (text, key) => {
    expect(deriveKey(text, new Set())).toBe(key);
  });

  it('is unique within the list', () => {
    expect(deriveKey('Bisogno', new Set(['bisogno', 'bisogno_2']))).toBe('bisogno_3');
  });
});

describe('list operations', () => {
  it('adds at the end, edits in place, refuses a duplicate key or a missing item', () => {
    const draft = { ...sampleQuestions[0]!, key: undefined, label: { it: 'Nuova domanda', en: 'New question' } };
    expect(keys(upsertItem(items, null, draft, false))).toEqual(['need', 'users', 'cofinancing', 'nuova_domanda']);
    expect(keys(upsertItem(items, 'users', { ...draft, key: 'persone' }, false))).toEqual(['need', 'persone', 'cofinancing']);
    expect(keys(upsertItem(items, 'users', { ...draft, key: 'persone' }, true))).toBe('key_locked');
    expect(keys(upsertItem(items, null, { ...draft, key: 'need' }, false))).toBe('key_taken');
    expect(keys(upsertItem(items, 'gone', draft, false))).toBe('item_not_found');
  });

  it('keeps the value of an option whose Italian label is unchanged', () => {
    const choice = {
      ...sampleQuestions[0]!,
      type: 'single_choice' as const,
      options: [
        { value: 'si', label: { it: 'Sì', en: 'Yes' } },
        { value: 'no', label: { it: 'No', en: 'No' } },
      ],
    };
    const list = [choice] as AnyItem[];
    const edited = upsertItem(
      list,
      'need',
      {
        ...choice,
        key: undefined,
        options: [
          { value: '', label: { it: 'No', en: 'Nope' } },
          { value: '', label: { it: 'Forse', en: 'Maybe' } },
        ],
      },
      true,
    );
    expect(edited.ok && (edited.items[0] as typeof choice).options.map((o) => o.value)).toEqual(['no', 'forse']);
  });

  it('moves one place and stays put at the ends; removes by key', () => {
    expect(keys(moveItem(items, 'users', 'up'))).toEqual(['users', 'need', 'cofinancing']);
    expect(keys(moveItem(items, 'need', 'up'))).toEqual(['need', 'users', 'cofinancing']);
    expect(keys(moveItem(items, 'cofinancing', 'down'))).toEqual(['need', 'users', 'cofinancing']);
    expect(keys(removeItem(items, 'users'))).toEqual(['need', 'cofinancing']);
    expect(keys(removeItem(items, 'nope'))).toBe('item_not_found');
  });
});

describe('readiness to publish', () => {
  const complete = {
    titleIt: 'Avviso',
    titleEn: 'Call',
    summaryIt: 'S',
    summaryEn: 'S',
    bodyIt: 'B',
    bodyEn: 'B',
    themes: ['care'],
    applicantTypes: ['individual'],
    opensAt: new Date('2026-04-01T08:00:00Z'),
    closesAt: new Date('2026-05-01T10:00:00Z'),
    budgetCents: 100_000,
    maxGrantCents: 10_000,
    questions: sampleQuestions,
    attachments: sampleAttachments,
    eligibility: sampleEligibility,
    rubric: sampleRubric,
  };
  const now = new Date('2026-03-01T00:00:00Z');

  it('a complete call has no problems', () => {
    expect(publishProblems(complete, 1, now)).toEqual([]);
  });

  it('lists every problem', () => {
    const broken = { ...complete, summaryEn: ' ', themes: [], closesAt: complete.opensAt, questions: [{ ...sampleQuestions[0]!, key: 'Bad Key' }] };
    expect(publishProblems(broken, 0, now)).toEqual(['ready_summary', 'ready_themes', 'ready_neighbourhoods', 'ready_dates', 'ready_configuration']);
  });
});
