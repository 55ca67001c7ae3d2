import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { calls } from './calls.ts';
import { neighbourhoods } from './programmes.ts';
import { proposals } from './proposals.ts';
import type { FinancialPlan, PlanSections } from '../../src/domain/incubation/business-plan-rules.ts';

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** The steps of the programme documents (seeds: IdeAzione, POLIS 2.0), in their usual order. */
export const milestoneKindEnum = pgEnum('milestone_kind', [
  'pre_feasibility',
  'business_model',
  'business_plan',
  'financial_plan',
  'legal_constitution',
  'launch',
  'monitoring',
]);
/** DESIGN.md's milestone lifecycle (src/domain/incubation/milestone-workflow.ts). */
export const milestoneStatusEnum = pgEnum('milestone_status', ['planned', 'in_progress', 'submitted', 'approved', 'changes_requested']);
/** Where a start-up stands, shown on its public profile: the kind of its first milestone not yet approved. */
export const startupStageEnum = pgEnum('startup_stage', [
  'pre_feasibility',
  'business_model',
  'business_plan',
  'financial_plan',
  'legal_constitution',
  'launch',
  'monitoring',
  'closed',
]);

/** Incubation rules of a call: coaching attendance minimum and monitoring cadence. */
export const incubationSettings = pgTable('incubation_settings', {
  callId: uuid('call_id').primaryKey().references(() => calls.id, { onDelete: 'cascade' }),
  /** Minimum share of coaching sessions each team must attend, in percent (e.g. 80). */
  minAttendancePercent: integer('min_attendance_percent').notNull().default(80),
  /** Reminder this many days before a due date (and once when overdue). */
  reminderDaysBefore: integer('reminder_days_before').notNull().default(7),
  updatedAt: tz('updated_at').notNull().defaultNow(),
});

/**
 * The call's milestone template, instantiated per start-up. `dueAfterDays` counts from the
 * start-up's creation; a `monitoring` row with `everyMonths` repeats `repeatCount` times.
 */
export const milestoneTemplates = pgTable(
  'milestone_templates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    callId: uuid('call_id').notNull().references(() => calls.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    kind: milestoneKindEnum('kind').notNull(),
    titleIt: text('title_it').notNull(),
    titleEn: text('title_en').notNull(),
    dueAfterDays: integer('due_after_days').notNull(),
    everyMonths: integer('every_months'),
    repeatCount: integer('repeat_count').notNull().default(1),
  },
  (t) => [unique('milestone_templates_position_uq').on(t.callId, t.position)],
);

export const startups = pgTable(
  'startups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** One start-up per funded proposal. */
    proposalId: uuid('proposal_id').notNull().unique().references(() => proposals.id),
    callId: uuid('call_id').notNull().references(() => calls.id),
    slug: text('slug').notNull().unique(),
    name: text('name').notNull(),
    neighbourhoodId: uuid('neighbourhood_id').references(() => neighbourhoods.id),
    /** Public profile texts (markdown, sanitised when rendered), written by the team. */
    need: text('need').notNull().default(''),
    offer: text('offer').notNull().default(''),
    stage: startupStageEnum('stage').notNull().default('pre_feasibility'),
    /** The team's consent to the public profile (GDPR art. 6.1.a); withdrawable at any time. */
    publicConsent: boolean('public_consent').notNull().default(false),
    publicConsentAt: tz('public_consent_at'),
    /** The team's consent to share monitoring summaries with the start-up's donors. */
    shareMonitoringWithDonors: boolean('share_monitoring_with_donors').notNull().default(false),
    createdAt: tz('created_at').notNull().defaultNow(),
    createdBy: uuid('created_by').references(() => users.id),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('startups_call_idx').on(t.callId), index('startups_public_idx').on(t.publicConsent, t.stage)],
);

/**
 * The team, carried over from the proposal: the proposer (with an account, lead) and the members it
 * listed (names only unless they later join with an account).
 */
export const startupMembers = pgTable(
  'startup_members',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    startupId: uuid('startup_id').notNull().references(() => startups.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').references(() => users.id),
    name: text('name').notNull(),
    role: text('role').notNull().default(''),
    lead: boolean('lead').notNull().default(false),
    position: integer('position').notNull().default(0),
  },
  (t) => [index('startup_members_startup_idx').on(t.startupId), index('startup_members_user_idx').on(t.userId)],
);

export const startupCoaches = pgTable(
  'startup_coaches',
  {
    startupId: uuid('startup_id').notNull().references(() => startups.id, { onDelete: 'cascade' }),
    coachId: uuid('coach_id').notNull().references(() => users.id),
    assignedAt: tz('assigned_at').notNull().defaultNow(),
    assignedBy: uuid('assigned_by').references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.startupId, t.coachId] }), index('startup_coaches_coach_idx').on(t.coachId)],
);

export const milestones = pgTable(
  'milestones',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    startupId: uuid('startup_id').notNull().references(() => startups.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    kind: milestoneKindEnum('kind').notNull(),
    titleIt: text('title_it').notNull(),
    titleEn: text('title_en').notNull(),
    /** A calendar day in Europe/Rome; overdue from the next Rome day. */
    dueOn: date('due_on').notNull(),
    status: milestoneStatusEnum('status').notNull().default('planned'),
    approvedAt: tz('approved_at'),
    approvedBy: uuid('approved_by').references(() => users.id),
    /** Optimistic concurrency for staff's due-date edits and the coach's decision. */
    version: integer('version').notNull().default(1),
    updatedAt: tz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    unique('milestones_position_uq').on(t.startupId, t.position),
    index('milestones_due_idx').on(t.status, t.dueOn),
  ],
);

/** Each submission of a milestone's deliverable, with the coach's decision and feedback. */
export const deliverables = pgTable(
  'deliverables',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    milestoneId: uuid('milestone_id').notNull().references(() => milestones.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    body: text('body').notNull().default(''),
    submittedBy: uuid('submitted_by').references(() => users.id),
    submittedAt: tz('submitted_at').notNull().defaultNow(),
    /** `approved` | `changes_requested`, null while waiting for the coach. */
    decision: milestoneStatusEnum('decision'),
    feedback: text('feedback'),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: tz('decided_at'),
  },
  (t) => [unique('deliverables_seq_uq').on(t.milestoneId, t.seq)],
);

/**
 * Reminders sent for a milestone: one row per (milestone, kind), inserted with ON CONFLICT DO
 * NOTHING in the same transaction as the email, so two instances never send the same reminder.
 */
export const milestoneReminders = pgTable(
  'milestone_reminders',
  {
    milestoneId: uuid('milestone_id').notNull().references(() => milestones.id, { onDelete: 'cascade' }),
    /** `due_soon` | `overdue`; a due-date change re-arms them (rows deleted). */
    kind: text('kind').notNull(),
    sentAt: tz('sent_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.milestoneId, t.kind] })],
);

export const coachingSessions = pgTable(
  'coaching_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    startupId: uuid('startup_id').notNull().references(() => startups.id, { onDelete: 'cascade' }),
    coachId: uuid('coach_id').notNull().references(() => users.id),
    heldOn: date('held_on').notNull(),
    minutes: integer('minutes').notNull(),
    topics: text('topics').array().notNull().default([]),
    notes: text('notes').notNull().default(''),
    createdAt: tz('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('coaching_sessions_startup_idx').on(t.startupId, t.heldOn),
    index('coaching_sessions_coach_idx').on(t.coachId),
    check('coaching_sessions_minutes_ck', sql`${t.minutes} > 0 and ${t.minutes} <= 1440`),
  ],
);

/** Who of the team attended a session. */
export const coachingAttendance = pgTable(
  'coaching_attendance',
  {
    sessionId: uuid('session_id').notNull().references(() => coachingSessions.id, { onDelete: 'cascade' }),
    memberId: uuid('member_id').notNull().references(() => startupMembers.id, { onDelete: 'cascade' }),
    present: boolean('present').notNull(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.memberId] })],
);

/** The working copy of a start-up's business plan; `business_plan_versions` keeps saved versions. */
export const businessPlans = pgTable('business_plans', {
  startupId: uuid('startup_id').primaryKey().references(() => startups.id, { onDelete: 'cascade' }),
  sections: jsonb('sections').$type<PlanSections>().notNull().default({}),
  financial: jsonb('financial').$type<FinancialPlan>().notNull(),
  /** Optimistic concurrency: a save names the version it edited. */
  version: integer('version').notNull().default(1),
  updatedAt: tz('updated_at').notNull().defaultNow(),
  updatedBy: uuid('updated_by').references(() => users.id),
});

export const businessPlanVersions = pgTable(
  'business_plan_versions',
  {
    startupId: uuid('startup_id').notNull().references(() => startups.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    sections: jsonb('sections').$type<PlanSections>().notNull(),
    financial: jsonb('financial').$type<FinancialPlan>().notNull(),
    savedAt: tz('saved_at').notNull().defaultNow(),
    savedBy: uuid('saved_by').references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.startupId, t.number] })],
);

/** The coach's comments per business-plan section. */
export const businessPlanComments = pgTable(
  'business_plan_comments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    startupId: uuid('startup_id').notNull().references(() => startups.id, { onDelete: 'cascade' }),
    section: text('section').notNull(),
    /** The working-copy version the comment was written on. */
    planVersion: integer('plan_version').notNull(),
    authorId: uuid('author_id').notNull().references(() => users.id),
    body: text('body').notNull(),
    createdAt: tz('created_at').notNull().defaultNow(),
  },
  (t) => [index('business_plan_comments_idx').on(t.startupId, t.section)],
);

/** A periodic monitoring report: the deliverable of a `monitoring` milestone. */
export const monitoringReports = pgTable(
  'monitoring_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    milestoneId: uuid('milestone_id').notNull().unique().references(() => milestones.id, { onDelete: 'cascade' }),
    startupId: uuid('startup_id').notNull().references(() => startups.id, { onDelete: 'cascade' }),
    peopleServed: integer('people_served').notNull(),
    jobsCreated: integer('jobs_created').notNull(),
    revenueCents: bigint('revenue_cents', { mode: 'number' }).notNull(),
    volunteers: integer('volunteers').notNull(),
    narrative: text('narrative').notNull(),
    submittedBy: uuid('submitted_by').references(() => users.id),
    submittedAt: tz('submitted_at').notNull().defaultNow(),
    feedback: text('feedback'),
    feedbackBy: uuid('feedback_by').references(() => users.id),
    feedbackAt: tz('feedback_at'),
  },
  (t) => [
    index('monitoring_reports_startup_idx').on(t.startupId),
    check(
      'monitoring_reports_counts_ck',
      sql`${t.peopleServed} >= 0 and ${t.jobsCreated} >= 0 and ${t.volunteers} >= 0 and ${t.revenueCents} >= 0`,
    ),
  ],
);
