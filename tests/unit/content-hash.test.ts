import { describe, expect, it } from 'vitest';
import { canonicalJson, contentSha256, type SubmittedContent } from '../../src/domain/proposals/content-hash.ts';

const content: SubmittedContent = {
  call: { id: '0b9c6a8e-57a4-4d0e-9a55-2f1d2c3b4a50', version: 2 },
  applicantType: 'informal_group',
  organisationName: null,
  title: 'Doposcuola di cortile',
  neighbourhoodId: '5f4e3d2c-1b0a-4c9d-8e7f-6a5b4c3d2e1f',
  requestedCents: 1_500_000,
  answers: { need: 'Un posto tranquillo per studiare', users: 40, topics: ['children', 'elderly'], space: true },
  team: [
    { name: 'Agata Russo', role: 'referente', adult: true },
    { name: 'Orazio Greco', role: 'educatore', adult: true },
  ],
  attachments: ['b'.repeat(64), 'a'.repeat(64)],
};

/** The same data assembled in another order, as a different code path might build it. */
function reordered(c: SubmittedContent): SubmittedContent {
  return {
    attachments: [...c.attachments].reverse(),
    team: c.team.map((m) => ({ adult: m.adult, role: m.role, name: m.name })),
    answers: Object.fromEntries(Object.entries(c.answers).reverse()),
    requestedCents: c.requestedCents,
    neighbourhoodId: c.neighbourhoodId,
    title: c.title,
    organisationName: c.organisationName,
    applicantType: c.applicantType,
    call: { version: c.call.version, id: c.call.id },
  };
}

describe('contentSha256', () => {
  it('is 64 hex characters', () => {
    expect(contentSha256(content)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is the same for the same content whatever the key order and attachment order', () => {
    expect(contentSha256(reordered(content))).toBe(contentSha256(content));
  });

  it('is the SHA-256 of the canonical JSON, so anyone can recompute it', async () => {
    const { createHash } = await import('node:crypto');
    const canonical = canonicalJson({ ...content, attachments: [...content.attachments].sort() });
    expect(canonical.startsWith('{"answers":{"need":')).toBe(true);
    expect(contentSha256(content)).toBe(createHash('sha256').update(canonical, 'utf8').digest('hex'));
  });

  const changes: [string, (c: SubmittedContent) => SubmittedContent][] = [
    ['the title', (c) => ({ ...c, title: c.title + '!' })],
    ['one cent', (c) => ({ ...c, requestedCents: c.requestedCents! + 1 })],
    ['an answer', (c) => ({ ...c, answers: { ...c.answers, users: 41 } })],
    ['an answer’s type', (c) => ({ ...c, answers: { ...c.answers, users: '40' } })],
    ['a choice’s order', (c) => ({ ...c, answers: { ...c.answers, topics: ['elderly', 'children'] } })],
    ['a team member', (c) => ({ ...c, team: [c.team[0]!, { ...c.team[1]!, adult: false }] })],
    ['an attachment', (c) => ({ ...c, attachments: [c.attachments[0]!, 'c'.repeat(64)] })],
    ['the call version', (c) => ({ ...c, call: { ...c.call, version: 3 } })],
    ['the applicant type', (c) => ({ ...c, applicantType: 'association' })],
    ['the organisation', (c) => ({ ...c, organisationName: '' })],
    ['the neighbourhood', (c) => ({ ...c, neighbourhoodId: null })],
  ];
  it.each(changes)('changes when %s changes', (_what, change) => {
    expect(contentSha256(change(content))).not.toBe(contentSha256(content));
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: undefined, x: 'é' }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"x":"é","z":1}]},"b":1}');
  });

  it('refuses what JSON cannot carry faithfully', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(TypeError);
  });
});
