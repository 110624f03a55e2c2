-- Clinical photos: tenant isolation under row-level security, like the clients tables. No DELETE grant:
-- photos are part of the medical record (Lei 13.787/2018, 20 years); removal is a soft delete.
GRANT SELECT, INSERT, UPDATE ON photos TO clinia_app;--> statement-breakpoint
ALTER TABLE photos ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
DROP POLICY IF EXISTS tenant_isolation ON photos;--> statement-breakpoint
CREATE POLICY tenant_isolation ON photos
  USING (organization_id = app_current_organization()) WITH CHECK (organization_id = app_current_organization());
