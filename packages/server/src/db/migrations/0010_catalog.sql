CREATE TABLE "treatment_materials" (
	"organization_id" uuid NOT NULL,
	"treatment_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"quantity" numeric(12, 3) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "treatment_materials_treatment_id_product_id_pk" PRIMARY KEY("treatment_id","product_id"),
	CONSTRAINT "treatment_materials_quantity_positive" CHECK ("treatment_materials"."quantity" > 0)
);
--> statement-breakpoint
CREATE TABLE "treatments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"category" text NOT NULL,
	"competence_category" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"duration_min" integer NOT NULL,
	"buffer_min" integer DEFAULT 0 NOT NULL,
	"price_cents" integer NOT NULL,
	"usual_sessions" integer DEFAULT 1 NOT NULL,
	"min_interval_days" integer DEFAULT 0 NOT NULL,
	"interval_policy" text DEFAULT 'warn' NOT NULL,
	"pre_care" text DEFAULT '' NOT NULL,
	"post_care" text DEFAULT '' NOT NULL,
	"required_room_type" text,
	"required_equipment_kinds" text[] DEFAULT '{}'::text[] NOT NULL,
	"contraindications" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "treatments_org_name_unique" UNIQUE("organization_id","name"),
	CONSTRAINT "treatments_duration_positive" CHECK ("treatments"."duration_min" > 0),
	CONSTRAINT "treatments_buffer_non_negative" CHECK ("treatments"."buffer_min" >= 0),
	CONSTRAINT "treatments_price_non_negative" CHECK ("treatments"."price_cents" >= 0),
	CONSTRAINT "treatments_interval_non_negative" CHECK ("treatments"."min_interval_days" >= 0),
	CONSTRAINT "treatments_interval_policy" CHECK ("treatments"."interval_policy" in ('warn', 'block'))
);
--> statement-breakpoint
CREATE TABLE "products" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"name" text NOT NULL,
	"manufacturer" text NOT NULL,
	"anvisa_category" text NOT NULL,
	"anvisa_number" text NOT NULL,
	"risk_class" text,
	"unit" text NOT NULL,
	"storage" text DEFAULT 'ambiente' NOT NULL,
	"storage_notes" text DEFAULT '' NOT NULL,
	"reorder_point" numeric(12, 3) DEFAULT 0 NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"registry_check" text NOT NULL,
	"registry_checked_at" timestamp with time zone NOT NULL,
	"registry_valid_until" date,
	"override_reason" text,
	"override_by" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "products_org_name_unique" UNIQUE("organization_id","name"),
	CONSTRAINT "products_reorder_non_negative" CHECK ("products"."reorder_point" >= 0),
	CONSTRAINT "products_registry_check" CHECK ("products"."registry_check" in ('vigente', 'override'))
);
--> statement-breakpoint
ALTER TABLE "treatment_materials" ADD CONSTRAINT "treatment_materials_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "treatment_materials" ADD CONSTRAINT "treatment_materials_treatment_id_treatments_id_fk" FOREIGN KEY ("treatment_id") REFERENCES "public"."treatments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "treatment_materials" ADD CONSTRAINT "treatment_materials_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "treatments" ADD CONSTRAINT "treatments_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "treatment_materials_product_idx" ON "treatment_materials" USING btree ("product_id");--> statement-breakpoint
CREATE INDEX "treatments_org_category_idx" ON "treatments" USING btree ("organization_id","category","name");--> statement-breakpoint
CREATE INDEX "products_org_anvisa_idx" ON "products" USING btree ("organization_id","anvisa_number");