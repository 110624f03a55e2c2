-- Before this constraint an upload could name any session id. A photo whose session_id names no
-- session of its own organisation and client points at nothing: keep the photo (it stays in the
-- client's record) and drop the dangling reference, so the foreign key can be validated.
UPDATE "photos" SET "session_id" = NULL
WHERE "session_id" IS NOT NULL
  AND NOT EXISTS (
    SELECT 1 FROM "treatment_sessions" s
    WHERE s."id" = "photos"."session_id"
      AND s."organization_id" = "photos"."organization_id"
      AND s."client_id" = "photos"."client_id"
  );--> statement-breakpoint
ALTER TABLE "photos" ADD CONSTRAINT "photos_session_id_treatment_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."treatment_sessions"("id") ON DELETE restrict ON UPDATE no action;
