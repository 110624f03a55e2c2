-- Clients: accent-insensitive name search kept by a trigger (unaccent is not immutable, so it cannot
-- feed a generated column), trigram index for fuzzy search, tenant isolation, and consent events
-- that cannot be changed or deleted (a withdrawal is a new event).
CREATE OR REPLACE FUNCTION clients_set_name_search() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.name_search := lower(unaccent(coalesce(NEW.full_name, '')));
  RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE TRIGGER clients_name_search BEFORE INSERT OR UPDATE OF full_name ON clients
  FOR EACH ROW EXECUTE FUNCTION clients_set_name_search();--> statement-breakpoint
-- Byte order for the name key: prefix matches and keyset pagination then both use the btree index.
ALTER TABLE clients ALTER COLUMN name_search SET DATA TYPE text COLLATE "C";--> statement-breakpoint
CREATE INDEX clients_name_trgm_idx ON clients USING gin (name_search gin_trgm_ops);--> statement-breakpoint
CREATE OR REPLACE FUNCTION consent_events_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'consent_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;--> statement-breakpoint
CREATE TRIGGER consent_events_no_change BEFORE UPDATE OR DELETE ON consent_events
  FOR EACH ROW EXECUTE FUNCTION consent_events_refuse_change();--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON clients, client_duplicate_flags, client_intakes, consent_documents TO clinia_app;--> statement-breakpoint
GRANT SELECT, INSERT ON consent_events TO clinia_app;--> statement-breakpoint
ALTER TABLE clients ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY tenant_isolation ON clients
  USING (organization_id = app_current_organization()) WITH CHECK (organization_id = app_current_organization());--> statement-breakpoint
ALTER TABLE client_duplicate_flags ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY tenant_isolation ON client_duplicate_flags
  USING (organization_id = app_current_organization()) WITH CHECK (organization_id = app_current_organization());--> statement-breakpoint
ALTER TABLE client_intakes ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY tenant_isolation ON client_intakes
  USING (organization_id = app_current_organization()) WITH CHECK (organization_id = app_current_organization());--> statement-breakpoint
ALTER TABLE consent_documents ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY tenant_isolation ON consent_documents
  USING (organization_id = app_current_organization()) WITH CHECK (organization_id = app_current_organization());--> statement-breakpoint
ALTER TABLE consent_events ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY tenant_isolation ON consent_events
  USING (organization_id = app_current_organization()) WITH CHECK (organization_id = app_current_organization());
