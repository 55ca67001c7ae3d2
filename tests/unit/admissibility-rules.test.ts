import { describe, expect, it } from 'vitest';
import { answersView } from '../../src/domain/admissibility/answers-view.ts';
import { requirementsFor, type RequirementCall, type RequirementProposal } from '../../src/domain/admissibility/requirements.ts';
import { filterQuery, parseListFilter, recordChecksFormSchema } from '../../src/domain/admissibility/schema.ts';
import { admissibilityOpen, assertAdmissibilityOpen } from '../../src/domain/admissibility/window.ts';
import type { CallQuestion } from '../../src/domain/calls/definitions.ts';
import { DomainError } from '../../src/domain/errors.ts';
import { validate } from '../../src/lib/validation.ts';

const closesAt = new Date('2026-03-01T11:00:00Z');
const call: RequirementCall = {
  closesAt,
  applicantTypes: ['association', 'informal_group'],
  maxGrantCents: 2_500_000,
  minGroupMembers: 3,
  attachments: [
    { key: 'budget', label: { it: 'Piano dei costi', en: 'Cost plan' }, required: true, kinds: ['pdf'], maxBytes: 1024 * 1024 },
    { key: 'letters', label: { it: 'Lettere', en: 'Letters' }, required: false, kinds: ['pdf'], maxBytes: 1024 * 1024 },
  ],
};
const proposal: RequirementProposal = {
  submittedAt: new Date('2026-03-01T10:59:59Z'),
  applicantType: 'informal_group',
  requestedCents: 2_500_000,
  declarationsAcceptedAt: new Date('2026-03-01T10:59:00Z'),
  team: [
    { name: 'A', role: '', adult: true },
    { name: 'B', role: '', adult: true },
    { name: 'C', role: '', adult: false },
  ],
};

describe('requirements of the formal check', () => {
  it('are the fixed ones, the group size for groups, and one per required attachment, each with a suggestion', () => {
    expect(requirementsFor(call, proposal, new Set(['budget'])).map((r) => [r.key, r.suggested])).toEqual([
      ['on_time', true],
      ['applicant_type', true],
      ['amount', true],
      ['declarations', true],
      ['group_members', false],
      ['attachment:budget', true],
    ]);
  });

  it('suggest "not met" for what the data contradict', () => {
    const bad = { ...proposal, applicantType: 'individual', submittedAt: closesAt, requestedCents: 2_500_001, declarationsAcceptedAt: null };
    expect(requirementsFor(call, bad, new Set()).map((r) => [r.key, r.suggested])).toEqual([
      ['on_time', false],
      ['applicant_type', false],
      ['amount', false],
      ['declarations', false],
      ['attachment:budget', false],
    ]);
  });

  it('treat a maximum of zero as no maximum, but never a missing amount as fine', () => {
    const noMax = { ...call, maxGrantCents: 0 };
    expect(requirementsFor(noMax, proposal, new Set()).find((r) => r.key === 'amount')?.suggested).toBe(true);
    expect(requirementsFor(noMax, { ...proposal, requestedCents: null }, new Set()).find((r) => r.key === 'amount')?.suggested).toBe(false);
  });
});

describe('the admissibility window', () => {
  const at = (iso: string) => new Date(iso);
  const published = { phase: 'published' as const, opensAt: at('2026-01-01T00:00:00Z'), closesAt };

  it('opens at the deadline and stays open in review', () => {
    expect(admissibilityOpen(published, at('2026-03-01T10:59:59Z'))).toBe(false);
    expect(admissibilityOpen(published, closesAt)).toBe(true);
    expect(admissibilityOpen({ ...published, phase: 'in_review' }, closesAt)).toBe(true);
  });

  it('refuses with a reason before the deadline and after the ranking', () => {
    const before = () => assertAdmissibilityOpen(published, at('2026-02-01T00:00:00Z'));
    expect(before).toThrow(DomainError);
    expect(before).toThrow('call_still_open');
    expect(() => assertAdmissibilityOpen({ ...published, phase: 'ranking_provisional' }, closesAt)).toThrow('admissibility_closed');
  });
});

describe('list filters from the address', () => {
  it('keep valid choices and ignore the rest', () => {
    const id = '5de83d34-304a-42ee-b724-862ecc7b786e';
    expect(parseListFilter(new URLSearchParams(`status=admissible&applicantType=association&neighbourhood=${id}&q=%20orto%20&page=3`))).toEqual({
      status: 'admissible',
      applicantType: 'association',
      neighbourhoodId: id,
      q: 'orto',
      page: 3,
    });
    expect(parseListFilter(new URLSearchParams('status=draft&applicantType=x&neighbourhood=1%27&page=-4'))).toEqual({
      status: undefined,
      applicantType: undefined,
      neighbourhoodId: undefined,
      q: undefined,
      page: 1,
    });
  });

  it('round-trip into links that keep them, without the page', () => {
    const filter = parseListFilter(new URLSearchParams('status=submitted&q=a b&page=2'));
    expect(filterQuery(filter)).toBe('?status=submitted&q=a+b');
    expect(filterQuery(filter, { status: 'inadmissible' })).toBe('?status=inadmissible&q=a+b');
    expect(filterQuery(filter, { status: undefined })).toBe('?q=a+b');
  });
});

describe('the checklist form', () => {
  const id = '5de83d34-304a-42ee-b724-862ecc7b786e';
  it('reads met / not met per requirement, skipping the ones left to check', () => {
    expect(validate(recordChecksFormSchema, { proposalId: id, 'met.on_time': 'yes', 'met.attachment:budget': 'no', 'motivation.attachment:budget': ' Illeggibile ', 'met.amount': '' })).toEqual({
      ok: true,
      data: {
        proposalId: id,
        checks: [
          { requirement: 'on_time', met: true, motivation: '' },
          { requirement: 'attachment:budget', met: false, motivation: 'Illeggibile' },
        ],
      },
    });
  });

  it('refuses a motivation that is too long', () => {
    const result = validate(recordChecksFormSchema, { proposalId: id, 'met.on_time': 'yes', 'motivation.on_time': 'x'.repeat(4001) });
    expect(result).toEqual({ ok: false, errors: { 'motivation.on_time': { key: 'validation.tooLong', params: { max: 4000 } } } });
  });
});

describe('answers laid out by the call’s questions', () => {
  const questions: CallQuestion[] = [
    { key: 'need', section: { it: 'Idea', en: 'Idea' }, type: 'long_text', label: { it: 'Bisogno', en: 'Need' }, required: true },
    { key: 'cost', section: { it: 'Soldi', en: 'Money' }, type: 'money', label: { it: 'Costo', en: 'Cost' }, required: false },
    {
      key: 'when',
      section: { it: 'Soldi', en: 'Money' },
      type: 'multiple_choice',
      label: { it: 'Quando', en: 'When' },
      required: false,
      options: [{ value: 'am', label: { it: 'Mattina', en: 'Morning' } }],
    },
  ];

  it('groups by section, types each value, and keeps answers to removed questions', () => {
    const view = answersView(questions, { need: 'Spazi', cost: 150_000, when: ['am', 'pm'], old: true }, new Map());
    expect(view).toEqual([
      { title: questions[0]!.section, items: [{ key: 'need', label: questions[0]!.label, display: { kind: 'text', text: 'Spazi' } }] },
      {
        title: questions[1]!.section,
        items: [
          { key: 'cost', label: questions[1]!.label, display: { kind: 'money', cents: 150_000 } },
          { key: 'when', label: questions[2]!.label, display: { kind: 'choices', labels: [{ it: 'Mattina', en: 'Morning' }, 'pm'] } },
        ],
      },
      { title: null, items: [{ key: 'old', label: null, display: { kind: 'yes_no', value: true } }] },
    ]);
  });
});
