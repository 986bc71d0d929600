CREATE TYPE "public"."quit_attempt_status" AS ENUM('active', 'relapsed', 'abandoned');--> statement-breakpoint
CREATE TYPE "public"."follow_up" AS ENUM('4-weeks', '12-weeks', '26-weeks', '52-weeks');--> statement-breakpoint
CREATE TABLE "cigarette_logs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"local_date" date NOT NULL,
	"count" integer NOT NULL,
	"smoked_at" time,
	"trigger" text,
	"place" text,
	"mood" smallint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "craving_logs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"local_date" date NOT NULL,
	"intensity" smallint NOT NULL,
	"trigger" text,
	"resisted" boolean NOT NULL,
	"coping" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "daily_totals" (
	"user_id" uuid NOT NULL,
	"local_date" date NOT NULL,
	"cigarettes" integer DEFAULT 0 NOT NULL,
	"cravings" integer DEFAULT 0 NOT NULL,
	"cravings_resisted" integer DEFAULT 0 NOT NULL,
	"checked_in" boolean DEFAULT false NOT NULL,
	"mood" smallint,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "health_consents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"purpose_version" text NOT NULL,
	"granted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"withdrawn_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "mood_logs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"local_date" date NOT NULL,
	"mood" smallint NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outcome_follow_ups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"attempt_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"follow_up" "follow_up" NOT NULL,
	"smoked_since_day14" boolean NOT NULL,
	"smoked_past7_days" boolean NOT NULL,
	"cigarettes_since_day14" integer NOT NULL,
	"co_ppm" numeric(4, 1),
	"answered_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_revisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"attempt_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"revision" integer NOT NULL,
	"plan" jsonb NOT NULL,
	"change_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "quit_attempts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"attempt_number" integer NOT NULL,
	"status" "quit_attempt_status" DEFAULT 'active' NOT NULL,
	"quit_date" date NOT NULL,
	"baseline_per_day" integer NOT NULL,
	"cigarettes_per_pack" integer NOT NULL,
	"pack_price_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"ended_on" date,
	"end_reason" text,
	"longest_streak_days" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "slip_reflections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"attempt_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"local_date" date NOT NULL,
	"trigger" text,
	"what_happened" text,
	"coping_strategy" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "smoking_profiles" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"cigarettes_per_day" integer NOT NULL,
	"years_smoked" numeric(4, 1) NOT NULL,
	"cigarettes_per_pack" integer NOT NULL,
	"pack_price_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"brand" text,
	"triggers" text[] DEFAULT '{}'::text[] NOT NULL,
	"custom_triggers" text[] DEFAULT '{}'::text[] NOT NULL,
	"reasons" text[] DEFAULT '{}'::text[] NOT NULL,
	"ftnd_answers" jsonb NOT NULL,
	"ftnd_score" smallint NOT NULL,
	"hsi_score" smallint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"payload" jsonb NOT NULL,
	"dedupe_key" text,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cigarette_logs" ADD CONSTRAINT "cigarette_logs_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "craving_logs" ADD CONSTRAINT "craving_logs_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "daily_totals" ADD CONSTRAINT "daily_totals_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_consents" ADD CONSTRAINT "health_consents_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mood_logs" ADD CONSTRAINT "mood_logs_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_follow_ups" ADD CONSTRAINT "outcome_follow_ups_attempt_id_quit_attempts_id_fk" FOREIGN KEY ("attempt_id") REFERENCES "public"."quit_attempts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_follow_ups" ADD CONSTRAINT "outcome_follow_ups_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_revisions" ADD CONSTRAINT "plan_revisions_attempt_id_quit_attempts_id_fk" FOREIGN KEY ("attempt_id") REFERENCES "public"."quit_attempts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_revisions" ADD CONSTRAINT "plan_revisions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quit_attempts" ADD CONSTRAINT "quit_attempts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "slip_reflections" ADD CONSTRAINT "slip_reflections_attempt_id_quit_attempts_id_fk" FOREIGN KEY ("attempt_id") REFERENCES "public"."quit_attempts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "slip_reflections" ADD CONSTRAINT "slip_reflections_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "smoking_profiles" ADD CONSTRAINT "smoking_profiles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cigarette_logs_user_date_idx" ON "cigarette_logs" USING btree ("user_id","local_date");--> statement-breakpoint
CREATE INDEX "craving_logs_user_date_idx" ON "craving_logs" USING btree ("user_id","local_date");--> statement-breakpoint
CREATE INDEX "craving_logs_user_trigger_idx" ON "craving_logs" USING btree ("user_id","trigger");--> statement-breakpoint
CREATE UNIQUE INDEX "daily_totals_user_date_unique" ON "daily_totals" USING btree ("user_id","local_date");--> statement-breakpoint
CREATE INDEX "health_consents_user_idx" ON "health_consents" USING btree ("user_id","granted_at");--> statement-breakpoint
CREATE INDEX "mood_logs_user_date_idx" ON "mood_logs" USING btree ("user_id","local_date");--> statement-breakpoint
CREATE UNIQUE INDEX "outcome_follow_ups_attempt_unique" ON "outcome_follow_ups" USING btree ("attempt_id","follow_up");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_revisions_attempt_revision_unique" ON "plan_revisions" USING btree ("attempt_id","revision");--> statement-breakpoint
CREATE UNIQUE INDEX "quit_attempts_user_number_unique" ON "quit_attempts" USING btree ("user_id","attempt_number");--> statement-breakpoint
CREATE UNIQUE INDEX "quit_attempts_one_active" ON "quit_attempts" USING btree ("user_id") WHERE "quit_attempts"."status" = 'active';--> statement-breakpoint
CREATE INDEX "slip_reflections_attempt_idx" ON "slip_reflections" USING btree ("attempt_id");--> statement-breakpoint
CREATE INDEX "notifications_user_created_idx" ON "notifications" USING btree ("user_id","created_at","id");--> statement-breakpoint
CREATE INDEX "notifications_user_unread_idx" ON "notifications" USING btree ("user_id") WHERE "notifications"."read_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_dedupe_unique" ON "notifications" USING btree ("user_id","dedupe_key");