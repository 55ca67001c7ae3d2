import { describe, expect, it } from 'vitest';
import { emptyContent, validateContent, type CallRules } from '../../src/domain/proposals/content.ts';
import { readProposalForm } from '../../src/domain/proposals/form.ts';
import { formatProtocolNumber } from '../../src/domain/proposals/protocol.ts';
import { formSections, sectionProgress } from '../../src/domain/proposals/sections.ts';
import { checkSubmission } from '../../src/domain/proposals/submission.ts';

const N1 = '11111111-1111-4111-8111-111111111111';
const call: CallRules = {
  applicantTypes: ['individual', 'informal_group', 'association'],
  minGroupMembers: 2,
  maxGrantCents: 2_500_000,
  questions: [{ key: 'need', section: { it: 'Idea', en: 'Idea' }, type: 'long_text', label: { it: 'B', en: 'N' }, required: true, min: 10 }],
  neighbourhoodIds: [N1],
};
const previous = { ...emptyContent(call), title: 'Vecchio titolo', requestedCents: 100_000 };

describe('readProposalForm', () => {
  it('reads fixed fields, team rows and answers (repeated for multiple choices) from a form', () => {
    const form = new FormData();
    const fields: [string, string][] = [['title', 'Orto'], ['requested', '1.500'], ['teamRows', '2'], ['team.0.name', 'Agata'], ['team.0.adult', 'on'], ['team.1.role', 'cuoco'], ['answers.groups', ''], ['answers.groups', 'elderly'], ['answers.Bad-Key', 'x']];
    for (const [k, v] of fields) form.append(k, v);
    expect(readProposalForm(form)).toEqual({
      title: 'Orto',
      requested: '1.500',
      team: [{ name: 'Agata', adult: 'on' }, { role: 'cuoco' }],
      answers: { groups: ['', 'elderly'] },
    });
  });
});

describe('validateContent', () => {
  it('keeps the previous value of a wrong field in a draft, and flags it', () => {
    const { content, errors } = validateContent(call, { title: 'Nuovo', requested: 'tanti', neighbourhoodId: 'elsewhere', applicantType: 'company' }, 'draft', previous);
    expect(content).toMatchObject({ title: 'Nuovo', requestedCents: 100_000, neighbourhoodId: null, applicantType: 'individual' });
    expect(Object.keys(errors).sort()).toEqual(['applicantType', 'neighbourhoodId', 'requested']);
  });

  it('leaves fields the form did not send as they were', () => {
    expect(validateContent(call, {}, 'draft', previous)).toEqual({ content: previous, errors: {} });
  });

  it('needs an organisation name for associations and two adults for an informal group, at submission', () => {
    const base = { title: 'Un titolo', requested: '1000', neighbourhoodId: N1, answers: { need: 'abbastanza lungo' } };
    const association = validateContent(call, { ...base, applicantType: 'association' }, 'submit', previous);
    expect(association.errors).toEqual({ organisationName: { key: 'validation.required' } });
    const group = validateContent(call, { ...base, applicantType: 'informal_group', team: [{ name: 'Agata', adult: 'on' }, { name: 'Nino' }] }, 'submit', previous);
    expect(group.errors).toEqual({ team: { key: 'proposals.errors.teamTooSmall', params: { min: 2 } } });
    const ok = validateContent(call, { ...base, applicantType: 'informal_group', team: [{ name: 'Agata', adult: 'on' }, { name: 'Nino', adult: 'on' }, {}] }, 'submit', previous);
    expect(ok.errors).toEqual({});
    expect(ok.content.team).toEqual([{ name: 'Agata', role: '', adult: true }, { name: 'Nino', role: '', adult: true }]);
  });

  it('refuses more than the maximum grant at submission and nothing or zero', () => {
    expect(validateContent(call, { requested: '25.000,01' }, 'submit', previous).errors.requested?.key).toBe('proposals.errors.overMaxGrant');
    expect(validateContent(call, { requested: '0' }, 'submit', previous).errors.requested?.key).toBe('proposals.errors.requestedPositive');
    expect(validateContent(call, { requested: '' }, 'submit', previous).errors.requested?.key).toBe('validation.required');
  });
});

describe('submission check and progress', () => {
  it('lists missing attachments and declarations, and counts complete sections', () => {
    const withAttachments = { ...call, id: 'c', version: 1, attachments: [{ key: 'budget', label: { it: 'B', en: 'B' }, required: true, kinds: ['pdf' as const], maxBytes: 1024 }] };
    const content = { ...previous, title: 'Un titolo', neighbourhoodId: N1, answers: { need: 'abbastanza lungo' } };
    const errors = checkSubmission({ call: withAttachments, content, files: [], declarations: { truthfulness: true, privacy: false }, locale: 'it' });
    expect(errors).toEqual({ 'attachments.budget': { key: 'proposals.errors.attachmentMissing' }, privacy: { key: 'validation.mustAccept' } });
    const sections = formSections(withAttachments);
    expect(sections.map((s) => s.id)).toEqual(['applicant', 'team', 'section-1', 'attachments']);
    expect(sectionProgress(sections, errors).filter((p) => p.complete).map((p) => p.id)).toEqual(['applicant', 'team', 'section-1']);
  });
});

describe('formatProtocolNumber', () => {
  it('pads the sequence and takes the year in Rome', () => {
    expect(formatProtocolNumber('IDEA', new Date('2026-03-01T09:00:00Z'), 123)).toBe('IDEA-2026-000123');
    expect(formatProtocolNumber('IDEA', new Date('2025-12-31T23:30:00Z'), 1)).toBe('IDEA-2026-000001');
  });
});
