CREATE TABLE "report_member_totals" (
	"package_id" uuid NOT NULL,
	"coach_id" uuid NOT NULL,
	"language" text NOT NULL,
	"reduction_members" integer NOT NULL,
	"reduction_percent_sum" numeric NOT NULL,
	"brinkman_members" integer NOT NULL,
	"brinkman_baseline_sum" double precision NOT NULL,
	"brinkman_current_sum" double precision NOT NULL,
	CONSTRAINT "report_member_totals_package_id_coach_id_language_pk" PRIMARY KEY("package_id","coach_id","language")
);
