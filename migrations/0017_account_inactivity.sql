CREATE TABLE "account_inactivity" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"last_seen_at" timestamp with time zone,
	"warned_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "account_inactivity" ADD CONSTRAINT "account_inactivity_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "account_inactivity_warned_idx" ON "account_inactivity" USING btree ("warned_at");