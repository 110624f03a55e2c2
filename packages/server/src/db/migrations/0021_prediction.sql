CREATE TABLE "appointment_risk_scores" (
	"appointment_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"clinic_id" uuid NOT NULL,
	"score" double precision NOT NULL,
	"band" text NOT NULL,
	"factors" jsonb NOT NULL,
	"model_version_id" uuid,
	"computed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "appointment_risk_scores_organization_id_appointment_id_pk" PRIMARY KEY("organization_id","appointment_id")
);
--> statement-breakpoint
CREATE TABLE "model_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"clinic_id" uuid,
	"version" integer NOT NULL,
	"training_run_id" uuid,
	"method" text NOT NULL,
	"window_from" timestamp with time zone,
	"window_to" timestamp with time zone,
	"feature_schema_version" integer NOT NULL,
	"metrics" jsonb NOT NULL,
	"status" text DEFAULT 'candidate' NOT NULL,
	"model" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"promoted_at" timestamp with time zone,
	"retired_at" timestamp with time zone,
	CONSTRAINT "model_versions_org_version_unique" UNIQUE("organization_id","version")
);
--> statement-breakpoint
CREATE TABLE "risk_action_policies" (
	"organization_id" uuid PRIMARY KEY NOT NULL,
	"policy" jsonb NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "risk_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"appointment_id" uuid NOT NULL,
	"action" text NOT NULL,
	"band" text NOT NULL,
	"score" double precision NOT NULL,
	"assignment" text NOT NULL,
	"status" text NOT NULL,
	"outcome" text,
	"outcome_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "risk_actions_org_appointment_action_unique" UNIQUE("organization_id","appointment_id","action")
);
--> statement-breakpoint
CREATE TABLE "training_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"clinic_id" uuid,
	"state" text DEFAULT 'queued' NOT NULL,
	"phase" text DEFAULT 'queued' NOT NULL,
	"progress" double precision DEFAULT 0 NOT NULL,
	"trigger" text NOT NULL,
	"requested_by" uuid,
	"model_version_id" uuid,
	"decision" text,
	"error_code" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "appointment_risk_scores" ADD CONSTRAINT "appointment_risk_scores_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment_risk_scores" ADD CONSTRAINT "appointment_risk_scores_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_versions" ADD CONSTRAINT "model_versions_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_versions" ADD CONSTRAINT "model_versions_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_action_policies" ADD CONSTRAINT "risk_action_policies_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_actions" ADD CONSTRAINT "risk_actions_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_runs" ADD CONSTRAINT "training_runs_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_runs" ADD CONSTRAINT "training_runs_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "appointment_risk_scores_band_idx" ON "appointment_risk_scores" USING btree ("organization_id","band");--> statement-breakpoint
CREATE INDEX "model_versions_status_idx" ON "model_versions" USING btree ("organization_id","status");--> statement-breakpoint
CREATE INDEX "risk_actions_action_idx" ON "risk_actions" USING btree ("organization_id","action","assignment");--> statement-breakpoint
CREATE INDEX "training_runs_org_created_idx" ON "training_runs" USING btree ("organization_id","created_at");