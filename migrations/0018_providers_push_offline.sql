CREATE TYPE "public"."file_store" AS ENUM('postgres', 's3');--> statement-breakpoint
ALTER TYPE "public"."payment_provider" ADD VALUE 'vnpay';--> statement-breakpoint
ALTER TYPE "public"."payment_provider" ADD VALUE 'momo';--> statement-breakpoint
CREATE TABLE "push_subscriptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"endpoint" text NOT NULL,
	"p256dh" text NOT NULL,
	"auth" text NOT NULL,
	"lock_screen_details" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "web_push_keys" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"public_key" text NOT NULL,
	"private_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "stored_files" ALTER COLUMN "bytes" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "billing_settings" ADD COLUMN "vat_basis_points" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "checkout_sessions" ADD COLUMN "provider_transaction_id" text;--> statement-breakpoint
ALTER TABLE "checkout_sessions" ADD COLUMN "fulfilled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "package_prices" ADD COLUMN "one_off_providers" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "cigarette_logs" ADD COLUMN "client_id" uuid;--> statement-breakpoint
ALTER TABLE "craving_logs" ADD COLUMN "client_id" uuid;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "provider_token" text;--> statement-breakpoint
ALTER TABLE "stored_files" ADD COLUMN "store" "file_store" DEFAULT 'postgres' NOT NULL;--> statement-breakpoint
ALTER TABLE "push_subscriptions" ADD CONSTRAINT "push_subscriptions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "push_subscriptions_endpoint_unique" ON "push_subscriptions" USING btree ("endpoint");--> statement-breakpoint
CREATE INDEX "push_subscriptions_user_idx" ON "push_subscriptions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "checkout_sessions_open_idx" ON "checkout_sessions" USING btree ("provider","created_at") WHERE "checkout_sessions"."status" = 'open';--> statement-breakpoint
CREATE UNIQUE INDEX "cigarette_logs_user_client_unique" ON "cigarette_logs" USING btree ("user_id","client_id");--> statement-breakpoint
CREATE UNIQUE INDEX "craving_logs_user_client_unique" ON "craving_logs" USING btree ("user_id","client_id");--> statement-breakpoint
CREATE INDEX "community_posts_images_idx" ON "community_posts" USING gin (("body" -> 'imageIds'));--> statement-breakpoint
ALTER TABLE "billing_settings" ADD CONSTRAINT "billing_settings_vat_range" CHECK ("billing_settings"."vat_basis_points" between 0 and 10000);