import { applicantTypes, fileKinds, questionTypes, themes } from '../domain/calls/definitions.ts';
import { grantCsvColumns, projectCsvColumns } from '../domain/transparency/open-data-columns.ts';

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

const openDataHeaders = {
  'Access-Control-Allow-Origin': { schema: { type: 'string', const: '*' } },
  'Cache-Control': {
    schema: { type: 'string' },
    description: '`public, max-age=0, s-maxage=30` (shared caches keep a file 30 s at most); `private, no-store` for the grants files when the portal has no configured public address, since their links then follow the request',
  },
};
const nullable = (type: string, description: string, extra: Record<string, unknown> = {}) => ({ type: [type, 'null'], description, ...extra });
const day = (description: string) => ({ type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: `${description} (YYYY-MM-DD, Rome calendar day)` });
const csvNote =
  'UTF-8 with a byte order mark, `;` separator, CRLF line ends, RFC 4180 quoting, amounts in euros with a decimal comma and no thousands separator; ' +
  'cells that would start with `= + - @` are prefixed with an apostrophe. Columns in this order (new columns are only ever appended): ';

const openDataSchemas = {
  OpenDataGrant: object(
    {
      id: { type: 'string', format: 'uuid', description: 'Stable identifier of the grant' },
      beneficiary: nullable('string', 'Art. 27 c.1 a: the organisation, or the start-up that consented to its public profile; null when not publishable (a natural person, art. 26 c.4)'),
      project: nullable('string', 'The funded start-up, when publishable'),
      beneficiaryPublishable: { type: 'boolean', description: 'false: the beneficiary is a natural person who may not be named' },
      awardedCents: cents('Awarded (ammesso)'),
      committedCents: cents('Legally committed by the signed grant agreement (giuridicamente vincolante)'),
      disbursedCents: cents('Paid out so far (erogato)'),
      legalBasis: { type: 'string', description: 'Art. 27 c.1 c: the public call and programme line that are the title of the award' },
      office: nullable('string', 'Art. 27 c.1 d: the office in charge'),
      rup: nullable('string', 'Art. 27 c.1 d: the official responsible for the procedure (RUP)'),
      selectionMethod: { type: 'string', description: 'Art. 27 c.1 e: how the beneficiary was chosen' },
      url: { type: 'string', format: 'uri', description: 'Art. 27 c.1 f: the start-up’s public profile, or the call’s published ranking' },
      cup: nullable('string', 'Codice Unico di Progetto of the programme operation'),
      programmeCode: { type: 'string' },
      callSlug: { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' },
      callTitle: ref('LocalizedText'),
      awardedOn: day('Day of the award'),
      committedOn: { oneOf: [day('Day of the grant agreement'), { type: 'null' }] },
    },
    'One grant (contributo) with the fields of D.lgs. 33/2013 art. 27',
  ),
  OpenDataGrants: object(
    {
      license: object({ name: { type: 'string', const: 'CC BY 4.0' }, url: { type: 'string', format: 'uri' } }),
      source: { type: 'string', format: 'uri', description: 'The transparency page these data come from' },
      generatedAt: iso('When the file was written'),
      grants: arrayOf(ref('OpenDataGrant')),
    },
    'Every grant, oldest award first',
  ),
};

const csvResponse = (description: string, columns: readonly string[]) => ({
  200: { description, headers: openDataHeaders, content: { 'text/csv': { schema: { type: 'string', description: csvNote + columns.map((c) => `\`${c}\``).join(', ') } } } },
});

const openDataSection: OpenApiSection = {
  tags: [{ name: 'open-data', description: 'Where the money goes: open data under CC BY 4.0, streamed. Nothing personal: natural persons are never named (D.lgs. 33/2013 art. 26 c.4).' }],
  schemas: openDataSchemas,
  paths: {
    '/api/v1/open-data/grants.csv': {
      get: {
        tags: ['open-data'],
        operationId: 'grantsCsv',
        summary: 'Grants with the fields of D.lgs. 33/2013 art. 27, as CSV',
        responses: csvResponse('One row per grant, oldest award first', grantCsvColumns),
      },
    },
    '/api/v1/open-data/grants.json': {
      get: {
        tags: ['open-data'],
        operationId: 'grantsJson',
        summary: 'Grants with the fields of D.lgs. 33/2013 art. 27, as JSON',
        responses: { 200: { description: 'Every grant', headers: openDataHeaders, content: { 'application/json': { schema: ref('OpenDataGrants') } } } },
      },
    },
    '/api/v1/open-data/projects.csv': {
      get: {
        tags: ['open-data'],
        operationId: 'projectsCsv',
        summary: 'Incubated projects in OpenCoesione’s columns, as CSV',
        description: 'One row per start-up. Programmato → FINANZ_TOTALE_PUBBLICO, ammesso → OC_FINANZ_TOT_PUB_NETTO, giuridicamente vincolante → IMPEGNI and OC_IMPEGNI_GIURID_VINCOLANTI, erogato → TOT_PAGAMENTI; dates YYYYMMDD.',
        responses: csvResponse('One row per start-up, oldest first', projectCsvColumns),
      },
    },
  },
};

/** Every area's part of the API. Add a section here when an issue adds endpoints. */
const sections: OpenApiSection[] = [callsSection, openDataSection];

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
