import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { calls } from './calls.ts';
import { files } from './files.ts';
import { proposals } from './proposals.ts';

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const commissionRoleEnum = pgEnum('commission_role', ['president', 'member', 'secretary']);
/** DESIGN.md's review assignment lifecycle. */
export const assignmentStatusEnum = pgEnum('assignment_status', ['assigned', 'conflict_declared', 'in_progress', 'submitted']);
export const conflictKindEnum = pgEnum('conflict_kind', ['family', 'association', 'neighbourhood', 'professional', 'other']);
export const rankingKindEnum = pgEnum('ranking_kind', ['provisional', 'final']);
export const rankingOutcomeEnum = pgEnum('ranking_outcome', ['funded', 'eligible_not_funded', 'below_threshold']);
export const observationStatusEnum = pgEnum('observation_status', ['filed', 'answered']);

/**
 * Evaluation settings of a call (one row per call, created with the commission): blind review,
 * how evaluators' scores are consolidated, optional per-evaluator normalisation.
 */
export const evaluationSettings = pgTable('evaluation_settings', {
  callId: uuid('call_id').primaryKey().references(() => calls.id, { onDelete: 'cascade' }),
  blindReview: boolean('blind_review').notNull().default(false),
  /** `mean` of the evaluators' totals (default) or a `consensus` score entered by the president. */
  consolidation: text('consolidation').notNull().default('mean'),
  /** z-score per evaluator, rescaled to the criterion's range (documented on the results page). */
  normalise: boolean('normalise').notNull().default(false),
  /** Evaluators per proposal for automatic assignment. */
  reviewersPerProposal: integer('reviewers_per_proposal').notNull().default(3),
  /** The call's descriptor scale, lowest level first (labels per language); null: the default five levels. */
  descriptors: jsonb('descriptors').$type<{ it: string; en: string }[]>(),
  updatedAt: tz('updated_at').notNull().defaultNow(),
});

/** The commission of a call: evaluators appointed by staff, one president. */
export const commissionMembers = pgTable(
  'commission_members',
  {
    callId: uuid('call_id').notNull().references(() => calls.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').notNull().references(() => users.id),
    role: commissionRoleEnum('role').notNull().default('member'),
    appointedAt: tz('appointed_at').notNull().defaultNow(),
    appointedBy: uuid('appointed_by').references(() => users.id),
  },
  (t) => [
    primaryKey({ columns: [t.callId, t.userId] }),
    // At most one president per commission, whatever the application does.
    uniqueIndex('commission_one_president_uq').on(t.callId).where(sql`${t.role} = 'president'`),
  ],
);

export const reviewAssignments = pgTable(
  'review_assignments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    proposalId: uuid('proposal_id').notNull().references(() => proposals.id, { onDelete: 'cascade' }),
    evaluatorId: uuid('evaluator_id').notNull().references(() => users.id),
    status: assignmentStatusEnum('status').notNull().default('assigned'),
    conflictKind: conflictKindEnum('conflict_kind'),
    conflictReason: text('conflict_reason'),
    /** "No conflict" declared: required before the evaluator may open the proposal. */
    noConflictDeclaredAt: tz('no_conflict_declared_at'),
    conflictDeclaredAt: tz('conflict_declared_at'),
    /** Set when the assignment re-scores a proposal after an observation (by a different evaluator). */
    observationId: uuid('observation_id'),
    assignedAt: tz('assigned_at').notNull().defaultNow(),
    assignedBy: uuid('assigned_by').references(() => users.id),
    submittedAt: tz('submitted_at'),
    /** Optimistic concurrency for the scoring draft. */
    version: integer('version').notNull().default(1),
  },
  (t) => [
    // NULLS NOT DISTINCT: an ordinary assignment (no observation) can exist once per evaluator.
    unique('review_assignments_uq').on(t.proposalId, t.evaluatorId, t.observationId).nullsNotDistinct(),
    index('review_assignments_evaluator_idx').on(t.evaluatorId, t.status),
    index('review_assignments_proposal_idx').on(t.proposalId, t.status),
  ],
);

/** One score per criterion per assignment; comments are required for low scores (rules.ts). */
export const reviewScores = pgTable(
  'review_scores',
  {
    assignmentId: uuid('assignment_id').notNull().references(() => reviewAssignments.id, { onDelete: 'cascade' }),
    criterion: text('criterion').notNull(),
    points: integer('points').notNull(),
    comment: text('comment').notNull().default(''),
    updatedAt: tz('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.assignmentId, t.criterion] })],
);

/** Consensus consolidation: the president enters the commission's score per criterion, with reasons. */
export const consensusScores = pgTable(
  'consensus_scores',
  {
    proposalId: uuid('proposal_id').notNull().references(() => proposals.id, { onDelete: 'cascade' }),
    criterion: text('criterion').notNull(),
    points: integer('points').notNull(),
    reason: text('reason').notNull(),
    enteredBy: uuid('entered_by').references(() => users.id),
    enteredAt: tz('entered_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.proposalId, t.criterion] })],
);

/** A published ranking (provisional, then final), frozen as computed with its method. */
export const rankings = pgTable(
  'rankings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    callId: uuid('call_id').notNull().references(() => calls.id, { onDelete: 'cascade' }),
    kind: rankingKindEnum('kind').notNull(),
    /** Method used (consolidation, normalisation, tie-break), shown on the results page. */
    method: jsonb('method').$type<Record<string, unknown>>().notNull(),
    budgetCents: bigint('budget_cents', { mode: 'number' }).notNull(),
    publishedAt: tz('published_at').notNull().defaultNow(),
    publishedBy: uuid('published_by').references(() => users.id),
    /** Closing of the observation window (provisional rankings). */
    observationsCloseAt: tz('observations_close_at'),
  },
  (t) => [index('rankings_call_idx').on(t.callId, t.kind, t.publishedAt)],
);

export const rankingEntries = pgTable(
  'ranking_entries',
  {
    rankingId: uuid('ranking_id').notNull().references(() => rankings.id, { onDelete: 'cascade' }),
    proposalId: uuid('proposal_id').notNull().references(() => proposals.id),
    position: integer('position').notNull(),
    /** Consolidated total in hundredths of a point (integer: 72.35 → 7235). */
    scoreCentipoints: integer('score_centipoints').notNull(),
    /** Per-criterion consolidated points in hundredths. */
    criteria: jsonb('criteria').$type<Record<string, number>>().notNull(),
    outcome: rankingOutcomeEnum('outcome').notNull(),
    grantCents: bigint('grant_cents', { mode: 'number' }).notNull().default(0),
    /** Criteria below their sub-threshold, if any. */
    failedThresholds: text('failed_thresholds').array().notNull().default([]),
  },
  (t) => [primaryKey({ columns: [t.rankingId, t.proposalId] }), index('ranking_entries_position_idx').on(t.rankingId, t.position)],
);

/** Observations (osservazioni) filed by proposers during the window after the provisional ranking. */
export const observations = pgTable(
  'observations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    proposalId: uuid('proposal_id').notNull().references(() => proposals.id, { onDelete: 'cascade' }),
    rankingId: uuid('ranking_id').notNull().references(() => rankings.id),
    text: text('text').notNull(),
    fileId: uuid('file_id').references(() => files.id),
    status: observationStatusEnum('status').notNull().default('filed'),
    filedAt: tz('filed_at').notNull().defaultNow(),
    answer: text('answer'),
    /** Whether the answer upheld the observation (then the proposal is re-scored). */
    upheld: boolean('upheld'),
    answeredBy: uuid('answered_by').references(() => users.id),
    answeredAt: tz('answered_at'),
  },
  (t) => [index('observations_proposal_idx').on(t.proposalId)],
);
