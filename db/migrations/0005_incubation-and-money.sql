CREATE TYPE "public"."milestone_kind" AS ENUM('pre_feasibility', 'business_model', 'business_plan', 'financial_plan', 'legal_constitution', 'launch', 'monitoring');--> statement-breakpoint
CREATE TYPE "public"."milestone_status" AS ENUM('planned', 'in_progress', 'submitted', 'approved', 'changes_requested');--> statement-breakpoint
CREATE TYPE "public"."startup_stage" AS ENUM('pre_feasibility', 'business_model', 'business_plan', 'financial_plan', 'legal_constitution', 'launch', 'monitoring', 'closed');--> statement-breakpoint
CREATE TYPE "public"."donor_kind" AS ENUM('organisation', 'person');--> statement-breakpoint
CREATE TYPE "public"."donor_status" AS ENUM('pending', 'approved', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."funding_source" AS ENUM('programme', 'pledge');--> statement-breakpoint
CREATE TYPE "public"."pledge_status" AS ENUM('pledged', 'committed', 'disbursed', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."tranche_status" AS ENUM('planned', 'eligible', 'approved', 'disbursed');--> statement-breakpoint
ALTER TYPE "public"."file_owner" ADD VALUE 'deliverable';--> statement-breakpoint
ALTER TYPE "public"."file_owner" ADD VALUE 'startup';--> statement-breakpoint
CREATE TABLE "business_plan_comments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"startup_id" uuid NOT NULL,
	"section" text NOT NULL,
	"plan_version" integer NOT NULL,
	"author_id" uuid NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "business_plan_versions" (
	"startup_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"sections" jsonb NOT NULL,
	"financial" jsonb NOT NULL,
	"saved_at" timestamp with time zone DEFAULT now() NOT NULL,
	"saved_by" uuid,
	CONSTRAINT "business_plan_versions_startup_id_number_pk" PRIMARY KEY("startup_id","number")
);
--> statement-breakpoint
CREATE TABLE "business_plans" (
	"startup_id" uuid PRIMARY KEY NOT NULL,
	"sections" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"financial" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
CREATE TABLE "coaching_attendance" (
	"session_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"present" boolean NOT NULL,
	CONSTRAINT "coaching_attendance_session_id_member_id_pk" PRIMARY KEY("session_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "coaching_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"startup_id" uuid NOT NULL,
	"coach_id" uuid NOT NULL,
	"held_on" date NOT NULL,
	"minutes" integer NOT NULL,
	"topics" text[] DEFAULT '{}' NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "coaching_sessions_minutes_ck" CHECK ("coaching_sessions"."minutes" > 0 and "coaching_sessions"."minutes" <= 1440)
);
--> statement-breakpoint
CREATE TABLE "deliverables" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"milestone_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"submitted_by" uuid,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decision" "milestone_status",
	"feedback" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	CONSTRAINT "deliverables_seq_uq" UNIQUE("milestone_id","seq")
);
--> statement-breakpoint
CREATE TABLE "incubation_settings" (
	"call_id" uuid PRIMARY KEY NOT NULL,
	"min_attendance_percent" integer DEFAULT 80 NOT NULL,
	"reminder_days_before" integer DEFAULT 7 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "milestone_reminders" (
	"milestone_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "milestone_reminders_milestone_id_kind_pk" PRIMARY KEY("milestone_id","kind")
);
--> statement-breakpoint
CREATE TABLE "milestone_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"call_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"kind" "milestone_kind" NOT NULL,
	"title_it" text NOT NULL,
	"title_en" text NOT NULL,
	"due_after_days" integer NOT NULL,
	"every_months" integer,
	"repeat_count" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "milestone_templates_position_uq" UNIQUE("call_id","position")
);
--> statement-breakpoint
CREATE TABLE "milestones" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"startup_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"kind" "milestone_kind" NOT NULL,
	"title_it" text NOT NULL,
	"title_en" text NOT NULL,
	"due_on" date NOT NULL,
	"status" "milestone_status" DEFAULT 'planned' NOT NULL,
	"approved_at" timestamp with time zone,
	"approved_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "milestones_position_uq" UNIQUE("startup_id","position")
);
--> statement-breakpoint
CREATE TABLE "monitoring_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"milestone_id" uuid NOT NULL,
	"startup_id" uuid NOT NULL,
	"people_served" integer NOT NULL,
	"jobs_created" integer NOT NULL,
	"revenue_cents" bigint NOT NULL,
	"volunteers" integer NOT NULL,
	"narrative" text NOT NULL,
	"submitted_by" uuid,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"feedback" text,
	"feedback_by" uuid,
	"feedback_at" timestamp with time zone,
	CONSTRAINT "monitoring_reports_milestone_id_unique" UNIQUE("milestone_id"),
	CONSTRAINT "monitoring_reports_counts_ck" CHECK ("monitoring_reports"."people_served" >= 0 and "monitoring_reports"."jobs_created" >= 0 and "monitoring_reports"."volunteers" >= 0 and "monitoring_reports"."revenue_cents" >= 0)
);
--> statement-breakpoint
CREATE TABLE "startup_coaches" (
	"startup_id" uuid NOT NULL,
	"coach_id" uuid NOT NULL,
	"assigned_at" timestamp with time zone DEFAULT now() NOT NULL,
	"assigned_by" uuid,
	CONSTRAINT "startup_coaches_startup_id_coach_id_pk" PRIMARY KEY("startup_id","coach_id")
);
--> statement-breakpoint
CREATE TABLE "startup_members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"startup_id" uuid NOT NULL,
	"user_id" uuid,
	"name" text NOT NULL,
	"role" text DEFAULT '' NOT NULL,
	"lead" boolean DEFAULT false NOT NULL,
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "startups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"proposal_id" uuid NOT NULL,
	"call_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"neighbourhood_id" uuid,
	"need" text DEFAULT '' NOT NULL,
	"offer" text DEFAULT '' NOT NULL,
	"stage" "startup_stage" DEFAULT 'pre_feasibility' NOT NULL,
	"public_consent" boolean DEFAULT false NOT NULL,
	"public_consent_at" timestamp with time zone,
	"share_monitoring_with_donors" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "startups_proposal_id_unique" UNIQUE("proposal_id"),
	CONSTRAINT "startups_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "disbursements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tranche_id" uuid NOT NULL,
	"grant_id" uuid NOT NULL,
	"amount_cents" bigint NOT NULL,
	"paid_on" date NOT NULL,
	"reference" text NOT NULL,
	"source" "funding_source" NOT NULL,
	"pledge_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	CONSTRAINT "disbursements_tranche_id_unique" UNIQUE("tranche_id"),
	CONSTRAINT "disbursements_amount_ck" CHECK ("disbursements"."amount_cents" > 0),
	CONSTRAINT "disbursements_source_ck" CHECK (("disbursements"."source" = 'pledge') = ("disbursements"."pledge_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "donor_users" (
	"donor_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "donor_users_donor_id_user_id_pk" PRIMARY KEY("donor_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "donors" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" "donor_kind" NOT NULL,
	"name" text NOT NULL,
	"tax_code" text,
	"email" text NOT NULL,
	"website" text,
	"status" "donor_status" DEFAULT 'pending' NOT NULL,
	"public_consent" boolean DEFAULT false NOT NULL,
	"public_consent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"decided_at" timestamp with time zone,
	"decided_by" uuid
);
--> statement-breakpoint
CREATE TABLE "grants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"startup_id" uuid NOT NULL,
	"call_id" uuid NOT NULL,
	"awarded_cents" bigint NOT NULL,
	"committed_cents" bigint DEFAULT 0 NOT NULL,
	"agreement_ref" text,
	"committed_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	CONSTRAINT "grants_startup_id_unique" UNIQUE("startup_id"),
	CONSTRAINT "grants_amounts_ck" CHECK ("grants"."awarded_cents" > 0 and "grants"."committed_cents" >= 0 and "grants"."committed_cents" <= "grants"."awarded_cents")
);
--> statement-breakpoint
CREATE TABLE "pledges" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"donor_id" uuid NOT NULL,
	"call_id" uuid NOT NULL,
	"startup_id" uuid,
	"neighbourhood_id" uuid,
	"theme" text,
	"amount_cents" bigint NOT NULL,
	"status" "pledge_status" DEFAULT 'pledged' NOT NULL,
	"agreement_ref" text,
	"agreement_on" date,
	"committed_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"cancel_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "pledges_amount_ck" CHECK ("pledges"."amount_cents" > 0),
	CONSTRAINT "pledges_committed_ck" CHECK ("pledges"."status" not in ('committed', 'disbursed') or ("pledges"."agreement_ref" is not null and "pledges"."agreement_on" is not null))
);
--> statement-breakpoint
CREATE TABLE "tranche_templates" (
	"call_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"label_it" text NOT NULL,
	"label_en" text NOT NULL,
	"share_bp" integer NOT NULL,
	"milestone_kind" "milestone_kind",
	CONSTRAINT "tranche_templates_call_id_position_pk" PRIMARY KEY("call_id","position"),
	CONSTRAINT "tranche_templates_share_ck" CHECK ("tranche_templates"."share_bp" > 0 and "tranche_templates"."share_bp" <= 10000)
);
--> statement-breakpoint
CREATE TABLE "tranches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"grant_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"label_it" text NOT NULL,
	"label_en" text NOT NULL,
	"amount_cents" bigint NOT NULL,
	"milestone_id" uuid,
	"status" "tranche_status" DEFAULT 'planned' NOT NULL,
	"approved_at" timestamp with time zone,
	"approved_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "tranches_position_uq" UNIQUE("grant_id","position"),
	CONSTRAINT "tranches_amount_ck" CHECK ("tranches"."amount_cents" > 0)
);
--> statement-breakpoint
ALTER TABLE "proposals" ADD COLUMN "public_name_consent" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "evaluation_settings" ADD COLUMN "descriptors" jsonb;--> statement-breakpoint
ALTER TABLE "business_plan_comments" ADD CONSTRAINT "business_plan_comments_startup_id_startups_id_fk" FOREIGN KEY ("startup_id") REFERENCES "public"."startups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "business_plan_comments" ADD CONSTRAINT "business_plan_comments_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "business_plan_versions" ADD CONSTRAINT "business_plan_versions_startup_id_startups_id_fk" FOREIGN KEY ("startup_id") REFERENCES "public"."startups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "business_plan_versions" ADD CONSTRAINT "business_plan_versions_saved_by_users_id_fk" FOREIGN KEY ("saved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "business_plans" ADD CONSTRAINT "business_plans_startup_id_startups_id_fk" FOREIGN KEY ("startup_id") REFERENCES "public"."startups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "business_plans" ADD CONSTRAINT "business_plans_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coaching_attendance" ADD CONSTRAINT "coaching_attendance_session_id_coaching_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."coaching_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coaching_attendance" ADD CONSTRAINT "coaching_attendance_member_id_startup_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."startup_members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coaching_sessions" ADD CONSTRAINT "coaching_sessions_startup_id_startups_id_fk" FOREIGN KEY ("startup_id") REFERENCES "public"."startups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coaching_sessions" ADD CONSTRAINT "coaching_sessions_coach_id_users_id_fk" FOREIGN KEY ("coach_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliverables" ADD CONSTRAINT "deliverables_milestone_id_milestones_id_fk" FOREIGN KEY ("milestone_id") REFERENCES "public"."milestones"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliverables" ADD CONSTRAINT "deliverables_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliverables" ADD CONSTRAINT "deliverables_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incubation_settings" ADD CONSTRAINT "incubation_settings_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestone_reminders" ADD CONSTRAINT "milestone_reminders_milestone_id_milestones_id_fk" FOREIGN KEY ("milestone_id") REFERENCES "public"."milestones"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestone_templates" ADD CONSTRAINT "milestone_templates_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestones" ADD CONSTRAINT "milestones_startup_id_startups_id_fk" FOREIGN KEY ("startup_id") REFERENCES "public"."startups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestones" ADD CONSTRAINT "milestones_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_reports" ADD CONSTRAINT "monitoring_reports_milestone_id_milestones_id_fk" FOREIGN KEY ("milestone_id") REFERENCES "public"."milestones"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_reports" ADD CONSTRAINT "monitoring_reports_startup_id_startups_id_fk" FOREIGN KEY ("startup_id") REFERENCES "public"."startups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_reports" ADD CONSTRAINT "monitoring_reports_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_reports" ADD CONSTRAINT "monitoring_reports_feedback_by_users_id_fk" FOREIGN KEY ("feedback_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "startup_coaches" ADD CONSTRAINT "startup_coaches_startup_id_startups_id_fk" FOREIGN KEY ("startup_id") REFERENCES "public"."startups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "startup_coaches" ADD CONSTRAINT "startup_coaches_coach_id_users_id_fk" FOREIGN KEY ("coach_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "startup_coaches" ADD CONSTRAINT "startup_coaches_assigned_by_users_id_fk" FOREIGN KEY ("assigned_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "startup_members" ADD CONSTRAINT "startup_members_startup_id_startups_id_fk" FOREIGN KEY ("startup_id") REFERENCES "public"."startups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "startup_members" ADD CONSTRAINT "startup_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "startups" ADD CONSTRAINT "startups_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "startups" ADD CONSTRAINT "startups_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "startups" ADD CONSTRAINT "startups_neighbourhood_id_neighbourhoods_id_fk" FOREIGN KEY ("neighbourhood_id") REFERENCES "public"."neighbourhoods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "startups" ADD CONSTRAINT "startups_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disbursements" ADD CONSTRAINT "disbursements_tranche_id_tranches_id_fk" FOREIGN KEY ("tranche_id") REFERENCES "public"."tranches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disbursements" ADD CONSTRAINT "disbursements_grant_id_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."grants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disbursements" ADD CONSTRAINT "disbursements_pledge_id_pledges_id_fk" FOREIGN KEY ("pledge_id") REFERENCES "public"."pledges"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disbursements" ADD CONSTRAINT "disbursements_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "donor_users" ADD CONSTRAINT "donor_users_donor_id_donors_id_fk" FOREIGN KEY ("donor_id") REFERENCES "public"."donors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "donor_users" ADD CONSTRAINT "donor_users_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "donors" ADD CONSTRAINT "donors_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "donors" ADD CONSTRAINT "donors_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants" ADD CONSTRAINT "grants_startup_id_startups_id_fk" FOREIGN KEY ("startup_id") REFERENCES "public"."startups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants" ADD CONSTRAINT "grants_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants" ADD CONSTRAINT "grants_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pledges" ADD CONSTRAINT "pledges_donor_id_donors_id_fk" FOREIGN KEY ("donor_id") REFERENCES "public"."donors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pledges" ADD CONSTRAINT "pledges_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pledges" ADD CONSTRAINT "pledges_startup_id_startups_id_fk" FOREIGN KEY ("startup_id") REFERENCES "public"."startups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pledges" ADD CONSTRAINT "pledges_neighbourhood_id_neighbourhoods_id_fk" FOREIGN KEY ("neighbourhood_id") REFERENCES "public"."neighbourhoods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pledges" ADD CONSTRAINT "pledges_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tranche_templates" ADD CONSTRAINT "tranche_templates_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tranches" ADD CONSTRAINT "tranches_grant_id_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."grants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tranches" ADD CONSTRAINT "tranches_milestone_id_milestones_id_fk" FOREIGN KEY ("milestone_id") REFERENCES "public"."milestones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tranches" ADD CONSTRAINT "tranches_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "business_plan_comments_idx" ON "business_plan_comments" USING btree ("startup_id","section");--> statement-breakpoint
CREATE INDEX "coaching_sessions_startup_idx" ON "coaching_sessions" USING btree ("startup_id","held_on");--> statement-breakpoint
CREATE INDEX "coaching_sessions_coach_idx" ON "coaching_sessions" USING btree ("coach_id");--> statement-breakpoint
CREATE INDEX "milestones_due_idx" ON "milestones" USING btree ("status","due_on");--> statement-breakpoint
CREATE INDEX "monitoring_reports_startup_idx" ON "monitoring_reports" USING btree ("startup_id");--> statement-breakpoint
CREATE INDEX "startup_coaches_coach_idx" ON "startup_coaches" USING btree ("coach_id");--> statement-breakpoint
CREATE INDEX "startup_members_startup_idx" ON "startup_members" USING btree ("startup_id");--> statement-breakpoint
CREATE INDEX "startup_members_user_idx" ON "startup_members" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "startups_call_idx" ON "startups" USING btree ("call_id");--> statement-breakpoint
CREATE INDEX "startups_public_idx" ON "startups" USING btree ("public_consent","stage");--> statement-breakpoint
CREATE INDEX "disbursements_grant_idx" ON "disbursements" USING btree ("grant_id");--> statement-breakpoint
CREATE INDEX "disbursements_pledge_idx" ON "disbursements" USING btree ("pledge_id");--> statement-breakpoint
CREATE INDEX "donor_users_user_idx" ON "donor_users" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "donors_status_idx" ON "donors" USING btree ("status");--> statement-breakpoint
CREATE INDEX "grants_call_idx" ON "grants" USING btree ("call_id");--> statement-breakpoint
CREATE INDEX "pledges_donor_idx" ON "pledges" USING btree ("donor_id");--> statement-breakpoint
CREATE INDEX "pledges_call_idx" ON "pledges" USING btree ("call_id","status");--> statement-breakpoint
CREATE INDEX "pledges_startup_idx" ON "pledges" USING btree ("startup_id");