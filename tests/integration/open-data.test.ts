import type { APIContext } from 'astro';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { donors, startupMembers, users } from '../../db/schema/index.ts';
import { grantCsvColumns, projectCsvColumns } from '../../src/domain/transparency/open-data-columns.ts';
import { publicGrantPages } from '../../src/domain/transparency/public-grants.server.ts';
import { GET as grantsCsv } from '../../src/pages/api/v1/open-data/grants.csv.ts';
import { GET as grantsJson } from '../../src/pages/api/v1/open-data/grants.json.ts';
import { GET as projectsCsv } from '../../src/pages/api/v1/open-data/projects.csv.ts';
import { buildOpenApi } from '../../src/lib/openapi.ts';
import { euroCellToCents, parseCsv } from '../support/csv.ts';
import { validateAgainst } from '../support/openapi-validate.ts';
import { testContext } from '../support/context.ts';
import { useTestDb } from '../support/db.ts';
import { T0 } from './helpers.ts';
import { transparencyScene } from './transparency-setup.ts';

const t = useTestDb();
const ORIGIN = 'http://vivaio.test';

function context(): APIContext {
  // A portal with its public address configured (links do not follow the request; see public-cache.test.ts).
  return { params: {}, locals: { ctx: testContext({ now: () => T0 }), runtime: { database: { db: t.db }, config: { publicUrl: ORIGIN } } } } as unknown as APIContext;
}
const get = (handler: unknown) => (handler as (c: APIContext) => Response | Promise<Response>)(context());

async function csvOf(handler: unknown) {
  const response = await get(handler);
  const bytes = new Uint8Array(await response.arrayBuffer());
  expect([...bytes.slice(0, 3)], 'UTF-8 byte order mark').toEqual([0xef, 0xbb, 0xbf]);
  const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes); // drops the BOM
  const [header, ...rows] = parseCsv(text);
  for (const row of rows) expect(row).toHaveLength(header!.length);
  return { response, text, header: header!, rows, cell: (row: string[], column: string) => row[header!.indexOf(column)]! };
}

async function scalar(query: ReturnType<typeof sql>): Promise<number> {
  const result = await t.db.execute(query);
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Record<string, unknown>[];
  return Number(Object.values(rows[0]!)[0]);
}

/** Everything that must never be published: people's names and emails, donors' tax codes, unconsented names. */
async function privateStrings(): Promise<string[]> {
  const people = await t.db.select({ name: users.name, email: users.email }).from(users);
  const members = await t.db.select({ name: startupMembers.name }).from(startupMembers);
  const givers = await t.db.select({ taxCode: donors.taxCode, email: donors.email, name: donors.name }).from(donors);
  return [
    ...people.flatMap((p) => [p.name, p.email]),
    ...members.map((m) => m.name),
    ...givers.flatMap((d) => [d.taxCode!, d.email, d.name]),
    'Bottega di Mario Rossi',
    'Gruppo senza contributo',
  ];
}

describe('GET /api/v1/open-data/grants.csv', () => {
  it('has the documented columns in order, one row per grant, oldest award first, with public cache and CORS', async () => {
    const s = await transparencyScene(t.db);
    const { response, header, rows, cell } = await csvOf(grantsCsv);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('cache-control')).toMatch(/^public, .*s-maxage=\d+/);
    expect(header).toEqual([...grantCsvColumns]);
    expect(rows).toHaveLength(4);
    expect(rows.map((r) => cell(r, 'data_concessione'))).toEqual(['2026-04-10', '2026-04-10', '2026-04-10', '2026-04-11']);
    const org = rows[0]!;
    // 22:30 UTC on 9 April is already 10 April in Rome.
    expect(cell(org, 'beneficiario')).toBe('Associazione Vicoli Aperti APS');
    expect(cell(org, 'progetto')).toBe('Vicoli Aperti');
    expect(cell(org, 'beneficiario_pubblicabile')).toBe('si');
    expect(cell(org, 'norma_titolo')).toBe('Avviso pubblico «Idee per il quartiere» – CT3.3.1.t (art. 12 L. 241/1990; artt. 26-27 D.lgs. 33/2013)');
    expect(cell(org, 'ufficio')).toBe(s.programme.office);
    expect(cell(org, 'responsabile_procedimento')).toBe(s.programme.rupName);
    expect(cell(org, 'modalita_individuazione')).toBe('Graduatoria di merito – avviso pubblico');
    expect(cell(org, 'cup')).toBe('D61B17000210007');
    expect(cell(org, 'avviso')).toBe('idee-quartiere');
    expect(cell(org, 'link_progetto')).toBe(`${ORIGIN}/it/calls/idee-quartiere/results`);
    expect(cell(org, 'data_impegno')).toBe('2026-04-01');
    const consenting = rows.find((r) => cell(r, 'beneficiario') === 'Ciclofficina Librino')!;
    expect(cell(consenting, 'link_progetto')).toBe(`${ORIGIN}/it/startups/${s.consenting.slug}`);
    expect(cell(consenting, 'importo_ammesso')).toBe('18500,50');
    expect(cell(consenting, 'importo_erogato')).toBe('4000,25');
  });

  it('a natural person without consent is published without a name, flagged, linked to the ranking only', async () => {
    const s = await transparencyScene(t.db);
    const { rows, cell } = await csvOf(grantsCsv);
    const hidden = rows.filter((r) => cell(r, 'beneficiario_pubblicabile') === 'no');
    expect(hidden).toHaveLength(1);
    expect(cell(hidden[0]!, 'beneficiario')).toBe('');
    expect(cell(hidden[0]!, 'progetto')).toBe('');
    expect(cell(hidden[0]!, 'link_progetto')).toBe(`${ORIGIN}/it/calls/idee-quartiere/results`);
    expect(cell(hidden[0]!, 'importo_erogato')).toBe('8000,00');
    expect(cell(hidden[0]!, 'link_progetto')).not.toContain(s.person.slug);
  });

  it('totals equal the database’s sums of grants and disbursements', async () => {
    await transparencyScene(t.db);
    const { rows, cell } = await csvOf(grantsCsv);
    const sum = (column: string) => rows.reduce((a, r) => a + euroCellToCents(cell(r, column)), 0);
    expect(sum('importo_ammesso')).toBe(await scalar(sql`select sum(awarded_cents) from grants`));
    expect(sum('importo_impegnato')).toBe(await scalar(sql`select sum(committed_cents) from grants`));
    expect(sum('importo_erogato')).toBe(await scalar(sql`select sum(amount_cents) from disbursements`));
    expect(sum('importo_erogato')).toBe(3_200_025);
  });

  it('publishes nothing private, and a name that looks like a formula is neutralised', async () => {
    await transparencyScene(t.db);
    const { text, rows, cell } = await csvOf(grantsCsv);
    for (const secret of await privateStrings()) expect(text, secret).not.toContain(secret);
    expect(text).not.toMatch(/@/);
    expect(rows.map((r) => cell(r, 'beneficiario'))).toContain(`'=HYPERLINK("http://x.example")`);
  });

  it('is the same file on every request, and keyset pages of any size neither skip nor repeat a grant', async () => {
    await transparencyScene(t.db);
    expect((await csvOf(grantsCsv)).text).toBe((await csvOf(grantsCsv)).text);
    const ids = async (size: number) => {
      const out: string[] = [];
      for await (const page of publicGrantPages(t.db, ORIGIN, size)) out.push(...page.map((g) => g.id));
      return out;
    };
    const all = await ids(500);
    expect(all).toHaveLength(4);
    for (const size of [1, 2, 3]) expect(await ids(size)).toEqual(all);
  });
});

describe('GET /api/v1/open-data/grants.json', () => {
  it('conforms to the OpenAPI schema and carries the same rows and totals as the CSV', async () => {
    await transparencyScene(t.db);
    const response = await get(grantsJson);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const text = await response.text();
    const body = JSON.parse(text) as { license: { name: string }; generatedAt: string; grants: Record<string, unknown>[] };
    expect(validateAgainst(body, 'OpenDataGrants')).toEqual([]);
    expect(body.license.name).toBe('CC BY 4.0');
    expect(body.generatedAt).toBe(T0.toISOString());
    const { rows, cell } = await csvOf(grantsCsv);
    expect(body.grants.map((g) => g.id)).toEqual(rows.map((r) => cell(r, 'id_concessione')));
    expect(body.grants.reduce((a, g) => a + (g.disbursedCents as number), 0)).toBe(await scalar(sql`select sum(amount_cents) from disbursements`));
    const hidden = body.grants.filter((g) => g.beneficiaryPublishable === false);
    expect(hidden).toEqual([expect.objectContaining({ beneficiary: null, project: null })]);
    for (const secret of await privateStrings()) expect(text, secret).not.toContain(secret);
  });

  it('is a valid empty list when nothing was granted yet', async () => {
    const body = JSON.parse(await (await get(grantsJson)).text());
    expect(body.grants).toEqual([]);
    expect(validateAgainst(body, 'OpenDataGrants')).toEqual([]);
  });
});

describe('GET /api/v1/open-data/projects.csv', () => {
  it('has OpenCoesione’s columns, one row per start-up, the four figures and the project state', async () => {
    const s = await transparencyScene(t.db);
    const { header, rows, cell, text } = await csvOf(projectsCsv);
    expect(header).toEqual([...projectCsvColumns]);
    expect(rows).toHaveLength(5);
    const byTitle = new Map(rows.map((r) => [cell(r, 'OC_TITOLO_PROGETTO'), r]));
    const org = byTitle.get('Vicoli Aperti')!;
    expect(cell(org, 'COD_LOCALE_PROGETTO')).toMatch(/^idee-quartiere\/IDEA-2026-\d{6}$/);
    expect(cell(org, 'CUP')).toBe('D61B17000210007');
    expect(cell(org, 'OC_DENOM_BENEFICIARIO')).toBe('Associazione Vicoli Aperti APS');
    expect([cell(org, 'FINANZ_TOTALE_PUBBLICO'), cell(org, 'OC_FINANZ_TOT_PUB_NETTO'), cell(org, 'IMPEGNI'), cell(org, 'TOT_PAGAMENTI')]).toEqual(['20000,00', '20000,00', '20000,00', '20000,00']);
    expect(cell(org, 'OC_STATO_PROGETTO')).toBe('Liquidato');
    expect(cell(org, 'DATA_AGGIORNAMENTO')).toBe('20260302');
    expect(cell(org, 'OC_DATA_INIZIO_PROGETTO')).toMatch(/^\d{8}$/);
    expect(cell(byTitle.get('Ciclofficina Librino')!, 'OC_STATO_PROGETTO')).toBe('In corso');
    const hidden = rows.filter((r) => cell(r, 'OC_DENOM_BENEFICIARIO') === '');
    expect(hidden.map((r) => cell(r, 'OC_STATO_PROGETTO')).sort()).toEqual(['In corso', 'Non avviato']);
    for (const r of hidden) expect(cell(r, 'OC_TITOLO_PROGETTO')).toMatch(/^Progetto IDEA-2026-\d{6} – beneficiario non pubblicabile/);
    expect(rows.map((r) => cell(r, 'COD_PROCED_ATTIVAZIONE'))).not.toContain(s.draft.slug);
    const sum = (column: string) => rows.reduce((a, r) => a + euroCellToCents(cell(r, column)), 0);
    expect(sum('TOT_PAGAMENTI')).toBe(await scalar(sql`select sum(amount_cents) from disbursements`));
    expect(sum('IMPEGNI')).toBe(await scalar(sql`select sum(committed_cents) from grants`));
    expect(sum('FINANZ_TOTALE_PUBBLICO')).toBe(await scalar(sql`select sum(grant_cents) from ranking_entries`));
    for (const secret of await privateStrings()) expect(text, secret).not.toContain(secret);
  });
});

describe('the OpenAPI document', () => {
  it('describes the three open-data endpoints and documents the CSV columns in order', () => {
    const doc = buildOpenApi(ORIGIN) as { paths: Record<string, { get: { responses: Record<string, { content: Record<string, { schema: { description?: string } }> }> } }> };
    for (const path of ['/api/v1/open-data/grants.csv', '/api/v1/open-data/grants.json', '/api/v1/open-data/projects.csv']) expect(doc.paths[path], path).toBeDefined();
    const csvDoc = doc.paths['/api/v1/open-data/grants.csv']!.get.responses['200']!.content['text/csv']!.schema.description!;
    expect(csvDoc).toContain(grantCsvColumns.map((c) => `\`${c}\``).join(', '));
  });
});
