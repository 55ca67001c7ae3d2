import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { calls } from './calls.ts';
import { milestoneKindEnum, milestones, startups } from './incubation.ts';
import { neighbourhoods } from './programmes.ts';

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const cents = (name: string) => bigint(name, { mode: 'number' });

export const donorKindEnum = pgEnum('donor_kind', ['organisation', 'person']);
/** Invited donors start `approved`; those who sign up wait for staff. */
export const donorStatusEnum = pgEnum('donor_status', ['pending', 'approved', 'rejected']);
/** DESIGN.md: `pledged → committed` (legally binding) `→ disbursed`, or `cancelled`. */
export const pledgeStatusEnum = pgEnum('pledge_status', ['pledged', 'committed', 'disbursed', 'cancelled']);
/** DESIGN.md: `planned → eligible` (its milestone approved) `→ approved → disbursed`. */
export const trancheStatusEnum = pgEnum('tranche_status', ['planned', 'eligible', 'approved', 'disbursed']);
export const fundingSourceEnum = pgEnum('funding_source', ['programme', 'pledge']);

export const donors = pgTable(
  'donors',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: donorKindEnum('kind').notNull(),
    name: text('name').notNull(),
    /** Codice fiscale / partita IVA, for the agreement; never published. */
    taxCode: text('tax_code'),
    email: text('email').notNull(),
    website: text('website'),
    status: donorStatusEnum('status').notNull().default('pending'),
    /** Consent to appear on the public donor wall (GDPR art. 6.1.a for people). */
    publicConsent: boolean('public_consent').notNull().default(false),
    publicConsentAt: tz('public_consent_at'),
    createdAt: tz('created_at').notNull().defaultNow(),
    createdBy: uuid('created_by').references(() => users.id),
    decidedAt: tz('decided_at'),
    decidedBy: uuid('decided_by').references(() => users.id),
    /** Why staff rejected a sign-up; shown to the applicant. */
    decisionReason: text('decision_reason'),
  },
  (t) => [index('donors_status_idx').on(t.status)],
);

/** The accounts that act for a donor (a person, or an organisation's people). */
export const donorUsers = pgTable(
  'donor_users',
  {
    donorId: uuid('donor_id').notNull().references(() => donors.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').notNull().references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.donorId, t.userId] }), index('donor_users_user_idx').on(t.userId)],
);

export const pledges = pgTable(
  'pledges',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    donorId: uuid('donor_id').notNull().references(() => donors.id),
    /** To a call's fund, or to one start-up (then callId is the start-up's call too). */
    callId: uuid('call_id').notNull().references(() => calls.id),
    startupId: uuid('startup_id').references(() => startups.id),
    /** Optional restriction of a call-fund pledge. */
    neighbourhoodId: uuid('neighbourhood_id').references(() => neighbourhoods.id),
    theme: text('theme'),
    amountCents: cents('amount_cents').notNull(),
    status: pledgeStatusEnum('status').notNull().default('pledged'),
    agreementRef: text('agreement_ref'),
    agreementOn: date('agreement_on'),
    committedAt: tz('committed_at'),
    cancelledAt: tz('cancelled_at'),
    cancelReason: text('cancel_reason'),
    createdAt: tz('created_at').notNull().defaultNow(),
    createdBy: uuid('created_by').references(() => users.id),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('pledges_donor_idx').on(t.donorId),
    index('pledges_call_idx').on(t.callId, t.status),
    index('pledges_startup_idx').on(t.startupId),
    check('pledges_amount_ck', sql`${t.amountCents} > 0`),
    check('pledges_committed_ck', sql`${t.status} not in ('committed', 'disbursed') or (${t.agreementRef} is not null and ${t.agreementOn} is not null)`),
  ],
);

/**
 * The grant of a funded start-up: awarded (ammesso) from the final ranking, at most the call's
 * maximum; legally committed (giuridicamente vincolante) when the grant agreement is signed.
 */
export const grants = pgTable(
  'grants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    startupId: uuid('startup_id').notNull().unique().references(() => startups.id),
    callId: uuid('call_id').notNull().references(() => calls.id),
    awardedCents: cents('awarded_cents').notNull(),
    committedCents: cents('committed_cents').notNull().default(0),
    agreementRef: text('agreement_ref'),
    committedOn: date('committed_on'),
    createdAt: tz('created_at').notNull().defaultNow(),
    createdBy: uuid('created_by').references(() => users.id),
  },
  (t) => [
    index('grants_call_idx').on(t.callId),
    check('grants_amounts_ck', sql`${t.awardedCents} > 0 and ${t.committedCents} >= 0 and ${t.committedCents} <= ${t.awardedCents}`),
  ],
);

/** A call's tranche plan (e.g. advance 40 %, progress 40 %, balance 20 %), in basis points. */
export const trancheTemplates = pgTable(
  'tranche_templates',
  {
    callId: uuid('call_id').notNull().references(() => calls.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    labelIt: text('label_it').notNull(),
    labelEn: text('label_en').notNull(),
    /** Share of the grant in basis points (4000 = 40 %); a call's rows total 10000. */
    shareBp: integer('share_bp').notNull(),
    /** The milestone kind that must be approved before this tranche can be paid; null: none. */
    milestoneKind: milestoneKindEnum('milestone_kind'),
  },
  (t) => [primaryKey({ columns: [t.callId, t.position] }), check('tranche_templates_share_ck', sql`${t.shareBp} > 0 and ${t.shareBp} <= 10000`)],
);

export const tranches = pgTable(
  'tranches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    grantId: uuid('grant_id').notNull().references(() => grants.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    labelIt: text('label_it').notNull(),
    labelEn: text('label_en').notNull(),
    amountCents: cents('amount_cents').notNull(),
    /** The start-up's milestone whose approval makes the tranche eligible; null: eligible at once. */
    milestoneId: uuid('milestone_id').references(() => milestones.id),
    status: trancheStatusEnum('status').notNull().default('planned'),
    approvedAt: tz('approved_at'),
    approvedBy: uuid('approved_by').references(() => users.id),
    version: integer('version').notNull().default(1),
  },
  (t) => [unique('tranches_position_uq').on(t.grantId, t.position), check('tranches_amount_ck', sql`${t.amountCents} > 0`)],
);

/**
 * Money paid out (erogato). One disbursement per tranche — the unique index is what turns two
 * simultaneous approvals into one payment, whatever the application does.
 */
export const disbursements = pgTable(
  'disbursements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    trancheId: uuid('tranche_id').notNull().unique().references(() => tranches.id),
    grantId: uuid('grant_id').notNull().references(() => grants.id),
    amountCents: cents('amount_cents').notNull(),
    paidOn: date('paid_on').notNull(),
    /** Payment reference (mandato di pagamento, bank transfer id). */
    reference: text('reference').notNull(),
    source: fundingSourceEnum('source').notNull(),
    pledgeId: uuid('pledge_id').references(() => pledges.id),
    createdAt: tz('created_at').notNull().defaultNow(),
    createdBy: uuid('created_by').references(() => users.id),
  },
  (t) => [
    index('disbursements_grant_idx').on(t.grantId),
    index('disbursements_pledge_idx').on(t.pledgeId),
    check('disbursements_amount_ck', sql`${t.amountCents} > 0`),
    check('disbursements_source_ck', sql`(${t.source} = 'pledge') = (${t.pledgeId} is not null)`),
  ],
);
