CREATE EXTENSION IF NOT EXISTS btree_gist;
--> statement-breakpoint
ALTER TABLE "coaching_sessions" ADD CONSTRAINT "coaching_sessions_no_coach_overlap" EXCLUDE USING gist ("coach_id" WITH =, "during" WITH &&) WHERE ("status" in ('requested', 'confirmed'));
--> statement-breakpoint
ALTER TABLE "coaching_sessions" ADD CONSTRAINT "coaching_sessions_no_member_overlap" EXCLUDE USING gist ("member_id" WITH =, "during" WITH &&) WHERE ("status" in ('requested', 'confirmed'));
