import { bigint, boolean, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { calls } from './calls.ts';
import { neighbourhoods } from './programmes.ts';
import type { Answers, TeamMember } from '../../src/domain/proposals/definitions.ts';

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** DESIGN.md's proposal lifecycle; `integration_requested` is the soccorso istruttorio pause. */
export const proposalStatusEnum = pgEnum('proposal_status', [
  'draft',
  'submitted',
  'integration_requested',
  'admissible',
  'inadmissible',
  'in_review',
  'scored',
  'funded',
  'eligible_not_funded',
  'below_threshold',
  'incubated',
  'withdrawn',
]);
export const applicantTypeEnum = pgEnum('applicant_type', ['individual', 'informal_group', 'association', 'social_cooperative']);

export const proposals = pgTable(
  'proposals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    callId: uuid('call_id').notNull().references(() => calls.id),
    proposerId: uuid('proposer_id').notNull().references(() => users.id),
    status: proposalStatusEnum('status').notNull().default('draft'),
    applicantType: applicantTypeEnum('applicant_type').notNull().default('individual'),
    organisationName: text('organisation_name'),
    title: text('title').notNull().default(''),
    neighbourhoodId: uuid('neighbourhood_id').references(() => neighbourhoods.id),
    requestedCents: bigint('requested_cents', { mode: 'number' }),
    answers: jsonb('answers').$type<Answers>().notNull().default({}),
    team: jsonb('team').$type<TeamMember[]>().notNull().default([]),
    declarationsAcceptedAt: tz('declarations_accepted_at'),
    /**
     * The proposer's consent to show the applicant's name in published rankings. Organisations'
     * names are public by law (D.lgs. 33/2013 art. 26-27); a person's name only with this consent.
     */
    publicNameConsent: boolean('public_name_consent').notNull().default(false),
    /** Per call, gapless: `lastProtocolSeq` of the call is taken under a row lock at first submit. */
    protocolSeq: integer('protocol_seq'),
    protocolNumber: text('protocol_number'),
    firstSubmittedAt: tz('first_submitted_at'),
    submittedAt: tz('submitted_at'),
    contentSha256: text('content_sha256'),
    /** Optimistic concurrency for autosave: a save names the version it edited. */
    version: integer('version').notNull().default(1),
    withdrawnAt: tz('withdrawn_at'),
    decisionMotivation: text('decision_motivation'),
    createdAt: tz('created_at').notNull().defaultNow(),
    updatedAt: tz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    unique('proposals_protocol_seq_uq').on(t.callId, t.protocolSeq),
    unique('proposals_protocol_number_uq').on(t.callId, t.protocolNumber),
    index('proposals_call_status_idx').on(t.callId, t.status),
    index('proposals_proposer_idx').on(t.proposerId),
  ],
);

/** Every submission (first and resubmissions) with the exact content and its SHA-256. */
export const proposalSubmissions = pgTable(
  'proposal_submissions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    proposalId: uuid('proposal_id').notNull().references(() => proposals.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    submittedAt: tz('submitted_at').notNull(),
    contentSha256: text('content_sha256').notNull(),
    snapshot: jsonb('snapshot').$type<Record<string, unknown>>().notNull(),
  },
  (t) => [unique('proposal_submissions_seq_uq').on(t.proposalId, t.seq)],
);

/** The status timeline shown to the proposer and to staff. */
export const proposalEvents = pgTable(
  'proposal_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    proposalId: uuid('proposal_id').notNull().references(() => proposals.id, { onDelete: 'cascade' }),
    fromStatus: proposalStatusEnum('from_status'),
    toStatus: proposalStatusEnum('to_status').notNull(),
    at: tz('at').notNull().defaultNow(),
    actorId: uuid('actor_id').references(() => users.id),
    /** Shown to the proposer (e.g. the motivation of an inadmissibility). */
    note: text('note'),
  },
  (t) => [index('proposal_events_proposal_idx').on(t.proposalId, t.at)],
);

/** Formal admissibility check, one row per requirement, each with its motivation. */
export const admissibilityChecks = pgTable(
  'admissibility_checks',
  {
    proposalId: uuid('proposal_id').notNull().references(() => proposals.id, { onDelete: 'cascade' }),
    requirement: text('requirement').notNull(),
    met: boolean('met').notNull(),
    motivation: text('motivation').notNull().default(''),
    checkedBy: uuid('checked_by').references(() => users.id),
    checkedAt: tz('checked_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.proposalId, t.requirement] })],
);

/** Soccorso istruttorio: staff ask for missing documents by a deadline; the proposer completes them. */
export const integrationRequests = pgTable(
  'integration_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    proposalId: uuid('proposal_id').notNull().references(() => proposals.id, { onDelete: 'cascade' }),
    message: text('message').notNull(),
    /** Attachment requirement keys the proposer must (re)upload. */
    requirements: text('requirements').array().notNull().default([]),
    dueAt: tz('due_at').notNull(),
    requestedBy: uuid('requested_by').references(() => users.id),
    createdAt: tz('created_at').notNull().defaultNow(),
    completedAt: tz('completed_at'),
    responseNote: text('response_note'),
  },
  (t) => [index('integration_requests_proposal_idx').on(t.proposalId)],
);
