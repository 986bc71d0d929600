CREATE TABLE "ai_coach_eval_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"provider" text NOT NULL,
	"model" text NOT NULL,
	"cases" integer NOT NULL,
	"passed" integer NOT NULL,
	"ran_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "from_ai_coach" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "ai_coach_consents" ADD COLUMN "share_with_coach" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "ai_coach_consents" ADD COLUMN "share_for_review" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "ai_coach_usage" ADD COLUMN "refused" integer DEFAULT 0 NOT NULL;