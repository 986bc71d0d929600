CREATE TABLE "report_retention_totals" (
	"package_id" uuid NOT NULL,
	"coach_id" uuid NOT NULL,
	"language" text NOT NULL,
	"signed_up_on" date NOT NULL,
	"members" integer NOT NULL,
	"retained30" integer NOT NULL,
	"retained60" integer NOT NULL,
	"retained90" integer NOT NULL,
	CONSTRAINT "report_retention_totals_package_id_coach_id_language_signed_up_on_pk" PRIMARY KEY("package_id","coach_id","language","signed_up_on")
);
--> statement-breakpoint
CREATE TABLE "report_success_totals" (
	"package_id" uuid NOT NULL,
	"coach_id" uuid NOT NULL,
	"language" text NOT NULL,
	"currency" text NOT NULL,
	"quit_date" date NOT NULL,
	"attempts" integer NOT NULL,
	"answered4" integer NOT NULL,
	"abstinent4" integer NOT NULL,
	"co_verified4" integer NOT NULL,
	"answered12" integer NOT NULL,
	"abstinent12" integer NOT NULL,
	"co_verified12" integer NOT NULL,
	"answered26" integer NOT NULL,
	"abstinent26" integer NOT NULL,
	"co_verified26" integer NOT NULL,
	"answered52" integer NOT NULL,
	"abstinent52" integer NOT NULL,
	"co_verified52" integer NOT NULL,
	"cigarettes_avoided" bigint NOT NULL,
	"money_saved_minor" bigint NOT NULL,
	CONSTRAINT "report_success_totals_package_id_coach_id_language_currency_quit_date_pk" PRIMARY KEY("package_id","coach_id","language","currency","quit_date")
);
