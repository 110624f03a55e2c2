-- No-show prediction: tenant isolation under row-level security, like the other tenant tables.
GRANT SELECT, INSERT, UPDATE ON model_versions, training_runs, appointment_risk_scores, risk_action_policies, risk_actions TO clinia_app;--> statement-breakpoint
ALTER TABLE model_versions ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
DROP POLICY IF EXISTS tenant_isolation ON model_versions;--> statement-breakpoint
CREATE POLICY tenant_isolation ON model_versions
  USING (organization_id = app_current_organization()) WITH CHECK (organization_id = app_current_organization());--> statement-breakpoint
ALTER TABLE training_runs ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
DROP POLICY IF EXISTS tenant_isolation ON training_runs;--> statement-breakpoint
CREATE POLICY tenant_isolation ON training_runs
  USING (organization_id = app_current_organization()) WITH CHECK (organization_id = app_current_organization());--> statement-breakpoint
ALTER TABLE appointment_risk_scores ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
DROP POLICY IF EXISTS tenant_isolation ON appointment_risk_scores;--> statement-breakpoint
CREATE POLICY tenant_isolation ON appointment_risk_scores
  USING (organization_id = app_current_organization()) WITH CHECK (organization_id = app_current_organization());--> statement-breakpoint
ALTER TABLE risk_action_policies ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
DROP POLICY IF EXISTS tenant_isolation ON risk_action_policies;--> statement-breakpoint
CREATE POLICY tenant_isolation ON risk_action_policies
  USING (organization_id = app_current_organization()) WITH CHECK (organization_id = app_current_organization());--> statement-breakpoint
ALTER TABLE risk_actions ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
DROP POLICY IF EXISTS tenant_isolation ON risk_actions;--> statement-breakpoint
CREATE POLICY tenant_isolation ON risk_actions
  USING (organization_id = app_current_organization()) WITH CHECK (organization_id = app_current_organization());
