ALTER TABLE "risk_actions" ADD COLUMN "detail" text;--> statement-breakpoint
ALTER TABLE "risk_actions" ADD COLUMN "done_by" uuid;--> statement-breakpoint
ALTER TABLE "risk_actions" ADD COLUMN "done_at" timestamp with time zone;