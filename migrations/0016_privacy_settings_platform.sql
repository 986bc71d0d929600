CREATE TABLE "platform_request_minutes" (
	"minute" timestamp with time zone NOT NULL,
	"process_id" text NOT NULL,
	"requests" integer NOT NULL,
	"errors" integer NOT NULL,
	"latency_buckets" integer[] NOT NULL,
	CONSTRAINT "platform_request_minutes_minute_process_id_pk" PRIMARY KEY("minute","process_id")
);
--> statement-breakpoint
CREATE TABLE "report_activity_group_steps" (
	"day" date NOT NULL,
	"dimension" text NOT NULL,
	"key" uuid NOT NULL,
	"dau" integer NOT NULL,
	"wau" integer NOT NULL,
	"mau" integer NOT NULL,
	CONSTRAINT "report_activity_group_steps_dimension_key_day_pk" PRIMARY KEY("dimension","key","day")
);
--> statement-breakpoint
CREATE TABLE "privacy_settings" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"name_shown" text DEFAULT 'full' NOT NULL,
	"avatar_shown" boolean DEFAULT true NOT NULL,
	"smoke_free_days_shown" boolean DEFAULT true NOT NULL,
	"badge_share_audience" text DEFAULT 'link' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "retention_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ran_at" timestamp with time zone DEFAULT now() NOT NULL,
	"policy" jsonb NOT NULL,
	"removed" jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "privacy_settings" ADD CONSTRAINT "privacy_settings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;