import { and, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import { donorUsers, donors, startupCoaches, startupMembers, users } from '../../../db/schema/index.ts';
import type { Queryable } from '../../lib/server/db/index.ts';
import type { Params } from '../../lib/i18n/index.ts';
import type { Locale } from '../../lib/i18n/locales.ts';
import { enqueueEmail } from './enqueue-email.server.ts';
import type { Template } from './templates.ts';

/**
 * Who a message goes to, and the one way to write the same message to several people: each gets
 * it in their own language, addressed by name, through the outbox of the caller's transaction.
 * `userId` is null only for a donor recorded by staff without an account (written to at its address).
 */
export type Recipient = { userId: string | null; email: string; name: string; locale: Locale };

const account = { userId: users.id, email: users.email, name: users.name, locale: users.locale };

/** The start-up's team members that have an account, not disabled, each once. */
export async function teamRecipients(db: Queryable, startupId: string): Promise<Recipient[]> {
  return (await teamsRecipients(db, [startupId])).get(startupId) ?? [];
}

/** The same for several start-ups in one query (the reminder run), by start-up id. */
export async function teamsRecipients(db: Queryable, startupIds: readonly string[]): Promise<Map<string, Recipient[]>> {
  const out = new Map<string, Recipient[]>();
  if (startupIds.length === 0) return out;
  const rows = await db
    .selectDistinct({ startupId: startupMembers.startupId, ...account })
    .from(startupMembers)
    .innerJoin(users, eq(users.id, startupMembers.userId))
    .where(and(inArray(startupMembers.startupId, [...startupIds]), isNotNull(startupMembers.userId), isNull(users.disabledAt)));
  for (const { startupId, ...r } of rows) out.set(startupId, [...(out.get(startupId) ?? []), r]);
  return out;
}

/** The start-up's coaches, not disabled. */
export async function coachRecipients(db: Queryable, startupId: string): Promise<Recipient[]> {
  return db
    .select(account)
    .from(startupCoaches)
    .innerJoin(users, eq(users.id, startupCoaches.coachId))
    .where(and(eq(startupCoaches.startupId, startupId), isNull(users.disabledAt)));
}

/** The donor's accounts, not disabled; a donor without one (recorded by staff) at its own address, in Italian. */
export async function donorRecipients(db: Queryable, donorId: string): Promise<Recipient[]> {
  const accounts = await db
    .select(account)
    .from(donorUsers)
    .innerJoin(users, eq(users.id, donorUsers.userId))
    .where(and(eq(donorUsers.donorId, donorId), isNull(users.disabledAt)));
  if (accounts.length > 0) return accounts;
  const [donor] = await db.select({ email: donors.email, name: donors.name }).from(donors).where(eq(donors.id, donorId));
  return donor ? [{ userId: null, email: donor.email, name: donor.name, locale: 'it' }] : [];
}

/** The named accounts (a donor's applicants, say). */
export async function accountRecipients(db: Queryable, userIds: readonly string[]): Promise<Recipient[]> {
  return userIds.length ? db.select(account).from(users).where(inArray(users.id, [...userIds])) : [];
}

/**
 * `template` to each recipient, in order; `params` gives what depends on the reader (the link in
 * their language, amounts and dates formatted for it). The name comes from the recipient.
 */
export async function enqueueToEach(
  tx: Queryable,
  recipients: readonly Recipient[],
  template: Template,
  params: (r: Recipient) => (Params & { link: string }) | Promise<Params & { link: string }>,
): Promise<void> {
  for (const r of recipients) await enqueueEmail(tx, { to: r.email, userId: r.userId, locale: r.locale, template, params: { name: r.name, ...(await params(r)) } });
}
