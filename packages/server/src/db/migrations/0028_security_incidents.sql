CREATE TABLE "security_incidents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"known_at" timestamp with time zone NOT NULL,
	"occurred_at" timestamp with time zone,
	"details_sealed" text NOT NULL,
	"data_categories" text[] NOT NULL,
	"subjects_affected" integer,
	"significant_impact" boolean NOT NULL,
	"criteria" text[] NOT NULL,
	"reportable" boolean NOT NULL,
	"status" text DEFAULT 'aberto' NOT NULL,
	"due_at" timestamp with time zone,
	"anpd_communicated_at" timestamp with time zone,
	"anpd_protocol" text,
	"subjects_communicated_at" timestamp with time zone,
	"supplement_due_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"recorded_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "security_incidents_status_check" CHECK ("security_incidents"."status" in ('aberto', 'comunicado', 'encerrado')),
	CONSTRAINT "security_incidents_due_when_reportable" CHECK ("security_incidents"."reportable" = ("security_incidents"."due_at" is not null))
);
--> statement-breakpoint
ALTER TABLE "security_incidents" ADD CONSTRAINT "security_incidents_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "security_incidents" ADD CONSTRAINT "security_incidents_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "security_incidents_org_status_idx" ON "security_incidents" USING btree ("organization_id","status","due_at");--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON security_incidents TO clinia_app;--> statement-breakpoint
ALTER TABLE security_incidents ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
DROP POLICY IF EXISTS tenant_isolation ON security_incidents;--> statement-breakpoint
CREATE POLICY tenant_isolation ON security_incidents
  USING (organization_id = app_current_organization()) WITH CHECK (organization_id = app_current_organization());
