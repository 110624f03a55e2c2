-- Consent events stay append-only, with one exception: key rotation may re-seal the drawn signature
-- (same plaintext, new data key). Every other column must be unchanged, and deletes stay refused.
CREATE OR REPLACE FUNCTION consent_events_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE'
     AND (to_jsonb(NEW) - 'drawn_signature_sealed') = (to_jsonb(OLD) - 'drawn_signature_sealed')
     AND NEW.drawn_signature_sealed IS NOT NULL AND OLD.drawn_signature_sealed IS NOT NULL THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'consent_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
