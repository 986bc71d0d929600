CREATE OR REPLACE FUNCTION "health_data_access_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- The member was erased: their access log goes with them (the foreign key's cascade).
  IF TG_OP = 'DELETE' AND NOT EXISTS (SELECT 1 FROM users WHERE id = OLD.member_id) THEN
    RETURN OLD;
  END IF;
  -- The viewer was erased: the foreign key unlinks them, and nothing else may change.
  IF TG_OP = 'UPDATE' AND NEW.viewer_id IS NULL AND OLD.viewer_id IS NOT NULL
     AND (to_jsonb(NEW) - 'viewer_id') = (to_jsonb(OLD) - 'viewer_id')
     AND NOT EXISTS (SELECT 1 FROM users WHERE id = OLD.viewer_id) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'health_data_access is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
--> statement-breakpoint
CREATE OR REPLACE TRIGGER "health_data_access_append_only" BEFORE UPDATE OR DELETE ON "health_data_access"
  FOR EACH ROW EXECUTE FUNCTION "health_data_access_append_only"();
