CREATE TYPE "public"."assignment_status" AS ENUM('assigned', 'conflict_declared', 'in_progress', 'submitted');--> statement-breakpoint
CREATE TYPE "public"."commission_role" AS ENUM('president', 'member', 'secretary');--> statement-breakpoint
CREATE TYPE "public"."conflict_kind" AS ENUM('family', 'association', 'neighbourhood', 'professional', 'other');--> statement-breakpoint
CREATE TYPE "public"."observation_status" AS ENUM('filed', 'answered');--> statement-breakpoint
CREATE TYPE "public"."ranking_kind" AS ENUM('provisional', 'final');--> statement-breakpoint
CREATE TYPE "public"."ranking_outcome" AS ENUM('funded', 'eligible_not_funded', 'below_threshold');--> statement-breakpoint
ALTER TYPE "public"."file_owner" ADD VALUE 'observation';--> statement-breakpoint
CREATE TABLE "commission_members" (
	"call_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"role" "commission_role" DEFAULT 'member' NOT NULL,
	"appointed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"appointed_by" uuid,
	CONSTRAINT "commission_members_call_id_user_id_pk" PRIMARY KEY("call_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "consensus_scores" (
	"proposal_id" uuid NOT NULL,
	"criterion" text NOT NULL,
	"points" integer NOT NULL,
	"reason" text NOT NULL,
	"entered_by" uuid,
	"entered_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consensus_scores_proposal_id_criterion_pk" PRIMARY KEY("proposal_id","criterion")
);
--> statement-breakpoint
CREATE TABLE "evaluation_settings" (
	"call_id" uuid PRIMARY KEY NOT NULL,
	"blind_review" boolean DEFAULT false NOT NULL,
	"consolidation" text DEFAULT 'mean' NOT NULL,
	"normalise" boolean DEFAULT false NOT NULL,
	"reviewers_per_proposal" integer DEFAULT 3 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "observations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"proposal_id" uuid NOT NULL,
	"ranking_id" uuid NOT NULL,
	"text" text NOT NULL,
	"file_id" uuid,
	"status" "observation_status" DEFAULT 'filed' NOT NULL,
	"filed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"answer" text,
	"upheld" boolean,
	"answered_by" uuid,
	"answered_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "ranking_entries" (
	"ranking_id" uuid NOT NULL,
	"proposal_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"score_centipoints" integer NOT NULL,
	"criteria" jsonb NOT NULL,
	"outcome" "ranking_outcome" NOT NULL,
	"grant_cents" bigint DEFAULT 0 NOT NULL,
	"failed_thresholds" text[] DEFAULT '{}' NOT NULL,
	CONSTRAINT "ranking_entries_ranking_id_proposal_id_pk" PRIMARY KEY("ranking_id","proposal_id")
);
--> statement-breakpoint
CREATE TABLE "rankings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"call_id" uuid NOT NULL,
	"kind" "ranking_kind" NOT NULL,
	"method" jsonb NOT NULL,
	"budget_cents" bigint NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_by" uuid,
	"observations_close_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "review_assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"proposal_id" uuid NOT NULL,
	"evaluator_id" uuid NOT NULL,
	"status" "assignment_status" DEFAULT 'assigned' NOT NULL,
	"conflict_kind" "conflict_kind",
	"conflict_reason" text,
	"no_conflict_declared_at" timestamp with time zone,
	"conflict_declared_at" timestamp with time zone,
	"observation_id" uuid,
	"assigned_at" timestamp with time zone DEFAULT now() NOT NULL,
	"assigned_by" uuid,
	"submitted_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "review_assignments_uq" UNIQUE("proposal_id","evaluator_id","observation_id")
);
--> statement-breakpoint
CREATE TABLE "review_scores" (
	"assignment_id" uuid NOT NULL,
	"criterion" text NOT NULL,
	"points" integer NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "review_scores_assignment_id_criterion_pk" PRIMARY KEY("assignment_id","criterion")
);
--> statement-breakpoint
ALTER TABLE "commission_members" ADD CONSTRAINT "commission_members_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commission_members" ADD CONSTRAINT "commission_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commission_members" ADD CONSTRAINT "commission_members_appointed_by_users_id_fk" FOREIGN KEY ("appointed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consensus_scores" ADD CONSTRAINT "consensus_scores_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consensus_scores" ADD CONSTRAINT "consensus_scores_entered_by_users_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_settings" ADD CONSTRAINT "evaluation_settings_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "observations" ADD CONSTRAINT "observations_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "observations" ADD CONSTRAINT "observations_ranking_id_rankings_id_fk" FOREIGN KEY ("ranking_id") REFERENCES "public"."rankings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "observations" ADD CONSTRAINT "observations_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "observations" ADD CONSTRAINT "observations_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ranking_entries" ADD CONSTRAINT "ranking_entries_ranking_id_rankings_id_fk" FOREIGN KEY ("ranking_id") REFERENCES "public"."rankings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ranking_entries" ADD CONSTRAINT "ranking_entries_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rankings" ADD CONSTRAINT "rankings_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rankings" ADD CONSTRAINT "rankings_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_assignments" ADD CONSTRAINT "review_assignments_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_assignments" ADD CONSTRAINT "review_assignments_evaluator_id_users_id_fk" FOREIGN KEY ("evaluator_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_assignments" ADD CONSTRAINT "review_assignments_assigned_by_users_id_fk" FOREIGN KEY ("assigned_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_scores" ADD CONSTRAINT "review_scores_assignment_id_review_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."review_assignments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "observations_proposal_idx" ON "observations" USING btree ("proposal_id");--> statement-breakpoint
CREATE INDEX "ranking_entries_position_idx" ON "ranking_entries" USING btree ("ranking_id","position");--> statement-breakpoint
CREATE INDEX "rankings_call_idx" ON "rankings" USING btree ("call_id","kind","published_at");--> statement-breakpoint
CREATE INDEX "review_assignments_evaluator_idx" ON "review_assignments" USING btree ("evaluator_id","status");--> statement-breakpoint
CREATE INDEX "review_assignments_proposal_idx" ON "review_assignments" USING btree ("proposal_id","status");