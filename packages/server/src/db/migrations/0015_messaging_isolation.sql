-- Messaging: tenant isolation for every table, status events and inbound replies append-only, and the
-- care-reminder consent documents (new purposes) for organisations that existed before this release.
GRANT SELECT, INSERT, UPDATE ON outbox_messages, message_templates, reminder_plans TO clinia_app;--> statement-breakpoint
GRANT SELECT, INSERT ON message_status_events, inbound_messages TO clinia_app;--> statement-breakpoint
ALTER TABLE outbox_messages ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
DROP POLICY IF EXISTS tenant_isolation ON outbox_messages;--> statement-breakpoint
CREATE POLICY tenant_isolation ON outbox_messages
  USING (organization_id = app_current_organization()) WITH CHECK (organization_id = app_current_organization());--> statement-breakpoint
ALTER TABLE message_status_events ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
DROP POLICY IF EXISTS tenant_isolation ON message_status_events;--> statement-breakpoint
CREATE POLICY tenant_isolation ON message_status_events
  USING (organization_id = app_current_organization()) WITH CHECK (organization_id = app_current_organization());--> statement-breakpoint
ALTER TABLE inbound_messages ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
DROP POLICY IF EXISTS tenant_isolation ON inbound_messages;--> statement-breakpoint
CREATE POLICY tenant_isolation ON inbound_messages
  USING (organization_id = app_current_organization()) WITH CHECK (organization_id = app_current_organization());--> statement-breakpoint
ALTER TABLE message_templates ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
DROP POLICY IF EXISTS tenant_isolation ON message_templates;--> statement-breakpoint
CREATE POLICY tenant_isolation ON message_templates
  USING (organization_id = app_current_organization()) WITH CHECK (organization_id = app_current_organization());--> statement-breakpoint
ALTER TABLE reminder_plans ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
DROP POLICY IF EXISTS tenant_isolation ON reminder_plans;--> statement-breakpoint
CREATE POLICY tenant_isolation ON reminder_plans
  USING (organization_id = app_current_organization()) WITH CHECK (organization_id = app_current_organization());--> statement-breakpoint
CREATE OR REPLACE FUNCTION messaging_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  -- Key rotation re-seals inbound_messages.body_sealed; nothing else may change, and nothing is deleted.
  IF TG_OP = 'UPDATE' AND TG_TABLE_NAME = 'inbound_messages'
     AND (to_jsonb(NEW) - 'body_sealed') = (to_jsonb(OLD) - 'body_sealed') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;--> statement-breakpoint
DROP TRIGGER IF EXISTS message_status_events_no_change ON message_status_events;--> statement-breakpoint
CREATE TRIGGER message_status_events_no_change BEFORE UPDATE OR DELETE ON message_status_events
  FOR EACH ROW EXECUTE FUNCTION messaging_refuse_change();--> statement-breakpoint
DROP TRIGGER IF EXISTS inbound_messages_no_change ON inbound_messages;--> statement-breakpoint
CREATE TRIGGER inbound_messages_no_change BEFORE UPDATE OR DELETE ON inbound_messages
  FOR EACH ROW EXECUTE FUNCTION messaging_refuse_change();--> statement-breakpoint
INSERT INTO consent_documents (organization_id, purpose, procedure_category, version, title, body, body_sha256, published_at)
SELECT o.id, 'lembretes_whatsapp', NULL, 1, 'Lembretes e confirmações de atendimento por WhatsApp', 'Aceito receber da clínica, pelo WhatsApp, lembretes e pedidos de confirmação dos meus atendimentos, orientações de cuidados após os procedimentos, ofertas de vaga da lista de espera e avisos de segurança sobre produtos usados em mim. As mensagens trazem apenas data, horário e local, sem citar procedimentos. Não inclui promoções. Posso cancelar a qualquer momento, inclusive respondendo "PARAR".', encode(sha256(convert_to('Aceito receber da clínica, pelo WhatsApp, lembretes e pedidos de confirmação dos meus atendimentos, orientações de cuidados após os procedimentos, ofertas de vaga da lista de espera e avisos de segurança sobre produtos usados em mim. As mensagens trazem apenas data, horário e local, sem citar procedimentos. Não inclui promoções. Posso cancelar a qualquer momento, inclusive respondendo "PARAR".', 'UTF8')), 'hex'), now()
FROM organizations o
WHERE NOT EXISTS (SELECT 1 FROM consent_documents d WHERE d.organization_id = o.id AND d.purpose = 'lembretes_whatsapp');--> statement-breakpoint
INSERT INTO consent_documents (organization_id, purpose, procedure_category, version, title, body, body_sha256, published_at)
SELECT o.id, 'lembretes_email', NULL, 1, 'Lembretes e confirmações de atendimento por e-mail', 'Aceito receber da clínica, por e-mail, lembretes e pedidos de confirmação dos meus atendimentos, orientações de cuidados após os procedimentos, ofertas de vaga da lista de espera e avisos de segurança sobre produtos usados em mim. Não inclui promoções. Posso cancelar a qualquer momento.', encode(sha256(convert_to('Aceito receber da clínica, por e-mail, lembretes e pedidos de confirmação dos meus atendimentos, orientações de cuidados após os procedimentos, ofertas de vaga da lista de espera e avisos de segurança sobre produtos usados em mim. Não inclui promoções. Posso cancelar a qualquer momento.', 'UTF8')), 'hex'), now()
FROM organizations o
WHERE NOT EXISTS (SELECT 1 FROM consent_documents d WHERE d.organization_id = o.id AND d.purpose = 'lembretes_email');
