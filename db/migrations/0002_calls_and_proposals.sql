CREATE TYPE "public"."amendment_kind" AS ENUM('rettifica', 'proroga');--> statement-breakpoint
CREATE TYPE "public"."call_phase" AS ENUM('draft', 'published', 'in_review', 'ranking_provisional', 'ranking_final', 'archived');--> statement-breakpoint
CREATE TYPE "public"."applicant_type" AS ENUM('individual', 'informal_group', 'association', 'social_cooperative');--> statement-breakpoint
CREATE TYPE "public"."proposal_status" AS ENUM('draft', 'submitted', 'integration_requested', 'admissible', 'inadmissible', 'in_review', 'scored', 'funded', 'eligible_not_funded', 'below_threshold', 'incubated', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."file_owner" AS ENUM('proposal', 'call', 'integration_request');--> statement-breakpoint
CREATE TYPE "public"."storage_kind" AS ENUM('local', 'uploadthing');--> statement-breakpoint
CREATE TABLE "call_amendments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"call_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"kind" "amendment_kind" NOT NULL,
	"note_it" text NOT NULL,
	"note_en" text NOT NULL,
	"changes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "call_amendments_version_uq" UNIQUE("call_id","version")
);
--> statement-breakpoint
CREATE TABLE "call_neighbourhoods" (
	"call_id" uuid NOT NULL,
	"neighbourhood_id" uuid NOT NULL,
	CONSTRAINT "call_neighbourhoods_call_id_neighbourhood_id_pk" PRIMARY KEY("call_id","neighbourhood_id")
);
--> statement-breakpoint
CREATE TABLE "calls" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"phase" "call_phase" DEFAULT 'draft' NOT NULL,
	"title_it" text NOT NULL,
	"title_en" text NOT NULL,
	"summary_it" text DEFAULT '' NOT NULL,
	"summary_en" text DEFAULT '' NOT NULL,
	"body_it" text DEFAULT '' NOT NULL,
	"body_en" text DEFAULT '' NOT NULL,
	"themes" text[] DEFAULT '{}' NOT NULL,
	"applicant_types" text[] DEFAULT '{}' NOT NULL,
	"min_group_members" integer DEFAULT 2 NOT NULL,
	"eligibility" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"budget_cents" bigint DEFAULT 0 NOT NULL,
	"max_grant_cents" bigint DEFAULT 0 NOT NULL,
	"min_cofinancing_pct" integer DEFAULT 0 NOT NULL,
	"attachments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"questions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"rubric" jsonb DEFAULT '{"criteria":[],"threshold":0}'::jsonb NOT NULL,
	"observation_days" integer DEFAULT 10 NOT NULL,
	"protocol_prefix" text DEFAULT 'IDEA' NOT NULL,
	"last_protocol_seq" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"published_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calls_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "admissibility_checks" (
	"proposal_id" uuid NOT NULL,
	"requirement" text NOT NULL,
	"met" boolean NOT NULL,
	"motivation" text DEFAULT '' NOT NULL,
	"checked_by" uuid,
	"checked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "admissibility_checks_proposal_id_requirement_pk" PRIMARY KEY("proposal_id","requirement")
);
--> statement-breakpoint
CREATE TABLE "integration_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"proposal_id" uuid NOT NULL,
	"message" text NOT NULL,
	"requirements" text[] DEFAULT '{}' NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"requested_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone,
	"response_note" text
);
--> statement-breakpoint
CREATE TABLE "proposal_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "proposal_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"proposal_id" uuid NOT NULL,
	"from_status" "proposal_status",
	"to_status" "proposal_status" NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "proposal_submissions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"proposal_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"content_sha256" text NOT NULL,
	"snapshot" jsonb NOT NULL,
	CONSTRAINT "proposal_submissions_seq_uq" UNIQUE("proposal_id","seq")
);
--> statement-breakpoint
CREATE TABLE "proposals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"call_id" uuid NOT NULL,
	"proposer_id" uuid NOT NULL,
	"status" "proposal_status" DEFAULT 'draft' NOT NULL,
	"applicant_type" "applicant_type" DEFAULT 'individual' NOT NULL,
	"organisation_name" text,
	"title" text DEFAULT '' NOT NULL,
	"neighbourhood_id" uuid,
	"requested_cents" bigint,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"team" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"declarations_accepted_at" timestamp with time zone,
	"protocol_seq" integer,
	"protocol_number" text,
	"first_submitted_at" timestamp with time zone,
	"submitted_at" timestamp with time zone,
	"content_sha256" text,
	"version" integer DEFAULT 1 NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"decision_motivation" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "proposals_protocol_seq_uq" UNIQUE("call_id","protocol_seq"),
	CONSTRAINT "proposals_protocol_number_uq" UNIQUE("call_id","protocol_number")
);
--> statement-breakpoint
CREATE TABLE "files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"storage" "storage_kind" NOT NULL,
	"storage_key" text NOT NULL,
	"original_name" text NOT NULL,
	"mime" text NOT NULL,
	"size_bytes" bigint NOT NULL,
	"sha256" text NOT NULL,
	"owner_type" "file_owner" NOT NULL,
	"owner_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "call_amendments" ADD CONSTRAINT "call_amendments_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_amendments" ADD CONSTRAINT "call_amendments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_neighbourhoods" ADD CONSTRAINT "call_neighbourhoods_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_neighbourhoods" ADD CONSTRAINT "call_neighbourhoods_neighbourhood_id_neighbourhoods_id_fk" FOREIGN KEY ("neighbourhood_id") REFERENCES "public"."neighbourhoods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calls" ADD CONSTRAINT "calls_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calls" ADD CONSTRAINT "calls_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "admissibility_checks" ADD CONSTRAINT "admissibility_checks_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "admissibility_checks" ADD CONSTRAINT "admissibility_checks_checked_by_users_id_fk" FOREIGN KEY ("checked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "integration_requests" ADD CONSTRAINT "integration_requests_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "integration_requests" ADD CONSTRAINT "integration_requests_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_events" ADD CONSTRAINT "proposal_events_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_events" ADD CONSTRAINT "proposal_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_submissions" ADD CONSTRAINT "proposal_submissions_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_proposer_id_users_id_fk" FOREIGN KEY ("proposer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_neighbourhood_id_neighbourhoods_id_fk" FOREIGN KEY ("neighbourhood_id") REFERENCES "public"."neighbourhoods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "files" ADD CONSTRAINT "files_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "calls_phase_idx" ON "calls" USING btree ("phase","closes_at");--> statement-breakpoint
CREATE INDEX "integration_requests_proposal_idx" ON "integration_requests" USING btree ("proposal_id");--> statement-breakpoint
CREATE INDEX "proposal_events_proposal_idx" ON "proposal_events" USING btree ("proposal_id","at");--> statement-breakpoint
CREATE INDEX "proposals_call_status_idx" ON "proposals" USING btree ("call_id","status");--> statement-breakpoint
CREATE INDEX "proposals_proposer_idx" ON "proposals" USING btree ("proposer_id");--> statement-breakpoint
CREATE INDEX "files_owner_idx" ON "files" USING btree ("owner_type","owner_id","purpose");