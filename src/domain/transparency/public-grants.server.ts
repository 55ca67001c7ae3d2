import { sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../lib/server/db/index.ts';
import { clampPage, isTrue, rowsOf, toCents, type Row } from './rows.ts';
import { legalBasis, publicBeneficiary, SELECTION_METHOD } from './public-record.ts';

/**
 * Grants as the public may see them (D.lgs. 33/2013 art. 27 c. 1): beneficiary only where
 * publishable (public-record.ts), amounts, legal title, office and RUP, selection method, link.
 * Raw names never leave this module: rows are mapped through `publicBeneficiary` right here.
 */
export type PublicGrant = {
  id: string;
  beneficiary: string | null;
  project: string | null;
  beneficiaryPublishable: boolean;
  awardedCents: number;
  committedCents: number;
  disbursedCents: number;
  legalBasis: string;
  office: string | null;
  rup: string | null;
  selectionMethod: string;
  /** The start-up's public profile when it consented, else the call's published ranking (absolute, Italian). */
  url: string;
  /** The same page's path after the language segment, for links in either language. */
  linkPath: string;
  cup: string | null;
  programmeCode: string;
  callSlug: string;
  callTitle: { it: string; en: string };
  /** Rome day the grant was awarded (the award act recorded by staff). */
  awardedOn: string;
  /** Day of the grant agreement (legally binding commitment), if signed. */
  committedOn: string | null;
};

/** Opaque keyset position: the grant's creation instant as PostgreSQL prints it (µs kept) and its id. */
export type GrantCursor = { at: string; id: string };

function grantsQuery(where: SQL, order: SQL, limit: number, offset = 0): SQL {
  return sql`
    select g.id, g.awarded_cents, g.committed_cents, g.committed_on::text as committed_on, g.created_at::text as cursor_at,
      to_char(g.created_at at time zone 'Europe/Rome', 'YYYY-MM-DD') as awarded_on,
      coalesce((select sum(d.amount_cents) from disbursements d where d.grant_id = g.id), 0) as disbursed_cents,
      s.name as startup_name, s.slug as startup_slug, s.public_consent,
      p.applicant_type, p.organisation_name,
      c.slug as call_slug, c.title_it as call_title_it, c.title_en as call_title_en,
      pr.code as programme_code, pr.cup, pr.office, pr.rup_name
    from grants g
    join startups s on s.id = g.startup_id
    join proposals p on p.id = s.proposal_id
    join calls c on c.id = g.call_id
    join programmes pr on pr.id = c.programme_id
    where ${where}
    order by ${order}
    limit ${limit} offset ${offset}`;
}

function toPublicGrant(r: Row, origin: string): PublicGrant {
  const consent = isTrue(r.public_consent);
  const who = publicBeneficiary({
    startupName: String(r.startup_name),
    publicConsent: consent,
    applicantType: String(r.applicant_type),
    organisationName: (r.organisation_name as string | null) ?? null,
  });
  const callSlug = String(r.call_slug);
  const linkPath = consent ? `startups/${String(r.startup_slug)}` : `calls/${callSlug}/results`;
  return {
    id: String(r.id),
    beneficiary: who.name,
    project: who.project,
    beneficiaryPublishable: who.publishable,
    awardedCents: toCents(r.awarded_cents),
    committedCents: toCents(r.committed_cents),
    disbursedCents: toCents(r.disbursed_cents),
    legalBasis: legalBasis(String(r.call_title_it), String(r.programme_code)),
    office: (r.office as string | null) ?? null,
    rup: (r.rup_name as string | null) ?? null,
    selectionMethod: SELECTION_METHOD,
    url: `${origin}/it/${linkPath}`,
    linkPath,
    cup: (r.cup as string | null) ?? null,
    programmeCode: String(r.programme_code),
    callSlug,
    callTitle: { it: String(r.call_title_it), en: String(r.call_title_en) },
    awardedOn: String(r.awarded_on),
    committedOn: (r.committed_on as string | null) ?? null,
  };
}

/**
 * Every grant, oldest award first, a page of `pageSize` at a time (keyset: each page is one
 * query that starts after the last row of the previous one, so nothing is held in memory and
 * rows inserted meanwhile are not skipped or repeated).
 */
export async function* publicGrantPages(db: Queryable, origin: string, pageSize = 500): AsyncGenerator<PublicGrant[]> {
  let cursor: GrantCursor | null = null;
  for (;;) {
    const where: SQL = cursor ? sql`(g.created_at, g.id) > (${cursor.at}::timestamptz, ${cursor.id}::uuid)` : sql`true`;
    const rows = rowsOf(await db.execute(grantsQuery(where, sql`g.created_at, g.id`, pageSize)));
    if (rows.length === 0) return;
    yield rows.map((r) => toPublicGrant(r, origin));
    if (rows.length < pageSize) return;
    const last = rows.at(-1)!;
    cursor = { at: String(last.cursor_at), id: String(last.id) };
  }
}

/** One page of grants for the transparency page, newest award first, with the total count. */
export async function listPublicGrants(
  db: Queryable,
  origin: string,
  o: { page: number; pageSize: number },
): Promise<{ rows: PublicGrant[]; total: number; page: number }> {
  const [count] = rowsOf(await db.execute(sql`select count(*) as n from grants`));
  const total = Number(count?.n ?? 0);
  const page = clampPage(o.page, total, o.pageSize);
  const rows = rowsOf(await db.execute(grantsQuery(sql`true`, sql`g.created_at desc, g.id desc`, o.pageSize, (page - 1) * o.pageSize)));
  return { rows: rows.map((r) => toPublicGrant(r, origin)), total, page };
}
