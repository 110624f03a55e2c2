-- Inventory: the stock ledger is the only writer of a lot's balance.
--  * lots.on_hand starts at 0 and changes only through the AFTER INSERT trigger of stock_movements
--    (SECURITY DEFINER, flagged by a transaction-local setting); a direct UPDATE of on_hand fails.
--  * The trigger's UPDATE takes the lot's row lock, so concurrent withdrawals of one lot serialise; the
--    CHECK lots_on_hand_non_negative then refuses the one that would go below zero (SQLSTATE 23514).
--  * stock_movements is append-only (a correction is a new adjustment).
--  * A use must come from an active, unexpired lot of the same product and clinic, checked here as
--    well as in the service.
CREATE OR REPLACE FUNCTION lots_guard_on_hand() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    NEW.on_hand := 0;
  ELSIF NEW.on_hand IS DISTINCT FROM OLD.on_hand
    AND coalesce(current_setting('clinia.ledger_write', true), '') <> 'on' THEN
    RAISE EXCEPTION 'lots.on_hand is derived from stock_movements' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;--> statement-breakpoint
DROP TRIGGER IF EXISTS lots_on_hand_guard ON lots;--> statement-breakpoint
CREATE TRIGGER lots_on_hand_guard BEFORE INSERT OR UPDATE ON lots
  FOR EACH ROW EXECUTE FUNCTION lots_guard_on_hand();--> statement-breakpoint
CREATE OR REPLACE FUNCTION stock_movements_apply() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  lot lots%ROWTYPE;
BEGIN
  SELECT * INTO lot FROM lots WHERE id = NEW.lot_id FOR UPDATE;
  IF lot.organization_id <> NEW.organization_id OR lot.clinic_id <> NEW.clinic_id
    OR lot.product_id <> NEW.product_id THEN
    RAISE EXCEPTION 'stock movement does not match its lot' USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.kind = 'use' AND (lot.status <> 'ativo' OR lot.expiry_date < (NEW.occurred_at AT TIME ZONE 'UTC')::date) THEN
    RAISE EXCEPTION 'lot not usable' USING ERRCODE = 'check_violation', CONSTRAINT = 'stock_movements_lot_usable';
  END IF;
  PERFORM set_config('clinia.ledger_write', 'on', true);
  UPDATE lots SET on_hand = on_hand + NEW.quantity, updated_at = now() WHERE id = NEW.lot_id;
  PERFORM set_config('clinia.ledger_write', 'off', true);
  RETURN NEW;
END;
$$;--> statement-breakpoint
DROP TRIGGER IF EXISTS stock_movements_apply ON stock_movements;--> statement-breakpoint
CREATE TRIGGER stock_movements_apply AFTER INSERT ON stock_movements
  FOR EACH ROW EXECUTE FUNCTION stock_movements_apply();--> statement-breakpoint
CREATE OR REPLACE FUNCTION stock_movements_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'stock_movements is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;--> statement-breakpoint
DROP TRIGGER IF EXISTS stock_movements_no_change ON stock_movements;--> statement-breakpoint
CREATE TRIGGER stock_movements_no_change BEFORE UPDATE OR DELETE ON stock_movements
  FOR EACH ROW EXECUTE FUNCTION stock_movements_refuse_change();--> statement-breakpoint
GRANT SELECT ON anvisa_registry, anvisa_registry_imports TO clinia_app;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON lots, adverse_events TO clinia_app;--> statement-breakpoint
GRANT SELECT, INSERT ON stock_movements TO clinia_app;--> statement-breakpoint
ALTER TABLE lots ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
DROP POLICY IF EXISTS tenant_isolation ON lots;--> statement-breakpoint
CREATE POLICY tenant_isolation ON lots
  USING (organization_id = app_current_organization()) WITH CHECK (organization_id = app_current_organization());--> statement-breakpoint
ALTER TABLE stock_movements ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
DROP POLICY IF EXISTS tenant_isolation ON stock_movements;--> statement-breakpoint
CREATE POLICY tenant_isolation ON stock_movements
  USING (organization_id = app_current_organization()) WITH CHECK (organization_id = app_current_organization());--> statement-breakpoint
ALTER TABLE adverse_events ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
DROP POLICY IF EXISTS tenant_isolation ON adverse_events;--> statement-breakpoint
CREATE POLICY tenant_isolation ON adverse_events
  USING (organization_id = app_current_organization()) WITH CHECK (organization_id = app_current_organization());
