import { sql } from 'drizzle-orm';
import type { Queryable } from '../../lib/server/db/index.ts';
import { publicBeneficiary } from './public-record.ts';
import { clampPage, isTrue, rowsOf, toCents, type Row } from './rows.ts';

/**
 * Disbursements (erogazioni) as the public may see them: day, amount, the tranche, whether the
 * money came from the programme or a donor's pledge, and the beneficiary only where publishable.
 * Payment references and donors' names stay out (a donor appears on the donor wall only with
 * consent).
 */
export type PublicPayment = {
  id: string;
  paidOn: string;
  amountCents: number;
  source: 'programme' | 'pledge';
  tranche: { position: number; it: string; en: string };
  beneficiary: string | null;
  beneficiaryPublishable: boolean;
  callSlug: string;
  callTitle: { it: string; en: string };
};

function toPublicPayment(r: Row): PublicPayment {
  const who = publicBeneficiary({
    startupName: String(r.startup_name),
    publicConsent: isTrue(r.public_consent),
    applicantType: String(r.applicant_type),
    organisationName: (r.organisation_name as string | null) ?? null,
  });
  return {
    id: String(r.id),
    paidOn: String(r.paid_on),
    amountCents: toCents(r.amount_cents),
    source: r.source === 'pledge' ? 'pledge' : 'programme',
    tranche: { position: Number(r.position), it: String(r.label_it), en: String(r.label_en) },
    beneficiary: who.name,
    beneficiaryPublishable: who.publishable,
    callSlug: String(r.call_slug),
    callTitle: { it: String(r.call_title_it), en: String(r.call_title_en) },
  };
}

/** One page of disbursements, latest payment first, with their count and total. */
export async function listPublicPayments(
  db: Queryable,
  o: { page: number; pageSize: number },
): Promise<{ rows: PublicPayment[]; total: number; totalCents: number; page: number }> {
  const [summary] = rowsOf(await db.execute(sql`select count(*) as n, coalesce(sum(amount_cents), 0) as cents from disbursements`));
  const total = Number(summary?.n ?? 0);
  const page = clampPage(o.page, total, o.pageSize);
  const offset = (page - 1) * o.pageSize;
  const result = await db.execute(sql`
    select d.id, d.amount_cents, d.paid_on::text as paid_on, d.source, t.position, t.label_it, t.label_en,
      s.name as startup_name, s.public_consent, p.applicant_type, p.organisation_name,
      c.slug as call_slug, c.title_it as call_title_it, c.title_en as call_title_en
    from disbursements d
    join tranches t on t.id = d.tranche_id
    join grants g on g.id = d.grant_id
    join startups s on s.id = g.startup_id
    join proposals p on p.id = s.proposal_id
    join calls c on c.id = g.call_id
    order by d.paid_on desc, d.created_at desc, d.id
    limit ${o.pageSize} offset ${offset}`);
  return { rows: rowsOf(result).map(toPublicPayment), total, totalCents: toCents(summary?.cents), page };
}
