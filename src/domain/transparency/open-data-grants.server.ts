import type { Queryable } from '../../lib/server/db/index.ts';
import { centsToCsvEuros, CSV_BOM, csvRow } from '../admissibility/csv.ts';
import { grantCsvColumns, OPEN_DATA_LICENSE } from './open-data-columns.ts';
import { publicGrantPages, type PublicGrant } from './public-grants.server.ts';

// Open data of the grants (columns and format: open-data-columns.ts), streamed a keyset page at a time.
const PAGE = 500;

function grantCsvLine(g: PublicGrant): string {
  return csvRow([
    g.id,
    g.beneficiary,
    g.beneficiaryPublishable ? 'si' : 'no',
    g.project,
    centsToCsvEuros(g.awardedCents),
    centsToCsvEuros(g.committedCents),
    centsToCsvEuros(g.disbursedCents),
    g.legalBasis,
    g.office,
    g.rup,
    g.selectionMethod,
    g.url,
    g.cup,
    g.programmeCode,
    g.callSlug,
    g.awardedOn,
    g.committedOn,
  ]);
}

/** The JSON record: the public fields only (schema OpenDataGrant; `linkPath` is for the page's own links). */
function jsonGrant({ linkPath: _, ...grant }: PublicGrant): Omit<PublicGrant, 'linkPath'> {
  return grant;
}

export async function* grantsCsv(db: Queryable, origin: string): AsyncGenerator<string> {
  yield CSV_BOM + csvRow(grantCsvColumns);
  for await (const page of publicGrantPages(db, origin, PAGE)) yield page.map(grantCsvLine).join('');
}

/** The same rows as JSON (schema OpenDataGrants in the OpenAPI document), written as they come. */
export async function* grantsJson(db: Queryable, origin: string, now: Date): AsyncGenerator<string> {
  const head = { license: OPEN_DATA_LICENSE, source: `${origin}/it/transparency`, generatedAt: now.toISOString() };
  yield `${JSON.stringify(head).slice(0, -1)},"grants":[`;
  let first = true;
  for await (const page of publicGrantPages(db, origin, PAGE)) {
    yield (first ? '' : ',') + page.map((g) => JSON.stringify(jsonGrant(g))).join(',');
    first = false;
  }
  yield ']}';
}
