/// <reference types="node" />
import { createHmac, randomBytes } from 'node:crypto';
import { cpfCheckDigits, formatCpf } from '@clinia/contracts';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { baseUrl, drawSignature, openPage, screenshot, setUpDemo, shouldSkipE2e, signIn } from './browser';

// Reception books a client who accepted WhatsApp reminders; the confirmation request is queued with the
// booking; the client's "Confirmar" button reply (signed as Meta signs it) confirms the appointment and
// the agenda open at the front desk turns it "Confirmado" without reloading.
const DESK = { viewport: { width: 1440, height: 1100 } };
const BASE9 = '271828183';
const CPF = formatCpf(`${BASE9}${cpfCheckDigits(BASE9)}`);
const CLIENT = 'Débora Quintella Maia';
const MOBILE = '(11) 97777-3141';
const WA_ID = '5511977773141';
const TREATMENT = 'Limpeza de pele profunda';
const appSecret = process.env.E2E_WHATSAPP_APP_SECRET ?? '';

/** What Meta posts when the client taps a quick-reply button, signed with the app secret. */
async function postButtonReply(payload: string, text: string): Promise<number> {
  const body = JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: 'WABA-E2E',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '551130000000', phone_number_id: '100000000000001' },
              contacts: [{ profile: { name: 'Débora' }, wa_id: WA_ID }],
              messages: [
                {
                  from: WA_ID,
                  id: `wamid.${randomBytes(18).toString('base64url')}`,
                  timestamp: String(Math.floor(Date.now() / 1000)),
                  type: 'button',
                  button: { payload, text },
                },
              ],
            },
          },
        ],
      },
    ],
  });
  const signature = `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}`;
  const response = await fetch(`${baseUrl}/webhooks/whatsapp`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature },
    body,
  });
  return response.status;
}

async function pick(page: Page, select: Locator, name: string): Promise<void> {
  await select.click();
  await select.fill(name);
  await page.getByRole('option', { name }).first().click();
}

/** The local date two days from now (the confirmation request, 24 h before, is still ahead). */
function inTwoDays(): string {
  const d = new Date(Date.now() + 2 * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Sao_Paulo' }).format(d);
}

describe.skipIf(shouldSkipE2e)('WhatsApp confirmations at the front desk', () => {
  const demo = setUpDemo();
  const pageErrors: string[] = [];

  it('books a client with WhatsApp opt-in; her "Confirmar" reply confirms it on the open agenda', async () => {
    expect(appSecret, 'scripts/e2e.mjs sets the webhook secret').not.toBe('');
    const { context, page } = await openPage(demo.browser, DESK);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await signIn(page, 'recepcao@clinica.example', demo.password);

    // 1. A new client who accepts care reminders on WhatsApp (signed on the pad).
    await page.goto(`${baseUrl}/clientes/novo`);
    await page.getByLabel('Nome completo (civil)').fill(CLIENT);
    await page.getByLabel('CPF').fill(CPF);
    await page.getByLabel('Data de nascimento').fill('21081988');
    await page.getByText('Feminino', { exact: true }).click();
    await page.getByLabel('Celular').fill(MOBILE);
    await page.getByLabel('Nome completo de quem assina').fill(CLIENT);
    await drawSignature(page.getByTestId('signature-pad'));
    await page
      .getByLabel('O cliente (ou responsável) recebeu o aviso de privacidade e declarou ciência.')
      .check();
    await page.getByRole('button', { name: 'Concluir cadastro' }).click();
    await page.waitForURL((url) => /^\/clientes\/[0-9a-f-]{36}$/.test(url.pathname));
    await page.getByRole('tab', { name: 'Consentimentos' }).click();
    const reminders = page.getByTestId('consent-lembretes_whatsapp');
    await reminders.getByRole('button', { name: 'Coletar assinatura' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Nome completo de quem assina').fill(CLIENT);
    await drawSignature(dialog.getByTestId('signature-pad'));
    await dialog.getByRole('button', { name: 'Registrar assinatura' }).click();
    await dialog.waitFor({ state: 'detached' });
    await reminders.getByTestId('consent-status').getByText('Concedido').waitFor();

    // 2. Booked in two days from the agenda's suggestions.
    const day = inTwoDays();
    await page.goto(`${baseUrl}/agenda?data=${day}`);
    await page.getByTestId('agenda-grid').waitFor();
    await page.getByTestId('agenda-new-booking').click();
    const modal = page.getByRole('dialog', { name: 'Novo agendamento' });
    await pick(page, modal.getByLabel('Cliente'), CLIENT);
    await pick(page, modal.getByLabel('Tratamento'), TREATMENT);
    const [year, month, dd] = day.split('-');
    const from = modal.getByTestId('booking-from');
    await from.fill(`${dd}/${month}/${year}`);
    await from.press('Tab');
    const chip = modal.getByTestId('booking-slot').first();
    // The suggestions reload for the new start date; today's may still be on screen for a moment.
    await expect.poll(async () => ((await chip.getAttribute('data-date')) ?? '') >= day).toBe(true);
    await chip.click();
    const bookedDay = (await chip.getAttribute('data-date')) ?? day;
    await modal.getByTestId('booking-submit').click();
    await modal.waitFor({ state: 'detached' });
    await page.waitForURL((url) => url.searchParams.get('data') === bookedDay);
    const card = page.locator(`[data-testid="agenda-card"][aria-label*="${CLIENT}"]`).first();
    await card.waitFor();
    expect(await card.getAttribute('data-status')).toBe('agendado');
    const appointmentId = (await card.getAttribute('data-appointment-id')) ?? '';

    // 3. The drawer lists the confirmation request queued with the booking.
    await card.click({ position: { x: 10, y: 8 } }); // the name, not the risk badge
    const messages = page.getByTestId('drawer-messages');
    await messages.getByText('Pedido de confirmação').waitFor();
    await messages.getByText('Na fila').first().waitFor();
    await screenshot(page, 'messaging-drawer-queued', { isDialog: true });
    await page.getByTestId('drawer-close').click();
    await page.getByTestId('drawer-client').waitFor({ state: 'detached' });

    // 4. A forged reply is refused; the signed button reply confirms, and the open agenda follows.
    const forged = await fetch(`${baseUrl}/webhooks/whatsapp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': `sha256=${'0'.repeat(64)}` },
      body: JSON.stringify({ object: 'whatsapp_business_account', entry: [] }),
    });
    expect(forged.status).toBe(401);
    expect(await postButtonReply(`confirmar:${appointmentId}`, 'Confirmar')).toBe(200);
    await expect.poll(() => card.getAttribute('data-status'), { timeout: 10_000 }).toBe('confirmado');
    await screenshot(page, 'messaging-agenda-confirmed');
    await card.click({ position: { x: 10, y: 8 } });
    await page.getByTestId('drawer-status').filter({ hasText: 'Confirmado' }).waitFor();
    await page
      .getByTestId('drawer-messages')
      .getByText(/Confirmou/)
      .first()
      .waitFor();
    await screenshot(page, 'messaging-drawer-confirmed', { isDialog: true });
    expect(pageErrors).toEqual([]);
    await context.close();
  }, 120_000);
});
