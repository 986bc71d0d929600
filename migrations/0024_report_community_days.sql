CREATE TABLE "report_community_days" (
	"day" date NOT NULL,
	"package_id" uuid NOT NULL,
	"coach_id" uuid NOT NULL,
	"language" text NOT NULL,
	"posts" integer NOT NULL,
	"comments" integer NOT NULL,
	CONSTRAINT "report_community_days_day_package_id_coach_id_language_pk" PRIMARY KEY("day","package_id","coach_id","language")
);
--> statement-breakpoint
CREATE INDEX "messages_sender_created_idx" ON "messages" USING btree ("sender_id","created_at");