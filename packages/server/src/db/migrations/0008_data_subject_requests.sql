CREATE TABLE "data_subject_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"requester" text NOT NULL,
	"representative_name" text,
	"identity_verification" text NOT NULL,
	"verified_by" uuid NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'recebida' NOT NULL,
	"answer" text,
	"legal_basis" text,
	"answered_at" timestamp with time zone,
	"answered_by" uuid,
	"package_sha256" text
);
--> statement-breakpoint
ALTER TABLE "clients" ALTER COLUMN "cpf_sealed" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "clients" ALTER COLUMN "cpf_index" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "clients" ALTER COLUMN "mobile_sealed" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "clients" ALTER COLUMN "mobile_index" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "blocked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "data_subject_requests" ADD CONSTRAINT "data_subject_requests_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_subject_requests" ADD CONSTRAINT "data_subject_requests_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "data_subject_requests_org_due_idx" ON "data_subject_requests" USING btree ("organization_id","status","due_at");