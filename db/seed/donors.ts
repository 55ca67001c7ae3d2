import { eq } from 'drizzle-orm';
import { donors } from '../schema/index.ts';
import type { Tx } from '../../src/lib/server/db/index.ts';
import { findUserByEmail } from '../../src/domain/accounts/accounts.repo.server.ts';
import { createDonor, createUser } from '../../tests/factories/index.ts';
import { DEMO_PASSWORD } from './demo-accounts.ts';

/**
 * Donors demo (issue 6): the demo donor account acts for an approved foundation that appears on
 * the donor wall; an approved person who did not consent to it (and so is never shown); a sign-up
 * waiting for staff, from its own demo account. Pledges are added by the money seed. Idempotent:
 * a donor already recorded under its email is left as it is.
 */
export type SeedDonorsOptions = { now: Date };
export type SeedDonorsResult = { created: number; communityFoundationId: string; personId: string; pendingId: string };

const DAY = 86_400_000;
export const DEMO_DONOR_EMAIL = 'donatore@vivaio.example';
export const PENDING_DONOR_EMAIL = 'bottega.solidale@vivaio.example';

export async function seedDonors(tx: Tx, { now }: SeedDonorsOptions): Promise<SeedDonorsResult> {
  let created = 0;
  const ensure = async (email: string, make: () => Promise<{ id: string }>) => {
    const [found] = await tx.select({ id: donors.id }).from(donors).where(eq(donors.email, email));
    if (found) return found.id;
    created += 1;
    return (await make()).id;
  };
  const donorAccount = await ensureUser(tx, DEMO_DONOR_EMAIL, 'Fondazione Comunità Esempio', 'donor');
  const applicant = await ensureUser(tx, PENDING_DONOR_EMAIL, 'Rosa Bottega', 'resident');
  const since = new Date(now.getTime() - 120 * DAY);

  const communityFoundationId = await ensure(DEMO_DONOR_EMAIL, () =>
    createDonor(tx, {
      kind: 'organisation',
      name: 'Fondazione Comunità Esempio',
      email: DEMO_DONOR_EMAIL,
      taxCode: '97102345671',
      status: 'approved',
      publicConsent: true,
      publicConsentAt: since,
      createdAt: since,
      decidedAt: since,
      userIds: [donorAccount],
    }),
  );
  const personId = await ensure('lucia.ferraro@esempio.it', () =>
    createDonor(tx, {
      kind: 'person',
      name: 'Lucia Ferraro',
      email: 'lucia.ferraro@esempio.it',
      taxCode: 'FRRLCU80A41C351I',
      status: 'approved',
      publicConsent: false,
      createdAt: new Date(since.getTime() + 10 * DAY),
      decidedAt: new Date(since.getTime() + 10 * DAY),
    }),
  );
  const pendingId = await ensure(PENDING_DONOR_EMAIL, () =>
    createDonor(tx, {
      kind: 'organisation',
      name: 'Bottega Solidale Impresa Sociale srl',
      email: PENDING_DONOR_EMAIL,
      taxCode: '01234567897',
      status: 'pending',
      publicConsent: true,
      publicConsentAt: new Date(now.getTime() - 3 * DAY),
      createdAt: new Date(now.getTime() - 3 * DAY),
      createdBy: applicant,
      decidedAt: null,
      userIds: [applicant],
    }),
  );
  return { created, communityFoundationId, personId, pendingId };
}

async function ensureUser(tx: Tx, email: string, name: string, role: 'donor' | 'resident'): Promise<string> {
  const found = await findUserByEmail(tx, email);
  if (found) return found.id;
  return (await createUser(tx, { email, name, roles: [role], password: DEMO_PASSWORD, verified: true, locale: 'it' })).id;
}
