ALTER TABLE "conversations" DROP CONSTRAINT "conversations_assignment_id_coach_assignments_id_fk";
--> statement-breakpoint
ALTER TABLE "conversations" DROP CONSTRAINT "conversations_member_id_users_id_fk";
--> statement-breakpoint
DROP INDEX "promotion_redemptions_once_per_subscription";--> statement-breakpoint
ALTER TABLE "conversations" ALTER COLUMN "assignment_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "conversations" ALTER COLUMN "member_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "promotion_redemptions" ADD COLUMN "checkout_id" uuid;--> statement-breakpoint
ALTER TABLE "ai_coach_consents" ADD COLUMN "share_with_coach_withdrawn_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "account_deletions" ADD COLUMN "keep_messages" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "promotion_redemptions" ADD CONSTRAINT "promotion_redemptions_checkout_id_checkout_sessions_id_fk" FOREIGN KEY ("checkout_id") REFERENCES "public"."checkout_sessions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_assignment_id_coach_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."coach_assignments"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_member_id_users_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "promotion_redemptions_once_per_checkout" ON "promotion_redemptions" USING btree ("checkout_id");--> statement-breakpoint
CREATE UNIQUE INDEX "promotion_redemptions_once_per_subscription" ON "promotion_redemptions" USING btree ("promotion_id","subscription_id") WHERE "promotion_redemptions"."checkout_id" is null;