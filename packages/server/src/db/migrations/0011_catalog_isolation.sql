-- Catalog and inventory: tenant isolation under row-level security, like the clients tables.
GRANT SELECT, INSERT, UPDATE, DELETE ON treatments, treatment_materials, products TO clinia_app;--> statement-breakpoint
ALTER TABLE treatments ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
DROP POLICY IF EXISTS tenant_isolation ON treatments;--> statement-breakpoint
CREATE POLICY tenant_isolation ON treatments
  USING (organization_id = app_current_organization()) WITH CHECK (organization_id = app_current_organization());--> statement-breakpoint
ALTER TABLE treatment_materials ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
DROP POLICY IF EXISTS tenant_isolation ON treatment_materials;--> statement-breakpoint
CREATE POLICY tenant_isolation ON treatment_materials
  USING (organization_id = app_current_organization()) WITH CHECK (organization_id = app_current_organization());--> statement-breakpoint
ALTER TABLE products ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
DROP POLICY IF EXISTS tenant_isolation ON products;--> statement-breakpoint
CREATE POLICY tenant_isolation ON products
  USING (organization_id = app_current_organization()) WITH CHECK (organization_id = app_current_organization());
