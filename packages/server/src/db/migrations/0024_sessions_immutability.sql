-- Treatment sessions (issue 7): tenant isolation and immutability of the signed record.
--  * A signed session cannot be updated or deleted; neither can its injection points and products, and
--    no point or product can be added to it (CFM 1.638/2002, Lei 13.787/2018: the record is unalterable
--    once signed; corrections are addenda).
--  * Addenda are append-only and only attach to a signed session.
--  * No DELETE grant on any of these tables for the application role (20-year record retention).
CREATE OR REPLACE FUNCTION treatment_sessions_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  -- Key rotation (maintenance, owner role) re-seals the ciphertext of a signed record: allowed only
  -- when nothing but the sealed columns differs, and never for the application role.
  IF TG_OP = 'UPDATE' AND OLD.status = 'signed' AND current_user <> 'clinia_app'
    AND (to_jsonb(NEW) - 'clinical_sealed' - 'override_sealed')
      = (to_jsonb(OLD) - 'clinical_sealed' - 'override_sealed') THEN
    RETURN NEW;
  END IF;
  IF OLD.status = 'signed' THEN
    RAISE EXCEPTION 'treatment session % is signed and cannot change', OLD.id
      USING ERRCODE = 'integrity_constraint_violation', CONSTRAINT = 'treatment_sessions_signed_immutable';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END;
$$;--> statement-breakpoint
DROP TRIGGER IF EXISTS treatment_sessions_immutable ON treatment_sessions;--> statement-breakpoint
CREATE TRIGGER treatment_sessions_immutable BEFORE UPDATE OR DELETE ON treatment_sessions
  FOR EACH ROW EXECUTE FUNCTION treatment_sessions_guard();--> statement-breakpoint
CREATE OR REPLACE FUNCTION treatment_session_children_guard() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  parent_status text;
BEGIN
  SELECT status INTO parent_status FROM treatment_sessions
    WHERE id = CASE WHEN TG_OP = 'DELETE' THEN OLD.session_id ELSE NEW.session_id END;
  IF parent_status = 'signed' THEN
    RAISE EXCEPTION 'treatment session is signed: % cannot change', TG_TABLE_NAME
      USING ERRCODE = 'integrity_constraint_violation', CONSTRAINT = 'treatment_sessions_signed_immutable';
  END IF;
  IF TG_OP = 'UPDATE' AND OLD.session_id IS DISTINCT FROM NEW.session_id THEN
    SELECT status INTO parent_status FROM treatment_sessions WHERE id = OLD.session_id;
    IF parent_status = 'signed' THEN
      RAISE EXCEPTION 'treatment session is signed: % cannot change', TG_TABLE_NAME
        USING ERRCODE = 'integrity_constraint_violation', CONSTRAINT = 'treatment_sessions_signed_immutable';
    END IF;
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END;
$$;--> statement-breakpoint
DROP TRIGGER IF EXISTS session_injection_points_immutable ON session_injection_points;--> statement-breakpoint
CREATE TRIGGER session_injection_points_immutable BEFORE INSERT OR UPDATE OR DELETE ON session_injection_points
  FOR EACH ROW EXECUTE FUNCTION treatment_session_children_guard();--> statement-breakpoint
DROP TRIGGER IF EXISTS session_products_immutable ON session_products;--> statement-breakpoint
CREATE TRIGGER session_products_immutable BEFORE INSERT OR UPDATE OR DELETE ON session_products
  FOR EACH ROW EXECUTE FUNCTION treatment_session_children_guard();--> statement-breakpoint
CREATE OR REPLACE FUNCTION session_addenda_guard() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  parent_status text;
BEGIN
  IF TG_OP = 'UPDATE' AND current_user <> 'clinia_app'
    AND (to_jsonb(NEW) - 'text_sealed') = (to_jsonb(OLD) - 'text_sealed') THEN
    RETURN NEW; -- key rotation re-sealing the text (owner role only)
  END IF;
  IF TG_OP <> 'INSERT' THEN
    RAISE EXCEPTION 'session addenda are append-only'
      USING ERRCODE = 'integrity_constraint_violation', CONSTRAINT = 'session_addenda_append_only';
  END IF;
  SELECT status INTO parent_status FROM treatment_sessions WHERE id = NEW.session_id;
  IF parent_status IS DISTINCT FROM 'signed' THEN
    RAISE EXCEPTION 'an addendum needs a signed session'
      USING ERRCODE = 'integrity_constraint_violation', CONSTRAINT = 'session_addenda_signed_parent';
  END IF;
  RETURN NEW;
END;
$$;--> statement-breakpoint
DROP TRIGGER IF EXISTS session_addenda_append_only ON session_addenda;--> statement-breakpoint
CREATE TRIGGER session_addenda_append_only BEFORE INSERT OR UPDATE OR DELETE ON session_addenda
  FOR EACH ROW EXECUTE FUNCTION session_addenda_guard();--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON treatment_sessions TO clinia_app;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON session_injection_points TO clinia_app;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON session_products TO clinia_app;--> statement-breakpoint
GRANT SELECT, INSERT ON session_addenda TO clinia_app;--> statement-breakpoint
ALTER TABLE treatment_sessions ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
DROP POLICY IF EXISTS tenant_isolation ON treatment_sessions;--> statement-breakpoint
CREATE POLICY tenant_isolation ON treatment_sessions
  USING (organization_id = app_current_organization()) WITH CHECK (organization_id = app_current_organization());--> statement-breakpoint
ALTER TABLE session_injection_points ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
DROP POLICY IF EXISTS tenant_isolation ON session_injection_points;--> statement-breakpoint
CREATE POLICY tenant_isolation ON session_injection_points
  USING (organization_id = app_current_organization()) WITH CHECK (organization_id = app_current_organization());--> statement-breakpoint
ALTER TABLE session_products ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
DROP POLICY IF EXISTS tenant_isolation ON session_products;--> statement-breakpoint
CREATE POLICY tenant_isolation ON session_products
  USING (organization_id = app_current_organization()) WITH CHECK (organization_id = app_current_organization());--> statement-breakpoint
ALTER TABLE session_addenda ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
DROP POLICY IF EXISTS tenant_isolation ON session_addenda;--> statement-breakpoint
CREATE POLICY tenant_isolation ON session_addenda
  USING (organization_id = app_current_organization()) WITH CHECK (organization_id = app_current_organization());
