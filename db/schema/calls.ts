import { bigint, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { neighbourhoods, programmes } from './programmes.ts';
import type { AttachmentRequirement, CallQuestion, EligibilityQuestion, Rubric } from '../../src/domain/calls/definitions.ts';

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * The stored phase of a call. While `published`, the call is upcoming, open or closed according to
 * opens_at/closes_at: the effective status (src/domain/calls/status.ts) is derived, never stored,
 * so no job has to flip it at midnight and every instance agrees.
 */
export const callPhaseEnum = pgEnum('call_phase', ['draft', 'published', 'in_review', 'ranking_provisional', 'ranking_final', 'archived']);
export const amendmentKindEnum = pgEnum('amendment_kind', ['rettifica', 'proroga']);

export const calls = pgTable(
  'calls',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id').notNull().references(() => programmes.id),
    slug: text('slug').notNull().unique(),
    phase: callPhaseEnum('phase').notNull().default('draft'),
    titleIt: text('title_it').notNull(),
    titleEn: text('title_en').notNull(),
    summaryIt: text('summary_it').notNull().default(''),
    summaryEn: text('summary_en').notNull().default(''),
    /** Markdown, rendered with marked and sanitised at display time. */
    bodyIt: text('body_it').notNull().default(''),
    bodyEn: text('body_en').notNull().default(''),
    themes: text('themes').array().notNull().default([]),
    applicantTypes: text('applicant_types').array().notNull().default([]),
    /** Minimum number of adults in an informal group. */
    minGroupMembers: integer('min_group_members').notNull().default(2),
    eligibility: jsonb('eligibility').$type<EligibilityQuestion[]>().notNull().default([]),
    opensAt: tz('opens_at').notNull(),
    closesAt: tz('closes_at').notNull(),
    budgetCents: bigint('budget_cents', { mode: 'number' }).notNull().default(0),
    maxGrantCents: bigint('max_grant_cents', { mode: 'number' }).notNull().default(0),
    /** Minimum co-financing by the proposer, in whole percent of the project cost. */
    minCofinancingPct: integer('min_cofinancing_pct').notNull().default(0),
    attachments: jsonb('attachments').$type<AttachmentRequirement[]>().notNull().default([]),
    questions: jsonb('questions').$type<CallQuestion[]>().notNull().default([]),
    rubric: jsonb('rubric').$type<Rubric>().notNull().default({ criteria: [], threshold: 0 }),
    observationDays: integer('observation_days').notNull().default(10),
    protocolPrefix: text('protocol_prefix').notNull().default('IDEA'),
    /** Last protocol number handed out: incremented under a row lock in the submit transaction. */
    lastProtocolSeq: integer('last_protocol_seq').notNull().default(0),
    /** Bumped by every amendment after publication. */
    version: integer('version').notNull().default(1),
    publishedAt: tz('published_at'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: tz('created_at').notNull().defaultNow(),
    updatedAt: tz('updated_at').notNull().defaultNow(),
  },
  (t) => [index('calls_phase_idx').on(t.phase, t.closesAt)],
);

export const callNeighbourhoods = pgTable(
  'call_neighbourhoods',
  {
    callId: uuid('call_id').notNull().references(() => calls.id, { onDelete: 'cascade' }),
    neighbourhoodId: uuid('neighbourhood_id').notNull().references(() => neighbourhoods.id),
  },
  (t) => [primaryKey({ columns: [t.callId, t.neighbourhoodId] })],
);

/** Amendments after publication (rettifica: a correction; proroga: a later deadline), kept as versions. */
export const callAmendments = pgTable(
  'call_amendments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    callId: uuid('call_id').notNull().references(() => calls.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    kind: amendmentKindEnum('kind').notNull(),
    noteIt: text('note_it').notNull(),
    noteEn: text('note_en').notNull(),
    /** Which fields changed, with the previous and new values of dates and amounts. */
    changes: jsonb('changes').$type<Record<string, { from: unknown; to: unknown }>>().notNull().default({}),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: tz('created_at').notNull().defaultNow(),
  },
  (t) => [unique('call_amendments_version_uq').on(t.callId, t.version)],
);
