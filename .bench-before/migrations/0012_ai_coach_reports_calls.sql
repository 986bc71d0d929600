-- The AI coach's retrieval falls back to trigram similarity when full-text search finds nothing.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE TYPE "public"."ai_coach_handoff_reason" AS ENUM('crisis', 'requested', 'low-ratings');--> statement-breakpoint
CREATE TYPE "public"."ai_coach_handoff_status" AS ENUM('open', 'acknowledged');--> statement-breakpoint
CREATE TYPE "public"."ai_coach_message_kind" AS ENUM('question', 'answer', 'resources', 'fallback');--> statement-breakpoint
CREATE TYPE "public"."ai_coach_message_role" AS ENUM('member', 'coach');--> statement-breakpoint
CREATE TYPE "public"."ai_coach_message_status" AS ENUM('pending', 'streaming', 'complete', 'interrupted');--> statement-breakpoint
CREATE TYPE "public"."ai_coach_rating" AS ENUM('helped', 'not-helped');--> statement-breakpoint
CREATE TABLE "call_signals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"from_user_id" uuid NOT NULL,
	"to_user_id" uuid NOT NULL,
	"message" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ai_coach_consents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"provider" text NOT NULL,
	"given_at" timestamp with time zone DEFAULT now() NOT NULL,
	"withdrawn_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "ai_coach_handoffs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"thread_id" uuid,
	"coach_id" uuid,
	"reason" "ai_coach_handoff_reason" NOT NULL,
	"categories" text[] DEFAULT '{}'::text[] NOT NULL,
	"status" "ai_coach_handoff_status" DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" uuid
);
--> statement-breakpoint
CREATE TABLE "ai_coach_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"thread_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"role" "ai_coach_message_role" NOT NULL,
	"kind" "ai_coach_message_kind" NOT NULL,
	"status" "ai_coach_message_status" DEFAULT 'complete' NOT NULL,
	"locale" "locale" NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"question_id" uuid,
	"safety_level" text,
	"citations" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"provider" text,
	"model" text,
	"prompt_tokens" integer,
	"completion_tokens" integer,
	"latency_ms" integer,
	"guardrail" text,
	"rating" "ai_coach_rating",
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ai_coach_safety_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"message_id" uuid,
	"level" text NOT NULL,
	"categories" text[] DEFAULT '{}'::text[] NOT NULL,
	"reasons" text[] DEFAULT '{}'::text[] NOT NULL,
	"handoff_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ai_coach_threads" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"title" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ai_coach_usage" (
	"user_id" uuid NOT NULL,
	"day" date NOT NULL,
	"questions" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "ai_coach_usage_user_id_day_pk" PRIMARY KEY("user_id","day"),
	CONSTRAINT "ai_coach_usage_questions_positive" CHECK ("ai_coach_usage"."questions" >= 0)
);
--> statement-breakpoint
CREATE TABLE "report_activity_days" (
	"day" date PRIMARY KEY NOT NULL,
	"dau" integer NOT NULL,
	"wau" integer NOT NULL,
	"mau" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_attempts" (
	"attempt_id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"quit_date" date NOT NULL,
	"package_id" uuid NOT NULL,
	"coach_id" uuid NOT NULL,
	"language" text NOT NULL,
	"smoked_since_day14_at4" boolean,
	"co_ppm_at4" double precision,
	"smoked_past7_days_at12" boolean,
	"co_ppm_at12" double precision,
	"cigarettes_since_grace_at26" integer,
	"co_ppm_at26" double precision,
	"cigarettes_since_grace_at52" integer,
	"co_ppm_at52" double precision,
	"cigarettes_avoided" integer NOT NULL,
	"money_saved_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"as_of" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_coach_days" (
	"day" date NOT NULL,
	"coach_id" uuid NOT NULL,
	"assignments" integer NOT NULL,
	"assigned_within24h" integer NOT NULL,
	"first_responses" integer NOT NULL,
	"first_response_minutes" bigint NOT NULL,
	"next_responses" integer NOT NULL,
	"next_response_minutes" bigint NOT NULL,
	"sla_missed" integer NOT NULL,
	"sessions_completed" integer NOT NULL,
	"sessions_missed" integer NOT NULL,
	"ratings" integer NOT NULL,
	"rating_stars" integer NOT NULL,
	CONSTRAINT "report_coach_days_day_coach_id_pk" PRIMARY KEY("day","coach_id")
);
--> statement-breakpoint
CREATE TABLE "report_members" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"journey_version" integer NOT NULL,
	"signed_up_at" timestamp with time zone NOT NULL,
	"signed_up_on" date NOT NULL,
	"language" text NOT NULL,
	"package_id" uuid NOT NULL,
	"coach_id" uuid NOT NULL,
	"profile_completed_on" date,
	"first_plan_at" timestamp with time zone,
	"first_paid_on" date,
	"retained30" boolean NOT NULL,
	"retained60" boolean NOT NULL,
	"retained90" boolean NOT NULL,
	"baseline_per_day" integer,
	"last7_days" integer[],
	"as_of" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_payment_days" (
	"day" date NOT NULL,
	"package_id" uuid NOT NULL,
	"currency" text NOT NULL,
	"paid" integer NOT NULL,
	"paid_minor" bigint NOT NULL,
	"failed" integer NOT NULL,
	"recovered" integer NOT NULL,
	"refunds" integer NOT NULL,
	"refunded_minor" bigint NOT NULL,
	CONSTRAINT "report_payment_days_day_package_id_currency_pk" PRIMARY KEY("day","package_id","currency")
);
--> statement-breakpoint
CREATE TABLE "report_state" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"watermark" timestamp with time zone NOT NULL,
	"as_of" date NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_run" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_subscription_days" (
	"day" date NOT NULL,
	"package_id" uuid NOT NULL,
	"currency" text NOT NULL,
	"started" integer NOT NULL,
	"ended" integer NOT NULL,
	"live" integer NOT NULL,
	"mrr_minor" bigint NOT NULL,
	CONSTRAINT "report_subscription_days_day_package_id_currency_pk" PRIMARY KEY("day","package_id","currency")
);
--> statement-breakpoint
ALTER TABLE "call_signals" ADD CONSTRAINT "call_signals_session_id_coaching_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."coaching_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_signals" ADD CONSTRAINT "call_signals_from_user_id_users_id_fk" FOREIGN KEY ("from_user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_signals" ADD CONSTRAINT "call_signals_to_user_id_users_id_fk" FOREIGN KEY ("to_user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_coach_consents" ADD CONSTRAINT "ai_coach_consents_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_coach_handoffs" ADD CONSTRAINT "ai_coach_handoffs_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_coach_handoffs" ADD CONSTRAINT "ai_coach_handoffs_thread_id_ai_coach_threads_id_fk" FOREIGN KEY ("thread_id") REFERENCES "public"."ai_coach_threads"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_coach_handoffs" ADD CONSTRAINT "ai_coach_handoffs_coach_id_users_id_fk" FOREIGN KEY ("coach_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_coach_handoffs" ADD CONSTRAINT "ai_coach_handoffs_acknowledged_by_users_id_fk" FOREIGN KEY ("acknowledged_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_coach_messages" ADD CONSTRAINT "ai_coach_messages_thread_id_ai_coach_threads_id_fk" FOREIGN KEY ("thread_id") REFERENCES "public"."ai_coach_threads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_coach_messages" ADD CONSTRAINT "ai_coach_messages_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_coach_safety_events" ADD CONSTRAINT "ai_coach_safety_events_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_coach_safety_events" ADD CONSTRAINT "ai_coach_safety_events_message_id_ai_coach_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."ai_coach_messages"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_coach_safety_events" ADD CONSTRAINT "ai_coach_safety_events_handoff_id_ai_coach_handoffs_id_fk" FOREIGN KEY ("handoff_id") REFERENCES "public"."ai_coach_handoffs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_coach_threads" ADD CONSTRAINT "ai_coach_threads_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_coach_usage" ADD CONSTRAINT "ai_coach_usage_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_attempts" ADD CONSTRAINT "report_attempts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_members" ADD CONSTRAINT "report_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "call_signals_created_idx" ON "call_signals" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "ai_coach_consents_one_live" ON "ai_coach_consents" USING btree ("user_id") WHERE "ai_coach_consents"."withdrawn_at" is null;--> statement-breakpoint
CREATE INDEX "ai_coach_handoffs_coach_idx" ON "ai_coach_handoffs" USING btree ("coach_id","status","created_at");--> statement-breakpoint
CREATE INDEX "ai_coach_handoffs_user_idx" ON "ai_coach_handoffs" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "ai_coach_messages_thread_idx" ON "ai_coach_messages" USING btree ("thread_id","created_at");--> statement-breakpoint
CREATE INDEX "ai_coach_messages_user_idx" ON "ai_coach_messages" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "ai_coach_safety_events_created_idx" ON "ai_coach_safety_events" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "ai_coach_threads_user_idx" ON "ai_coach_threads" USING btree ("user_id","updated_at");--> statement-breakpoint
CREATE INDEX "report_attempts_quit_date_idx" ON "report_attempts" USING btree ("quit_date");--> statement-breakpoint
CREATE INDEX "report_attempts_user_idx" ON "report_attempts" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "report_members_signed_up_idx" ON "report_members" USING btree ("signed_up_on");--> statement-breakpoint
CREATE INDEX "report_members_coach_idx" ON "report_members" USING btree ("coach_id");--> statement-breakpoint
CREATE INDEX "daily_totals_updated_idx" ON "daily_totals" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "daily_totals_date_idx" ON "daily_totals" USING btree ("local_date");