import { eq } from 'drizzle-orm';
import { calls, donors, startups } from '../../../db/schema/index.ts';
import { formatMoney } from '../../lib/format.ts';
import type { Queryable } from '../../lib/server/db/index.ts';
import type { Locale } from '../../lib/i18n/locales.ts';
import type { RequestContext } from '../context.ts';
import { donorRecipients, enqueueToEach, teamRecipients, type Recipient } from '../mail/recipients.server.ts';
import { formatDay } from './money-format.ts';

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
  await enqueueToEach(tx, await donorRecipients(tx, pledge.donorId), 'pledgeCommitted', async (r) => ({
    link: `${ctx.origin}/${r.locale}/donor`,
    donor: donor?.name ?? '',
    amount: formatMoney(pledge.amountCents, r.locale),
    target: await pledgeTarget(tx, pledge, r.locale),
    agreement: pledge.agreementRef,
    date: formatDay(pledge.agreementOn, r.locale),
  }));
}

/** `disbursementRecorded` to the team, and to the donor whose pledge paid it. */
export async function notifyDisbursement(
  tx: Queryable,
  ctx: Pick<RequestContext, 'origin'>,
  payment: { startupId: string; startupName: string; donorId: string | null; amountCents: number; reference: string; paidOn: string; tranche: { labelIt: string; labelEn: string } },
) {
  const send = async (recipients: Recipient[], link: (r: Recipient) => string) =>
    enqueueToEach(tx, recipients, 'disbursementRecorded', (r) => ({
      link: link(r),
      startup: payment.startupName,
      amount: formatMoney(payment.amountCents, r.locale),
      tranche: r.locale === 'en' ? payment.tranche.labelEn : payment.tranche.labelIt,
      reference: payment.reference,
      date: formatDay(payment.paidOn, r.locale),
    }));
  await send(await teamRecipients(tx, payment.startupId), (r) => `${ctx.origin}/${r.locale}/me/startups/${payment.startupId}`);
  if (payment.donorId) await send(await donorRecipients(tx, payment.donorId), (r) => `${ctx.origin}/${r.locale}/donor`);
}
