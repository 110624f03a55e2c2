CREATE TABLE "adverse_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"clinic_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"product_id" uuid,
	"lot_id" uuid,
	"session_id" uuid,
	"professional_id" uuid,
	"severity" text NOT NULL,
	"onset_at" timestamp with time zone NOT NULL,
	"outcome" text NOT NULL,
	"details_sealed" text NOT NULL,
	"channel" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"notified_at" timestamp with time zone,
	"notification_protocol" text,
	"recorded_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "anvisa_registry" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"registry_key" text NOT NULL,
	"process_number" text DEFAULT '' NOT NULL,
	"product_name" text NOT NULL,
	"holder_name" text DEFAULT '' NOT NULL,
	"holder_cnpj" text,
	"manufacturer_name" text DEFAULT '' NOT NULL,
	"manufacturer_country" text,
	"technical_name" text,
	"risk_class" text,
	"active_ingredient" text,
	"situation" text NOT NULL,
	"situation_label" text NOT NULL,
	"valid_until" date,
	"row_hash" text NOT NULL,
	"imported_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "anvisa_registry_natural_key" UNIQUE("kind","registry_key","process_number","manufacturer_name")
);
--> statement-breakpoint
CREATE TABLE "anvisa_registry_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"file_name" text NOT NULL,
	"file_sha256" text NOT NULL,
	"rows_read" integer NOT NULL,
	"rows_inserted" integer NOT NULL,
	"rows_updated" integer NOT NULL,
	"rows_unchanged" integer NOT NULL,
	"rows_rejected" integer NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"clinic_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"lot_number" text NOT NULL,
	"expiry_date" date NOT NULL,
	"udi" text,
	"supplier" text NOT NULL,
	"invoice_number" text NOT NULL,
	"received_on" date NOT NULL,
	"storage_location" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'ativo' NOT NULL,
	"status_reason" text,
	"status_changed_at" timestamp with time zone,
	"status_changed_by" uuid,
	"on_hand" numeric(12, 3) DEFAULT 0 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lots_clinic_product_number_unique" UNIQUE("clinic_id","product_id","lot_number"),
	CONSTRAINT "lots_on_hand_non_negative" CHECK ("lots"."on_hand" >= 0),
	CONSTRAINT "lots_status" CHECK ("lots"."status" in ('ativo', 'quarentena', 'recolhido'))
);
--> statement-breakpoint
CREATE TABLE "stock_movements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"clinic_id" uuid NOT NULL,
	"lot_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"quantity" numeric(12, 3) NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"recorded_by" uuid NOT NULL,
	"reason" text,
	"client_id" uuid,
	"professional_id" uuid,
	"appointment_id" uuid,
	"session_id" uuid,
	"transfer_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stock_movements_quantity_nonzero" CHECK ("stock_movements"."quantity" <> 0),
	CONSTRAINT "stock_movements_kind_sign" CHECK (("stock_movements"."kind" in ('receipt', 'transfer_in') and "stock_movements"."quantity" > 0)
        or ("stock_movements"."kind" in ('use', 'loss', 'transfer_out', 'return') and "stock_movements"."quantity" < 0)
        or "stock_movements"."kind" = 'adjustment'),
	CONSTRAINT "stock_movements_use_traced" CHECK ("stock_movements"."kind" <> 'use' or ("stock_movements"."client_id" is not null and "stock_movements"."professional_id" is not null))
);
--> statement-breakpoint
ALTER TABLE "products" DROP CONSTRAINT "products_registry_check";--> statement-breakpoint
ALTER TABLE "adverse_events" ADD CONSTRAINT "adverse_events_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adverse_events" ADD CONSTRAINT "adverse_events_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adverse_events" ADD CONSTRAINT "adverse_events_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adverse_events" ADD CONSTRAINT "adverse_events_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adverse_events" ADD CONSTRAINT "adverse_events_lot_id_lots_id_fk" FOREIGN KEY ("lot_id") REFERENCES "public"."lots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adverse_events" ADD CONSTRAINT "adverse_events_professional_id_users_id_fk" FOREIGN KEY ("professional_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lots" ADD CONSTRAINT "lots_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lots" ADD CONSTRAINT "lots_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lots" ADD CONSTRAINT "lots_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_lot_id_lots_id_fk" FOREIGN KEY ("lot_id") REFERENCES "public"."lots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_professional_id_users_id_fk" FOREIGN KEY ("professional_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "adverse_events_org_due_idx" ON "adverse_events" USING btree ("organization_id","notified_at","due_at");--> statement-breakpoint
CREATE INDEX "anvisa_registry_lookup_idx" ON "anvisa_registry" USING btree ("kind","registry_key");--> statement-breakpoint
CREATE INDEX "lots_org_product_expiry_idx" ON "lots" USING btree ("organization_id","product_id","expiry_date");--> statement-breakpoint
CREATE INDEX "lots_org_number_idx" ON "lots" USING btree ("organization_id","lot_number");--> statement-breakpoint
CREATE INDEX "stock_movements_lot_idx" ON "stock_movements" USING btree ("lot_id","occurred_at");--> statement-breakpoint
CREATE INDEX "stock_movements_org_product_idx" ON "stock_movements" USING btree ("organization_id","product_id","occurred_at");--> statement-breakpoint
CREATE INDEX "stock_movements_client_idx" ON "stock_movements" USING btree ("client_id");--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_registry_check" CHECK ("products"."registry_check" in ('vigente', 'override', 'nao_aplicavel'));