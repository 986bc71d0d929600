ALTER TABLE "users" ADD COLUMN "journey_version" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Any change to a member's journey rows bumps users.journey_version once per statement and member,
-- so cached journey figures keyed by that version can never outlive the data they came from.
CREATE FUNCTION "bump_journey_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "users" SET "journey_version" = "journey_version" + 1
  WHERE "id" IN (SELECT DISTINCT "user_id" FROM "changed_rows");
  RETURN NULL;
END
$$;
--> statement-breakpoint
DO $$
DECLARE
  journey_table text;
BEGIN
  FOREACH journey_table IN ARRAY ARRAY['health_consents', 'smoking_profiles', 'quit_attempts', 'plan_revisions', 'daily_totals', 'cigarette_logs', 'craving_logs', 'mood_logs', 'slip_reflections', 'outcome_follow_ups'] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_journey_version()', journey_table || '_journey_version_insert', journey_table);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_journey_version()', journey_table || '_journey_version_update', journey_table);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_journey_version()', journey_table || '_journey_version_delete', journey_table);
  END LOOP;
END
$$;
