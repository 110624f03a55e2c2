CREATE TABLE "photos" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"clinic_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"session_id" uuid,
	"appointment_id" uuid,
	"area" text NOT NULL,
	"pose" text NOT NULL,
	"moment" text NOT NULL,
	"taken_at" timestamp with time zone NOT NULL,
	"source_format" text NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"original_bytes" integer NOT NULL,
	"storage_kind" text NOT NULL,
	"original_key" text NOT NULL,
	"thumbnail_key" text NOT NULL,
	"object_key_sealed" text NOT NULL,
	"is_publicity" boolean DEFAULT false NOT NULL,
	"publicity_marked_at" timestamp with time zone,
	"publicity_marked_by" uuid,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	"deleted_by" uuid,
	"delete_reason" text,
	CONSTRAINT "photos_moment_check" CHECK ("photos"."moment" in ('antes', 'depois')),
	CONSTRAINT "photos_deleted_reason_check" CHECK (("photos"."deleted_at" is null) = ("photos"."delete_reason" is null))
);
--> statement-breakpoint
ALTER TABLE "photos" ADD CONSTRAINT "photos_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "photos" ADD CONSTRAINT "photos_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "photos" ADD CONSTRAINT "photos_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "photos" ADD CONSTRAINT "photos_publicity_marked_by_users_id_fk" FOREIGN KEY ("publicity_marked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "photos" ADD CONSTRAINT "photos_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "photos" ADD CONSTRAINT "photos_deleted_by_users_id_fk" FOREIGN KEY ("deleted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "photos_client_idx" ON "photos" USING btree ("organization_id","client_id","taken_at");--> statement-breakpoint
CREATE INDEX "photos_session_idx" ON "photos" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "photos_publicity_idx" ON "photos" USING btree ("organization_id","is_publicity");