CREATE TABLE "session_addenda" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"text_sealed" text NOT NULL,
	"signed_at" timestamp with time zone NOT NULL,
	"signed_by" uuid NOT NULL,
	"content_hash" text NOT NULL,
	"licence_council" text,
	"licence_number" text,
	"licence_uf" text,
	"licence_status" text
);
--> statement-breakpoint
CREATE TABLE "session_injection_points" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"diagram" text NOT NULL,
	"x" numeric(6, 5) NOT NULL,
	"y" numeric(6, 5) NOT NULL,
	"product_id" uuid NOT NULL,
	"lot_id" uuid,
	"quantity" numeric(12, 3) NOT NULL,
	"unit" text NOT NULL,
	"depth" text,
	"dilution" text,
	"position" integer NOT NULL,
	CONSTRAINT "session_injection_points_xy" CHECK ("session_injection_points"."x" between 0 and 1 and "session_injection_points"."y" between 0 and 1),
	CONSTRAINT "session_injection_points_quantity" CHECK ("session_injection_points"."quantity" > 0)
);
--> statement-breakpoint
CREATE TABLE "session_products" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"lot_id" uuid,
	"quantity" numeric(12, 3) NOT NULL,
	"movement_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "session_products_quantity" CHECK ("session_products"."quantity" > 0)
);
--> statement-breakpoint
CREATE TABLE "treatment_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"clinic_id" uuid NOT NULL,
	"appointment_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"professional_id" uuid NOT NULL,
	"treatment_id" uuid NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"checklist" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"areas" text[] DEFAULT '{}'::text[] NOT NULL,
	"technique" text,
	"device_parameters" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"clinical_sealed" text,
	"pain_score" integer,
	"post_care_given" text,
	"override_by" uuid,
	"override_at" timestamp with time zone,
	"override_sealed" text,
	"signed_at" timestamp with time zone,
	"signed_by" uuid,
	"content_hash" text,
	"licence_council" text,
	"licence_number" text,
	"licence_uf" text,
	"licence_status" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "treatment_sessions_appointment_unique" UNIQUE("appointment_id"),
	CONSTRAINT "treatment_sessions_status" CHECK ("treatment_sessions"."status" in ('draft', 'signed')),
	CONSTRAINT "treatment_sessions_pain" CHECK ("treatment_sessions"."pain_score" is null or "treatment_sessions"."pain_score" between 0 and 10),
	CONSTRAINT "treatment_sessions_signed_complete" CHECK ("treatment_sessions"."status" = 'draft' or ("treatment_sessions"."signed_at" is not null and "treatment_sessions"."signed_by" is not null and "treatment_sessions"."content_hash" is not null))
);
--> statement-breakpoint
ALTER TABLE "session_addenda" ADD CONSTRAINT "session_addenda_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_addenda" ADD CONSTRAINT "session_addenda_session_id_treatment_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."treatment_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_addenda" ADD CONSTRAINT "session_addenda_signed_by_users_id_fk" FOREIGN KEY ("signed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_injection_points" ADD CONSTRAINT "session_injection_points_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_injection_points" ADD CONSTRAINT "session_injection_points_session_id_treatment_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."treatment_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_injection_points" ADD CONSTRAINT "session_injection_points_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_injection_points" ADD CONSTRAINT "session_injection_points_lot_id_lots_id_fk" FOREIGN KEY ("lot_id") REFERENCES "public"."lots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_products" ADD CONSTRAINT "session_products_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_products" ADD CONSTRAINT "session_products_session_id_treatment_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."treatment_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_products" ADD CONSTRAINT "session_products_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_products" ADD CONSTRAINT "session_products_lot_id_lots_id_fk" FOREIGN KEY ("lot_id") REFERENCES "public"."lots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "treatment_sessions" ADD CONSTRAINT "treatment_sessions_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "treatment_sessions" ADD CONSTRAINT "treatment_sessions_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "treatment_sessions" ADD CONSTRAINT "treatment_sessions_appointment_id_appointments_id_fk" FOREIGN KEY ("appointment_id") REFERENCES "public"."appointments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "treatment_sessions" ADD CONSTRAINT "treatment_sessions_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "treatment_sessions" ADD CONSTRAINT "treatment_sessions_professional_id_users_id_fk" FOREIGN KEY ("professional_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "treatment_sessions" ADD CONSTRAINT "treatment_sessions_treatment_id_treatments_id_fk" FOREIGN KEY ("treatment_id") REFERENCES "public"."treatments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "treatment_sessions" ADD CONSTRAINT "treatment_sessions_override_by_users_id_fk" FOREIGN KEY ("override_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "treatment_sessions" ADD CONSTRAINT "treatment_sessions_signed_by_users_id_fk" FOREIGN KEY ("signed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "treatment_sessions" ADD CONSTRAINT "treatment_sessions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "session_addenda_session_idx" ON "session_addenda" USING btree ("session_id","signed_at");--> statement-breakpoint
CREATE INDEX "session_injection_points_session_idx" ON "session_injection_points" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "session_products_session_idx" ON "session_products" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "session_products_lot_idx" ON "session_products" USING btree ("lot_id");--> statement-breakpoint
CREATE INDEX "treatment_sessions_client_idx" ON "treatment_sessions" USING btree ("organization_id","client_id","started_at");