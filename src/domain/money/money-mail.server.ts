import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import { calls, donorUsers, donors, startupMembers, startups, users } from '../../../db/schema/index.ts';
import { formatMoney } from '../../lib/format.ts';
import type { Queryable } from '../../lib/server/db/index.ts';
import type { Locale } from '../../lib/i18n/locales.ts';
import type { RequestContext } from '../context.ts';
import { enqueueEmail } from '../mail/enqueue-email.server.ts';
import { formatDay } from './money-format.ts';

type Recipient = { userId: string | null; email: string; name: string; locale: Locale };

/** The donor's accounts; a donor without one (recorded by staff) is written to at its own address. */
async function donorRecipients(tx: Queryable, donorId: string): Promise<Recipient[]> {
  const accounts = await tx
    .select({ userId: users.id, email: users.email, name: users.name, locale: users.locale })
    .from(donorUsers)
    .innerJoin(users, eq(users.id, donorUsers.userId))
    .where(and(eq(donorUsers.donorId, donorId), isNull(users.disabledAt)));
  if (accounts.length > 0) return accounts;
  const [donor] = await tx.select({ email: donors.email, name: donors.name }).from(donors).where(eq(donors.id, donorId));
  return donor ? [{ userId: null, email: donor.email, name: donor.name, locale: 'it' }] : [];
}

async function teamRecipients(tx: Queryable, startupId: string): Promise<Recipient[]> {
  return tx
    .select({ userId: users.id, email: users.email, name: users.name, locale: users.locale })
    .from(startupMembers)
    .innerJoin(users, eq(users.id, startupMembers.userId))
    .where(and(eq(startupMembers.startupId, startupId), isNotNull(startupMembers.userId), isNull(users.disabledAt)));
}

/** What a pledge is for, in the reader's language: a start-up's name or the call's title. */
async function pledgeTarget(tx: Queryable, pledge: { callId: string; startupId: string | null }, locale: Locale): Promise<string> {
  if (pledge.startupId) {
    const [s] = await tx.select({ name: startups.name }).from(startups).where(eq(startups.id, pledge.startupId));
    if (s) return s.name;
  }
  const [c] = await tx.select({ titleIt: calls.titleIt, titleEn: calls.titleEn }).from(calls).where(eq(calls.id, pledge.callId));
  return locale === 'en' ? c?.titleEn || c?.titleIt || '' : (c?.titleIt ?? '');
}

/** `pledgeCommitted` to the donor, in the same transaction as the commitment. */
export async function notifyPledgeCommitted(
  tx: Queryable,
  ctx: Pick<RequestContext, 'origin'>,
  pledge: { donorId: string; callId: string; startupId: string | null; amountCents: number; agreementRef: string; agreementOn: string },
) {
  const [donor] = await tx.select({ name: donors.name }).from(donors).where(eq(donors.id, pledge.donorId));
  for (const r of await donorRecipients(tx, pledge.donorId)) {
    await enqueueEmail(tx, {
      to: r.email,
      userId: r.userId,
      locale: r.locale,
      template: 'pledgeCommitted',
      params: {
        name: r.name,
        link: `${ctx.origin}/${r.locale}/donor`,
        donor: donor?.name ?? '',
        amount: formatMoney(pledge.amountCents, r.locale),
        target: await pledgeTarget(tx, pledge, r.locale),
        agreement: pledge.agreementRef,
        date: formatDay(pledge.agreementOn, r.locale),
      },
    });
  }
}

/** `disbursementRecorded` to the team, and to the donor whose pledge paid it. */
export async function notifyDisbursement(
  tx: Queryable,
  ctx: Pick<RequestContext, 'origin'>,
  payment: { startupId: string; startupName: string; donorId: string | null; amountCents: number; reference: string; paidOn: string; tranche: { labelIt: string; labelEn: string } },
) {
  const send = async (r: Recipient, link: string) =>
    enqueueEmail(tx, {
      to: r.email,
      userId: r.userId,
      locale: r.locale,
      template: 'disbursementRecorded',
      params: {
        name: r.name,
        link,
        startup: payment.startupName,
        amount: formatMoney(payment.amountCents, r.locale),
        tranche: r.locale === 'en' ? payment.tranche.labelEn : payment.tranche.labelIt,
        reference: payment.reference,
        date: formatDay(payment.paidOn, r.locale),
      },
    });
  for (const r of await teamRecipients(tx, payment.startupId)) await send(r, `${ctx.origin}/${r.locale}/me/startups/${payment.startupId}`);
  if (payment.donorId) for (const r of await donorRecipients(tx, payment.donorId)) await send(r, `${ctx.origin}/${r.locale}/donor`);
}
