import { applicantTypes, fileKinds, questionTypes, themes } from '../domain/calls/definitions.ts';

/**
 * The OpenAPI 3.1 description of /api/v1, served at /api/v1/openapi.json. Each area contributes a
 * section (paths, schemas, tags); a later issue adds its own section to `sections` below. Schemas
 * are JSON Schema 2020-12, as OpenAPI 3.1 uses.
 */
export type OpenApiSection = {
  tags: { name: string; description: string }[];
  paths: Record<string, unknown>;
  schemas: Record<string, unknown>;
};

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const iso = (description: string) => ({ type: 'string', format: 'date-time', description });
const cents = (description: string) => ({ type: 'integer', minimum: 0, description: `${description}, in euro cents` });
const object = (properties: Record<string, unknown>, description?: string) => ({
  type: 'object',
  ...(description ? { description } : {}),
  required: Object.keys(properties),
  properties,
  additionalProperties: false,
});
const arrayOf = (items: unknown) => ({ type: 'array', items });
const publicHeaders = {
  'Access-Control-Allow-Origin': { schema: { type: 'string', const: '*' } },
  'Cache-Control': { schema: { type: 'string' }, description: '`public, max-age=60`' },
};

const callStatuses = ['published', 'open', 'closed', 'in_review', 'ranking_provisional', 'ranking_final', 'archived'];

const callProperties = {
  slug: { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' },
  status: ref('CallStatus'),
  title: ref('LocalizedText'),
  summary: ref('LocalizedText'),
  opensAt: iso('When submissions open (UTC)'),
  closesAt: iso('The deadline (UTC): submissions committed before this instant are on time'),
  budgetCents: cents('Total budget'),
  maxGrantCents: cents('Maximum grant per proposal'),
  themes: arrayOf({ type: 'string', enum: [...themes] }),
  neighbourhoods: arrayOf({ type: 'string', description: 'Neighbourhood slug' }),
  url: object({ it: { type: 'string', format: 'uri' }, en: { type: 'string', format: 'uri' } }, 'The public page of the call in each language'),
};

const detailProperties = {
  version: { type: 'integer', minimum: 1, description: 'Raised by every amendment' },
  minCofinancingPct: { type: 'integer', minimum: 0, maximum: 100 },
  applicantTypes: arrayOf({ type: 'string', enum: [...applicantTypes] }),
  minGroupMembers: { type: 'integer', minimum: 1 },
  programme: object({ code: { type: 'string' }, cup: { type: ['string', 'null'] }, rup: { type: ['string', 'null'] }, office: { type: ['string', 'null'] } }),
  eligibility: arrayOf(
    object({
      key: { type: 'string' },
      text: ref('LocalizedText'),
      excludingAnswer: { type: 'string', enum: ['yes', 'no'] },
      reason: ref('LocalizedText'),
      alternative: { oneOf: [ref('LocalizedText'), { type: 'null' }] },
    }),
  ),
  attachments: arrayOf(
    object({ key: { type: 'string' }, label: ref('LocalizedText'), required: { type: 'boolean' }, kinds: arrayOf({ type: 'string', enum: [...fileKinds] }), maxBytes: { type: 'integer' } }),
  ),
  // Labels only: help texts and limits belong to the application form.
  questions: arrayOf(
    object({ key: { type: 'string' }, section: ref('LocalizedText'), type: { type: 'string', enum: [...questionTypes] }, label: ref('LocalizedText'), required: { type: 'boolean' } }),
  ),
  amendments: arrayOf(object({ version: { type: 'integer' }, kind: { type: 'string', enum: ['rettifica', 'proroga'] }, note: ref('LocalizedText'), date: iso('When it was published') })),
  documents: arrayOf(object({ name: { type: 'string' }, mime: { type: 'string' }, sizeBytes: { type: 'integer' }, url: { type: 'string', format: 'uri' } })),
};

const callSchemas = {
  LocalizedText: object({ it: { type: 'string' }, en: { type: 'string' } }, 'A text in Italian and English. English may be empty where staff have not translated it yet.'),
  CallStatus: {
    type: 'string',
    enum: callStatuses,
    description: 'The call lifecycle: `published` is visible but not yet open; `open` and `closed` follow opensAt/closesAt.',
  },
  Call: object(callProperties),
  CallDetail: object({ ...callProperties, ...detailProperties }, 'A call with everything needed to prepare a proposal'),
  Error: object({ error: { type: 'string', description: 'A stable code, e.g. `not_found`' } }),
};

const callsSection: OpenApiSection = {
  tags: [{ name: 'calls', description: 'Published calls for proposals (avvisi pubblici). Drafts are never exposed.' }],
  schemas: callSchemas,
  paths: {
    '/api/v1/calls': {
      get: {
        tags: ['calls'],
        operationId: 'listCalls',
        summary: 'Published calls',
        description: 'Every published call: open first by nearest deadline, then upcoming, then closed.',
        responses: { 200: { description: 'The calls', headers: publicHeaders, content: { 'application/json': { schema: arrayOf(ref('Call')) } } } },
      },
    },
    '/api/v1/calls/{slug}': {
      get: {
        tags: ['calls'],
        operationId: 'getCall',
        summary: 'One published call, with its requirements and amendments',
        parameters: [{ name: 'slug', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          200: { description: 'The call', headers: publicHeaders, content: { 'application/json': { schema: ref('CallDetail') } } },
          404: { description: 'No published call has this slug', headers: publicHeaders, content: { 'application/json': { schema: ref('Error') } } },
        },
      },
    },
    '/api/v1/openapi.json': {
      get: { tags: ['meta'], operationId: 'openApi', summary: 'This document', responses: { 200: { description: 'OpenAPI 3.1', content: { 'application/json': {} } } } },
    },
  },
};

/** Every area's part of the API. Add a section here when an issue adds endpoints. */
const sections: OpenApiSection[] = [callsSection];

export function buildOpenApi(serverUrl: string): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Vivaio public API',
      version: '1.0.0',
      description: 'Machine-readable data of the Vivaio portal. Anonymous, read-only, CORS-enabled. Amounts are integer euro cents; instants are ISO 8601 in UTC.',
      license: { name: 'CC BY 4.0', url: 'https://creativecommons.org/licenses/by/4.0/' },
    },
    servers: [{ url: serverUrl }],
    tags: [...sections.flatMap((s) => s.tags), { name: 'meta', description: 'About the API itself' }],
    paths: Object.assign({}, ...sections.map((s) => s.paths)),
    components: { schemas: Object.assign({}, ...sections.map((s) => s.schemas)) },
  };
}
