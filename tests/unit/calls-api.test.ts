import { describe, expect, it } from 'vitest';
import { toApiCall, toApiCallDetail } from '../../src/domain/calls/api-view.ts';
import type { PublicCall } from '../../src/domain/calls/calls.repo.server.ts';
import { buildOpenApi } from '../../src/lib/openapi.ts';
import { sampleAttachments, sampleEligibility, sampleQuestions, sampleRubric } from '../factories/calls.ts';
import { validateAgainst } from '../support/openapi-validate.ts';

const origin = 'https://vivaio.example.it';
const doc = buildOpenApi(origin) as { openapi: string; paths: Record<string, unknown>; components: { schemas: Record<string, unknown> } };

const call: PublicCall = {
  id: '0b5c3c52-8f0e-4a59-9d0c-6b1a0c7d9e11',
  programmeId: '1b5c3c52-8f0e-4a59-9d0c-6b1a0c7d9e11',
  slug: 'idee-2026',
  phase: 'published',
  status: 'open',
  titleIt: 'Idee', titleEn: 'Ideas', summaryIt: 'Sintesi', summaryEn: 'Summary', bodyIt: '## A', bodyEn: '## A',
  themes: ['care'],
  applicantTypes: ['individual', 'informal_group'],
  minGroupMembers: 3,
  eligibility: sampleEligibility,
  opensAt: new Date('2026-11-01T11:00:00Z'),
  closesAt: new Date('2026-12-15T11:00:00Z'),
  budgetCents: 30_000_000,
  maxGrantCents: 2_500_000,
  minCofinancingPct: 10,
  attachments: sampleAttachments,
  questions: sampleQuestions,
  rubric: sampleRubric,
  observationDays: 10,
  protocolPrefix: 'IDEA',
  lastProtocolSeq: 41,
  version: 2,
  publishedAt: new Date('2026-10-25T08:00:00Z'),
  createdBy: '2b5c3c52-8f0e-4a59-9d0c-6b1a0c7d9e11',
  createdAt: new Date('2026-10-01T08:00:00Z'),
  updatedAt: new Date('2026-11-20T08:00:00Z'),
  neighbourhoods: [{ slug: 'civita', name: 'Civita', district: null }],
  programme: { code: 'CT3.3.1.a', cup: 'D61B17000210007', rupName: 'Maria Rossi', office: 'Politiche sociali', titleIt: 'P', titleEn: 'P' },
  amendments: [{ id: 'a', version: 2, kind: 'proroga', noteIt: 'Prorogata', noteEn: 'Extended', changes: {}, createdAt: new Date('2026-11-20T08:00:00Z') }],
  documents: [{ id: '3b5c3c52-8f0e-4a59-9d0c-6b1a0c7d9e11', originalName: 'avviso.pdf', mime: 'application/pdf', sizeBytes: 1234, purpose: 'avviso' }],
};

describe('API shape of calls', () => {
  it('a list item has the fields of the contract, in ISO 8601 UTC, with the status named as in DESIGN.md', () => {
    expect(toApiCall(call, origin)).toEqual({
      slug: 'idee-2026',
      status: 'open',
      title: { it: 'Idee', en: 'Ideas' },
      summary: { it: 'Sintesi', en: 'Summary' },
      opensAt: '2026-11-01T11:00:00.000Z',
      closesAt: '2026-12-15T11:00:00.000Z',
      budgetCents: 30_000_000,
      maxGrantCents: 2_500_000,
      themes: ['care'],
      neighbourhoods: ['civita'],
      url: { it: 'https://vivaio.example.it/it/calls/idee-2026', en: 'https://vivaio.example.it/en/calls/idee-2026' },
    });
  });

  it('never leaks internal fields (protocol counter, rubric, creator)', () => {
    const detail = JSON.stringify(toApiCallDetail(call, origin));
    for (const secret of ['lastProtocolSeq', 'rubric', 'createdBy', 'programmeId', 'storage', '2b5c3c52']) expect(detail).not.toContain(secret);
  });

  it('list items and details conform to the OpenAPI schemas', () => {
    expect(validateAgainst(toApiCall(call, origin), 'Call')).toEqual([]);
    expect(validateAgainst(toApiCallDetail(call, origin), 'CallDetail')).toEqual([]);
    expect(validateAgainst({ error: 'not_found' }, 'Error')).toEqual([]);
  });

  it('the schema check itself can fail', () => {
    expect(validateAgainst({ ...toApiCall(call, origin), status: 'draft', extra: 1 }, 'Call')).toEqual([
      '$.status: draft not in enum',
      '$.extra: not in the schema',
    ]);
  });
});

describe('OpenAPI document', () => {
  it('is OpenAPI 3.1 with the calls endpoints and resolvable references', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/calls', '/api/v1/calls/{slug}', '/api/v1/openapi.json']));
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/(\w+)"/g)].map((m) => m[1]!);
    expect(refs.filter((name) => !(name in doc.components.schemas))).toEqual([]);
  });
});
