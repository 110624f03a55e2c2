-- Inventory: a use is checked against the lot's expiry on the clinic's calendar date, not UTC's.
-- 0013 compared with the UTC date of occurred_at, so a use at 22:00 in São Paulo on a lot's last day
-- (01:00 UTC the next day) was refused by the trigger while the service, which uses the clinic's
-- date, allowed it. Same function otherwise (row lock, tenant match, derived balance).
CREATE OR REPLACE FUNCTION stock_movements_apply() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  lot lots%ROWTYPE;
  zone text;
BEGIN
  SELECT * INTO lot FROM lots WHERE id = NEW.lot_id FOR UPDATE;
  IF lot.organization_id <> NEW.organization_id OR lot.clinic_id <> NEW.clinic_id
    OR lot.product_id <> NEW.product_id THEN
    RAISE EXCEPTION 'stock movement does not match its lot' USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.kind = 'use' THEN
    SELECT time_zone INTO zone FROM clinics WHERE id = NEW.clinic_id;
    IF lot.status <> 'ativo'
      OR lot.expiry_date < (NEW.occurred_at AT TIME ZONE coalesce(zone, 'America/Sao_Paulo'))::date THEN
      RAISE EXCEPTION 'lot not usable' USING ERRCODE = 'check_violation', CONSTRAINT = 'stock_movements_lot_usable';
    END IF;
  END IF;
  PERFORM set_config('clinia.ledger_write', 'on', true);
  UPDATE lots SET on_hand = on_hand + NEW.quantity, updated_at = now() WHERE id = NEW.lot_id;
  PERFORM set_config('clinia.ledger_write', 'off', true);
  RETURN NEW;
END;
$$;
