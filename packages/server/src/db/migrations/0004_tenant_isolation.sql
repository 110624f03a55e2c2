-- Tenant isolation underneath the services' own scoping. Application queries for a tenant run inside
-- a transaction that sets app.organization_id and switches to the non-superuser role clinia_app
-- (row-level security never applies to superusers). A forgotten WHERE clause then still leaks nothing.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'clinia_app') THEN
    CREATE ROLE clinia_app NOLOGIN;
  END IF;
END
$$;--> statement-breakpoint
DO $$
BEGIN
  -- The migrating user must be able to SET ROLE clinia_app. Superusers can already.
  EXECUTE format('GRANT clinia_app TO %I', current_user);
EXCEPTION WHEN OTHERS THEN
  RAISE NOTICE 'could not grant clinia_app to %: %', current_user, SQLERRM;
END
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_current_organization() RETURNS uuid
LANGUAGE sql STABLE AS $$
  SELECT nullif(current_setting('app.organization_id', true), '')::uuid
$$;--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO clinia_app;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON
  organizations, clinics, users, user_invitations, memberships, sessions, recovery_codes,
  professional_licences, licence_checks, competence_policy_versions, competence_rules
  TO clinia_app;--> statement-breakpoint
-- The audit trail can be read and appended to, never changed, even before the triggers.
GRANT SELECT, INSERT ON audit_events TO clinia_app;--> statement-breakpoint
ALTER TABLE organizations ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY tenant_isolation ON organizations
  USING (id = app_current_organization()) WITH CHECK (id = app_current_organization());--> statement-breakpoint
ALTER TABLE clinics ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY tenant_isolation ON clinics
  USING (organization_id = app_current_organization()) WITH CHECK (organization_id = app_current_organization());--> statement-breakpoint
ALTER TABLE users ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY tenant_isolation ON users
  USING (organization_id = app_current_organization()) WITH CHECK (organization_id = app_current_organization());--> statement-breakpoint
ALTER TABLE user_invitations ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY tenant_isolation ON user_invitations
  USING (organization_id = app_current_organization()) WITH CHECK (organization_id = app_current_organization());--> statement-breakpoint
ALTER TABLE memberships ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY tenant_isolation ON memberships
  USING (organization_id = app_current_organization()) WITH CHECK (organization_id = app_current_organization());--> statement-breakpoint
ALTER TABLE sessions ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY tenant_isolation ON sessions
  USING (organization_id = app_current_organization()) WITH CHECK (organization_id = app_current_organization());--> statement-breakpoint
ALTER TABLE recovery_codes ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY tenant_isolation ON recovery_codes
  USING (organization_id = app_current_organization()) WITH CHECK (organization_id = app_current_organization());--> statement-breakpoint
ALTER TABLE professional_licences ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY tenant_isolation ON professional_licences
  USING (organization_id = app_current_organization()) WITH CHECK (organization_id = app_current_organization());--> statement-breakpoint
ALTER TABLE licence_checks ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY tenant_isolation ON licence_checks
  USING (organization_id = app_current_organization()) WITH CHECK (organization_id = app_current_organization());--> statement-breakpoint
ALTER TABLE competence_policy_versions ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY tenant_isolation ON competence_policy_versions
  USING (organization_id = app_current_organization()) WITH CHECK (organization_id = app_current_organization());--> statement-breakpoint
ALTER TABLE competence_rules ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY tenant_isolation ON competence_rules
  USING (organization_id = app_current_organization()) WITH CHECK (organization_id = app_current_organization());--> statement-breakpoint
ALTER TABLE audit_events ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY tenant_isolation ON audit_events
  USING (organization_id = app_current_organization()) WITH CHECK (organization_id = app_current_organization());
