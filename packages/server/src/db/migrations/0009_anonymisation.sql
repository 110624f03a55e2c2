-- Data-subject requests are tenant data. Consent events stay append-only, with two narrow
-- exceptions: key rotation re-seals the drawn signature (same plaintext), and anonymisation scrubs
-- the signer's identity (typed name, drawn signature, IP, user agent) while keeping the event.
GRANT SELECT, INSERT, UPDATE ON data_subject_requests TO clinia_app;--> statement-breakpoint
ALTER TABLE data_subject_requests ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY tenant_isolation ON data_subject_requests
  USING (organization_id = app_current_organization()) WITH CHECK (organization_id = app_current_organization());--> statement-breakpoint
CREATE OR REPLACE FUNCTION consent_events_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  identity_cols text[] := ARRAY['typed_name', 'drawn_signature_sealed', 'ip', 'user_agent'];
BEGIN
  IF TG_OP = 'UPDATE'
     AND (to_jsonb(NEW) - 'drawn_signature_sealed') = (to_jsonb(OLD) - 'drawn_signature_sealed')
     AND NEW.drawn_signature_sealed IS NOT NULL AND OLD.drawn_signature_sealed IS NOT NULL THEN
    RETURN NEW; -- key rotation
  END IF;
  IF TG_OP = 'UPDATE'
     AND (to_jsonb(NEW) - identity_cols) = (to_jsonb(OLD) - identity_cols)
     AND NEW.typed_name = '[anonimizado]' AND NEW.drawn_signature_sealed IS NULL
     AND NEW.ip IS NULL AND NEW.user_agent IS NULL THEN
    RETURN NEW; -- anonymisation
  END IF;
  RAISE EXCEPTION 'consent_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;--> statement-breakpoint
GRANT UPDATE (typed_name, drawn_signature_sealed, ip, user_agent) ON consent_events TO clinia_app;
