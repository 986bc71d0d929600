CREATE TABLE "platform_heartbeats" (
	"minute" timestamp with time zone NOT NULL,
	"process_id" text NOT NULL,
	CONSTRAINT "platform_heartbeats_minute_process_id_pk" PRIMARY KEY("minute","process_id")
);
--> statement-breakpoint
CREATE TABLE "article_read_days" (
	"article_id" uuid NOT NULL,
	"day" date NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "article_read_days_article_id_day_pk" PRIMARY KEY("article_id","day")
);
--> statement-breakpoint
CREATE TABLE "article_read_visitors" (
	"day" date NOT NULL,
	"visitor_key" text NOT NULL,
	CONSTRAINT "article_read_visitors_day_visitor_key_pk" PRIMARY KEY("day","visitor_key")
);
--> statement-breakpoint
ALTER TABLE "article_read_days" ADD CONSTRAINT "article_read_days_article_id_content_items_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."content_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "article_read_days_day_idx" ON "article_read_days" USING btree ("day");