CREATE TYPE "public"."coach_assignment_status" AS ENUM('active', 'ended', 'graduated');--> statement-breakpoint
CREATE TYPE "public"."coach_profile_status" AS ENUM('draft', 'pending', 'approved', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."coach_match_request_status" AS ENUM('waiting', 'assigned', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."plan_proposal_status" AS ENUM('proposed', 'accepted', 'declined', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."coach_response_kind" AS ENUM('first', 'next');--> statement-breakpoint
CREATE TABLE "case_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"member_id" uuid NOT NULL,
	"author_id" uuid,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "coach_assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"member_id" uuid NOT NULL,
	"coach_id" uuid NOT NULL,
	"status" "coach_assignment_status" DEFAULT 'active' NOT NULL,
	"source" text NOT NULL,
	"assigned_by" uuid,
	"coach_may_edit_plan" boolean DEFAULT false NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone,
	"ended_by" uuid,
	"end_reason" text
);
--> statement-breakpoint
CREATE TABLE "coach_match_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"member_id" uuid NOT NULL,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"specialties" text[] DEFAULT '{}'::text[] NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"status" "coach_match_request_status" DEFAULT 'waiting' NOT NULL,
	"assignment_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "coach_profiles" (
	"coach_id" uuid PRIMARY KEY NOT NULL,
	"headline" text DEFAULT '' NOT NULL,
	"bio" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"photo_id" uuid,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"specialties" text[] DEFAULT '{}'::text[] NOT NULL,
	"years_experience" integer DEFAULT 0 NOT NULL,
	"capacity" integer DEFAULT 0 NOT NULL,
	"working_hours" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" "coach_profile_status" DEFAULT 'draft' NOT NULL,
	"review_note" text,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "coach_profiles_capacity_range" CHECK ("coach_profiles"."capacity" between 0 and 1000),
	CONSTRAINT "coach_profiles_years_range" CHECK ("coach_profiles"."years_experience" between 0 and 80)
);
--> statement-breakpoint
CREATE TABLE "coach_responses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"conversation_id" uuid NOT NULL,
	"coach_id" uuid NOT NULL,
	"kind" "coach_response_kind" NOT NULL,
	"asked_seq" integer NOT NULL,
	"asked_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"answered_seq" integer,
	"answered_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "conversations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"assignment_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"coach_id" uuid NOT NULL,
	"last_seq" integer DEFAULT 0 NOT NULL,
	"member_read_seq" integer DEFAULT 0 NOT NULL,
	"coach_read_seq" integer DEFAULT 0 NOT NULL,
	"last_message_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "conversations_assignmentId_unique" UNIQUE("assignment_id")
);
--> statement-breakpoint
CREATE TABLE "graduations" (
	"member_id" uuid NOT NULL,
	"assignment_id" uuid NOT NULL,
	"attempt_id" uuid,
	"coach_id" uuid,
	"smoke_free_days" integer NOT NULL,
	"note" text,
	"graduated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "graduations_member_id_assignment_id_pk" PRIMARY KEY("member_id","assignment_id")
);
--> statement-breakpoint
CREATE TABLE "health_data_access" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"member_id" uuid NOT NULL,
	"viewer_id" uuid,
	"viewer_role" text NOT NULL,
	"what" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"conversation_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"sender_id" uuid,
	"client_id" uuid NOT NULL,
	"body" text NOT NULL,
	"attachment_id" uuid,
	"edited_at" timestamp with time zone,
	"deleted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_proposals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"member_id" uuid NOT NULL,
	"attempt_id" uuid NOT NULL,
	"coach_id" uuid,
	"base_revision" integer NOT NULL,
	"changes" jsonb NOT NULL,
	"note" text,
	"status" "plan_proposal_status" DEFAULT 'proposed' NOT NULL,
	"applied_revision" integer,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "case_notes" ADD CONSTRAINT "case_notes_member_id_users_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_notes" ADD CONSTRAINT "case_notes_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coach_assignments" ADD CONSTRAINT "coach_assignments_member_id_users_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coach_assignments" ADD CONSTRAINT "coach_assignments_coach_id_users_id_fk" FOREIGN KEY ("coach_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coach_assignments" ADD CONSTRAINT "coach_assignments_assigned_by_users_id_fk" FOREIGN KEY ("assigned_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coach_assignments" ADD CONSTRAINT "coach_assignments_ended_by_users_id_fk" FOREIGN KEY ("ended_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coach_match_requests" ADD CONSTRAINT "coach_match_requests_member_id_users_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coach_match_requests" ADD CONSTRAINT "coach_match_requests_assignment_id_coach_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."coach_assignments"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coach_profiles" ADD CONSTRAINT "coach_profiles_coach_id_users_id_fk" FOREIGN KEY ("coach_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coach_profiles" ADD CONSTRAINT "coach_profiles_photo_id_stored_files_id_fk" FOREIGN KEY ("photo_id") REFERENCES "public"."stored_files"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coach_profiles" ADD CONSTRAINT "coach_profiles_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coach_responses" ADD CONSTRAINT "coach_responses_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coach_responses" ADD CONSTRAINT "coach_responses_coach_id_users_id_fk" FOREIGN KEY ("coach_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_assignment_id_coach_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."coach_assignments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_member_id_users_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_coach_id_users_id_fk" FOREIGN KEY ("coach_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "graduations" ADD CONSTRAINT "graduations_member_id_users_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "graduations" ADD CONSTRAINT "graduations_assignment_id_coach_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."coach_assignments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "graduations" ADD CONSTRAINT "graduations_attempt_id_quit_attempts_id_fk" FOREIGN KEY ("attempt_id") REFERENCES "public"."quit_attempts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "graduations" ADD CONSTRAINT "graduations_coach_id_users_id_fk" FOREIGN KEY ("coach_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_data_access" ADD CONSTRAINT "health_data_access_member_id_users_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_data_access" ADD CONSTRAINT "health_data_access_viewer_id_users_id_fk" FOREIGN KEY ("viewer_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_sender_id_users_id_fk" FOREIGN KEY ("sender_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_attachment_id_stored_files_id_fk" FOREIGN KEY ("attachment_id") REFERENCES "public"."stored_files"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_proposals" ADD CONSTRAINT "plan_proposals_member_id_users_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_proposals" ADD CONSTRAINT "plan_proposals_attempt_id_quit_attempts_id_fk" FOREIGN KEY ("attempt_id") REFERENCES "public"."quit_attempts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_proposals" ADD CONSTRAINT "plan_proposals_coach_id_users_id_fk" FOREIGN KEY ("coach_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_notes_member_idx" ON "case_notes" USING btree ("member_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "coach_assignments_one_active_per_member" ON "coach_assignments" USING btree ("member_id") WHERE "coach_assignments"."status" = 'active';--> statement-breakpoint
CREATE INDEX "coach_assignments_coach_idx" ON "coach_assignments" USING btree ("coach_id","status");--> statement-breakpoint
CREATE INDEX "coach_assignments_member_idx" ON "coach_assignments" USING btree ("member_id","started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "coach_match_requests_one_waiting" ON "coach_match_requests" USING btree ("member_id") WHERE "coach_match_requests"."status" = 'waiting';--> statement-breakpoint
CREATE INDEX "coach_match_requests_waiting_idx" ON "coach_match_requests" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "coach_profiles_status_idx" ON "coach_profiles" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "coach_responses_asked_unique" ON "coach_responses" USING btree ("conversation_id","asked_seq");--> statement-breakpoint
CREATE UNIQUE INDEX "coach_responses_one_open" ON "coach_responses" USING btree ("conversation_id") WHERE "coach_responses"."answered_at" is null;--> statement-breakpoint
CREATE INDEX "coach_responses_coach_due_idx" ON "coach_responses" USING btree ("coach_id","due_at");--> statement-breakpoint
CREATE INDEX "conversations_member_idx" ON "conversations" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "conversations_coach_idx" ON "conversations" USING btree ("coach_id","last_message_at");--> statement-breakpoint
CREATE INDEX "health_data_access_member_idx" ON "health_data_access" USING btree ("member_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "messages_conversation_seq_unique" ON "messages" USING btree ("conversation_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "messages_client_id_unique" ON "messages" USING btree ("conversation_id","client_id");--> statement-breakpoint
CREATE INDEX "plan_proposals_member_idx" ON "plan_proposals" USING btree ("member_id","status");