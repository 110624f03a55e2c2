-- Scheduling: tenant isolation, no double booking enforced by PostgreSQL, device ranges kept in step
-- with their appointment, and one NOTIFY per appointment change (ids only, never personal data).
GRANT SELECT, INSERT, UPDATE, DELETE ON rooms, equipment, working_hours, working_breaks, professional_absences,
  clinic_closures, agenda_settings, appointment_series, appointments, appointment_equipment, waitlist_entries,
  waitlist_offers TO clinia_app;--> statement-breakpoint
GRANT SELECT, INSERT ON appointment_status_history TO clinia_app;--> statement-breakpoint
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['rooms', 'equipment', 'working_hours', 'working_breaks', 'professional_absences',
    'clinic_closures', 'agenda_settings', 'appointment_series', 'appointments', 'appointment_equipment',
    'appointment_status_history', 'waitlist_entries', 'waitlist_offers']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('DROP POLICY IF EXISTS tenant_isolation ON %I', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (organization_id = app_current_organization()) '
      'WITH CHECK (organization_id = app_current_organization())', t);
  END LOOP;
END;
$$;--> statement-breakpoint
-- No double booking. A live appointment (anything but cancelled, no-show or rescheduled) holds its
-- professional, its room, its client and (through appointment_equipment) each device for [starts, ends).
-- The constraint names are read by scheduling.errors.ts to tell the user what conflicts.
ALTER TABLE appointments ADD CONSTRAINT appointments_professional_no_overlap
  EXCLUDE USING gist (professional_id WITH =, during WITH &&)
  WHERE (status NOT IN ('cancelado', 'faltou', 'remarcado'));--> statement-breakpoint
ALTER TABLE appointments ADD CONSTRAINT appointments_room_no_overlap
  EXCLUDE USING gist (room_id WITH =, during WITH &&)
  WHERE (status NOT IN ('cancelado', 'faltou', 'remarcado'));--> statement-breakpoint
ALTER TABLE appointments ADD CONSTRAINT appointments_client_no_overlap
  EXCLUDE USING gist (client_id WITH =, during WITH &&)
  WHERE (status NOT IN ('cancelado', 'faltou', 'remarcado'));--> statement-breakpoint
ALTER TABLE appointment_equipment ADD CONSTRAINT appointment_equipment_no_overlap
  EXCLUDE USING gist (equipment_id WITH =, during WITH &&)
  WHERE (status NOT IN ('cancelado', 'faltou', 'remarcado'));--> statement-breakpoint
-- A device row always carries its appointment's range and status, whoever writes it.
CREATE OR REPLACE FUNCTION appointment_equipment_copy() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  SELECT a.starts_at, a.ends_at, a.status INTO NEW.starts_at, NEW.ends_at, NEW.status
    FROM appointments a WHERE a.id = NEW.appointment_id;
  RETURN NEW;
END;
$$;--> statement-breakpoint
DROP TRIGGER IF EXISTS appointment_equipment_copy ON appointment_equipment;--> statement-breakpoint
CREATE TRIGGER appointment_equipment_copy BEFORE INSERT OR UPDATE ON appointment_equipment
  FOR EACH ROW EXECUTE FUNCTION appointment_equipment_copy();--> statement-breakpoint
CREATE OR REPLACE FUNCTION appointments_sync_equipment() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.starts_at IS DISTINCT FROM OLD.starts_at OR NEW.ends_at IS DISTINCT FROM OLD.ends_at
     OR NEW.status IS DISTINCT FROM OLD.status THEN
    UPDATE appointment_equipment SET status = NEW.status WHERE appointment_id = NEW.id;
  END IF;
  RETURN NEW;
END;
$$;--> statement-breakpoint
DROP TRIGGER IF EXISTS appointments_sync_equipment ON appointments;--> statement-breakpoint
CREATE TRIGGER appointments_sync_equipment AFTER UPDATE ON appointments
  FOR EACH ROW EXECUTE FUNCTION appointments_sync_equipment();--> statement-breakpoint
-- Live agenda: one notification per change, delivered at commit (so a rolled-back booking says nothing).
CREATE OR REPLACE FUNCTION appointments_notify() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE r appointments%ROWTYPE;
DECLARE k text;
BEGIN
  IF TG_OP = 'DELETE' THEN r := OLD; k := 'deleted';
  ELSIF TG_OP = 'INSERT' THEN r := NEW; k := 'created';
  ELSIF NEW.status IS DISTINCT FROM OLD.status THEN r := NEW; k := 'status';
  ELSE r := NEW; k := 'updated';
  END IF;
  PERFORM pg_notify('clinia_agenda', json_build_object('organizationId', r.organization_id,
    'clinicId', r.clinic_id, 'appointmentId', r.id, 'kind', k)::text);
  RETURN NULL;
END;
$$;--> statement-breakpoint
DROP TRIGGER IF EXISTS appointments_notify ON appointments;--> statement-breakpoint
CREATE TRIGGER appointments_notify AFTER INSERT OR UPDATE OR DELETE ON appointments
  FOR EACH ROW EXECUTE FUNCTION appointments_notify();--> statement-breakpoint
CREATE OR REPLACE FUNCTION appointment_status_history_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'appointment_status_history is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;--> statement-breakpoint
DROP TRIGGER IF EXISTS appointment_status_history_no_change ON appointment_status_history;--> statement-breakpoint
CREATE TRIGGER appointment_status_history_no_change BEFORE UPDATE ON appointment_status_history
  FOR EACH ROW EXECUTE FUNCTION appointment_status_history_refuse_change();
