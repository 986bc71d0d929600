CREATE INDEX "payments_changed_idx" ON "payments" USING btree (greatest("created_at", "paid_at", "refunded_at"));--> statement-breakpoint
CREATE INDEX "subscriptions_updated_idx" ON "subscriptions" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "subscriptions_created_idx" ON "subscriptions" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "coach_assignments_changed_idx" ON "coach_assignments" USING btree (greatest("started_at", "ended_at"));--> statement-breakpoint
CREATE INDEX "coach_responses_asked_idx" ON "coach_responses" USING btree ("asked_at");--> statement-breakpoint
CREATE INDEX "coach_responses_answered_idx" ON "coach_responses" USING btree ("answered_at");--> statement-breakpoint
CREATE INDEX "coach_responses_due_idx" ON "coach_responses" USING btree ("due_at");--> statement-breakpoint
CREATE INDEX "coaching_sessions_updated_idx" ON "coaching_sessions" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "session_ratings_updated_idx" ON "session_ratings" USING btree ("updated_at");