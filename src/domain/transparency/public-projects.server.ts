import { sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../lib/server/db/index.ts';
import { startupFigures } from '../money/figures.server.ts';
import type { FourFigures } from '../money/figures.ts';
import { projectCode, projectState, publicBeneficiary, publicProjectTitle, type ProjectState } from './public-record.ts';
import { isTrue, rowsOf } from './rows.ts';

/**
 * One row per incubated start-up (a "progetto" in OpenCoesione's sense), with the four figures of
 * money/figures.server.ts — the same definitions as the transparency page — and nothing personal.
 */
export type PublicProject = FourFigures & {
  code: string;
  cup: string | null;
  title: string;
  beneficiary: string | null;
  programmeCode: string;
  programmeTitle: string;
  callSlug: string;
  callTitle: string;
  state: ProjectState;
  /** Rome day the incubation started. */
  startedOn: string;
};

/**
 * Every project, oldest first, a page at a time: one keyset query for the page's start-ups, then
 * one figures query for those ids (two queries per page, never one per row).
 */
export async function* publicProjectPages(db: Queryable, pageSize = 500): AsyncGenerator<PublicProject[]> {
  let cursor: { at: string; id: string } | null = null;
  for (;;) {
    const after: SQL = cursor ? sql`(s.created_at, s.id) > (${cursor.at}::timestamptz, ${cursor.id}::uuid)` : sql`true`;
    const rows = rowsOf(
      await db.execute(sql`
        select s.id, s.name, s.public_consent, s.stage, s.created_at::text as cursor_at,
          to_char(s.created_at at time zone 'Europe/Rome', 'YYYY-MM-DD') as started_on,
          p.applicant_type, p.organisation_name, p.protocol_number,
          c.slug as call_slug, c.title_it as call_title, pr.code as programme_code, pr.title_it as programme_title, pr.cup
        from startups s
        join proposals p on p.id = s.proposal_id
        join calls c on c.id = s.call_id
        join programmes pr on pr.id = c.programme_id
        where ${after}
        order by s.created_at, s.id
        limit ${pageSize}`),
    );
    if (rows.length === 0) return;
    const figures = new Map((await startupFigures(db, { startupIds: rows.map((r) => String(r.id)) })).map((f) => [f.id, f]));
    yield rows.map((r) => {
      const f = figures.get(String(r.id))!;
      const money: FourFigures = { plannedCents: f.plannedCents, awardedCents: f.awardedCents, committedCents: f.committedCents, disbursedCents: f.disbursedCents };
      const who = publicBeneficiary({
        startupName: String(r.name),
        publicConsent: isTrue(r.public_consent),
        applicantType: String(r.applicant_type),
        organisationName: (r.organisation_name as string | null) ?? null,
      });
      const protocol = (r.protocol_number as string | null) ?? null;
      return {
        code: projectCode(String(r.call_slug), protocol, String(r.id)),
        cup: (r.cup as string | null) ?? null,
        title: publicProjectTitle(who.project, protocol),
        beneficiary: who.name,
        programmeCode: String(r.programme_code),
        programmeTitle: String(r.programme_title),
        callSlug: String(r.call_slug),
        callTitle: String(r.call_title),
        state: projectState({ stage: String(r.stage), ...money }),
        startedOn: String(r.started_on),
        ...money,
      };
    });
    if (rows.length < pageSize) return;
    const last = rows.at(-1)!;
    cursor = { at: String(last.cursor_at), id: String(last.id) };
  }
}
