import type { Queryable } from '../../lib/server/db/index.ts';
import { centsToCsvEuros, CSV_BOM, csvRow } from '../admissibility/csv.ts';
import { projectCsvColumns } from './open-data-columns.ts';
import { compactDay, romeDay } from './public-record.ts';
import { publicProjectPages, type PublicProject } from './public-projects.server.ts';

// Projects in OpenCoesione's layout (columns and mapping: open-data-columns.ts), streamed.
function projectLine(p: PublicProject, updated: string): string {
  return csvRow([
    p.code,
    p.cup,
    p.title,
    p.programmeCode,
    p.programmeTitle,
    p.callSlug,
    p.callTitle,
    p.beneficiary,
    centsToCsvEuros(p.plannedCents),
    centsToCsvEuros(p.awardedCents),
    centsToCsvEuros(p.committedCents),
    centsToCsvEuros(p.committedCents),
    centsToCsvEuros(p.disbursedCents),
    p.state,
    compactDay(p.startedOn),
    updated,
  ]);
}

export async function* projectsCsv(db: Queryable, now: Date): AsyncGenerator<string> {
  const updated = compactDay(romeDay(now))!;
  yield CSV_BOM + csvRow(projectCsvColumns);
  for await (const page of publicProjectPages(db, 500)) yield page.map((p) => projectLine(p, updated)).join('');
}
