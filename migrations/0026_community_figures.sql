CREATE TABLE "community_figures" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"smoke_free_today" integer NOT NULL,
	"smoke_free_days_together" bigint NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL
);
