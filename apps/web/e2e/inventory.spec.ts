/// <reference types="node" />
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { baseUrl, openPage, screenshot, setUpDemo, shouldSkipE2e, signIn } from './browser';

// The stock room's desktop.
const DESKTOP = { viewport: { width: 1366, height: 860 }, acceptDownloads: true };
const PRODUCT = 'Ácido hialurônico reticulado 1 mL — volume';
const LOT = 'E2E-HA-0001';
// Seeded: a filler lot applied to demo clients, then quarantined after the manufacturer's notice.
const SEEDED_LOT = 'HAL2511Q';

async function pickOption(page: Page, testId: string, option: string | RegExp): Promise<void> {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name: option }).first().click();
}

/** The usable balance of the product in the stock tab, as a number. */
async function usableOf(page: Page, product: string): Promise<number> {
  const cell = page.locator(`[data-product="${product}"]`).getByTestId('balance-usable');
  await cell.waitFor();
  const text = (await cell.textContent()) ?? '';
  return Number(text.replace(/[^\d,]/g, '').replace(',', '.'));
}

describe.skipIf(shouldSkipE2e)('inventory: receipt, quarantine and recall traceability', () => {
  const demo = setUpDemo();
  const pageErrors: string[] = [];

  it('the front desk receives a lot and sees the stock rise', async () => {
    const { context, page } = await openPage(demo.browser, DESKTOP);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await signIn(page, 'recepcao@clinica.example', demo.password);
    await page.goto(`${baseUrl}/estoque`);
    const before = await usableOf(page, PRODUCT);
    await screenshot(page, 'inventory-stock');

    await page.getByRole('tab', { name: 'Recebimento' }).click();
    await pickOption(page, 'receive-product', PRODUCT);
    await page.getByTestId('receive-lot').fill(LOT);
    // Dates are typed as dd/mm/aaaa whatever the browser's language.
    await page.getByTestId('receive-expiry').fill('30/06/2028');
    await page.getByTestId('receive-expiry').press('Tab');
    expect(await page.getByTestId('receive-expiry').inputValue()).toBe('30/06/2028');
    expect(await page.getByTestId('receive-received-on').inputValue()).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    await page.getByTestId('receive-quantity').fill('10');
    await page.getByTestId('receive-supplier').fill('Distribuidora Saúde Estética Ltda.');
    await page.getByTestId('receive-invoice').fill('98765');
    await screenshot(page, 'inventory-receive');
    await page.getByTestId('receive-submit').click();
    await page.getByTestId('receive-done').getByText(`Lote ${LOT} recebido: saldo de 10 seringas.`).waitFor();

    await page.getByRole('tab', { name: 'Estoque' }).click();
    await page.locator(`[data-lot="${LOT}"]`).getByTestId('lot-on-hand').getByText('10 seringas').waitFor();
    expect(await usableOf(page, PRODUCT)).toBe(before + 10);
    // The lot's ledger: one receipt of 10.
    await page.locator(`[data-lot="${LOT}"]`).getByRole('button', { name: LOT }).click();
    const drawer = page.getByRole('dialog');
    await drawer.getByText('Recebimento', { exact: true }).waitFor();
    await drawer.getByText('+10').waitFor();
    await screenshot(page, 'inventory-lot-drawer', { isDialog: true });
    await page.keyboard.press('Escape');
    expect(pageErrors).toEqual([]);
    await context.close();
  }, 90_000);

  it('a physician quarantines the lot, and the recall list of a seeded lot names its clients', async () => {
    const { context, page } = await openPage(demo.browser, DESKTOP);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await signIn(page, 'rafael.moreira@clinica.example', demo.password, 'enrol');

    await page.goto(`${baseUrl}/estoque?aba=recolhimento`);
    await pickOption(page, 'recall-lot', new RegExp(`^${LOT} — `));
    await page.getByText('Nenhuma aplicação registrada deste lote.').waitFor();
    await page.getByTestId('recall-quarantine').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(`O lote ${LOT} ficará bloqueado para uso`).waitFor();
    await dialog.getByTestId('recall-reason').fill('Embalagem secundária violada no recebimento');
    await dialog.getByTestId('recall-confirm').click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('Em quarentena').first().waitFor();
    await page
      .getByText(/: em quarentena/)
      .first()
      .waitFor();

    await page.getByTestId('recall-lot').fill(SEEDED_LOT);
    await page.getByRole('option', { name: new RegExp(`^${SEEDED_LOT} — `) }).click();
    await page.getByText('6 clientes receberam este lote').waitFor();
    const rows = page.getByTestId('recall-rows').locator('tbody tr');
    expect(await rows.count()).toBe(6);
    const names = (await rows.locator('td:nth-child(2)').allTextContents()).map((n) => n.trim());
    expect(names.every((name) => name.split(' ').length >= 2)).toBe(true);
    await screenshot(page, 'inventory-recall');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('recall-csv').click(),
    ]);
    expect(download.suggestedFilename()).toBe(`rastreabilidade-lote-${SEEDED_LOT}.csv`);
    const csv = await readFile((await download.path()) ?? '', 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain('Data e hora;Clínica;Lote;Cliente;Atendimento;Profissional;Quantidade;Unidade');
    for (const name of names) expect(csv).toContain(name);

    // The other screens of the area render for a physician.
    await page.getByRole('tab', { name: 'Alertas' }).click();
    await page.getByTestId('alerts-expiring').getByText('TXA2409B').waitFor();
    await screenshot(page, 'inventory-alerts');
    await page.getByRole('tab', { name: 'Produtos' }).click();
    await page.getByTestId('products-table').getByText('Conferência manual').first().waitFor();
    await screenshot(page, 'inventory-products');
    // An adverse event with the filler: NOTIVISA, due by the 15th business day of next month.
    await page.getByRole('tab', { name: 'Intercorrências' }).click();
    await page.getByText('Nenhuma intercorrência registrada.').waitFor();
    await page.getByTestId('adverse-new').click();
    const form = page.getByRole('dialog');
    const client = names[0] ?? '';
    await form.getByTestId('adverse-client').fill(client.split(' ').slice(0, 2).join(' '));
    await page
      .getByRole('option', { name: new RegExp(`^${client}`) })
      .first()
      .click();
    await form.getByTestId('adverse-product').click();
    await page.getByRole('option', { name: 'Ácido hialurônico reticulado 1 mL — lábios' }).click();
    await form.getByTestId('adverse-severity').click();
    await page.getByRole('option', { name: 'Moderado' }).click();
    // Yesterday at 14:30, typed as the clinic writes it (dd/mm/aaaa, 24 h).
    const yesterday = new Date(Date.now() - 86_400_000).toLocaleDateString('pt-BR', {
      timeZone: 'America/Sao_Paulo',
    });
    await form.getByTestId('adverse-onset-date').fill(yesterday);
    await form.getByTestId('adverse-onset-date').press('Tab');
    await form.getByLabel('Horas').pressSequentially('14');
    await form.getByLabel('Minutos').pressSequentially('30');
    await form
      .getByTestId('adverse-description')
      .fill('Edema e equimose no lábio superior 24 horas após a aplicação.');
    await screenshot(page, 'inventory-adverse-form', { isDialog: true });
    await form.getByTestId('adverse-save').click();
    await form.waitFor({ state: 'detached' });
    const list = page.getByTestId('adverse-list');
    await list.getByText(client).waitFor();
    // The onset is the clinic's wall-clock time, whatever the browser's zone.
    await list.getByText(`${yesterday} 14:30`).first().waitFor();
    await list.getByText('NOTIVISA (dispositivos e serviços)').waitFor();
    await list.getByText('A notificar').waitFor();
    await screenshot(page, 'inventory-adverse-events');
    await page.goto(`${baseUrl}/tratamentos`);
    await page.getByTestId('catalog-table').getByText('Preenchimento labial com ácido hialurônico').waitFor();
    await screenshot(page, 'catalog-list');
    await page.getByTestId('catalog-new').click();
    await page.getByTestId('treatment-form').waitFor();
    const editor = page.getByTestId('treatment-form');
    await editor.getByLabel('Nome').fill('Toxina botulínica — região cervical');
    await editor.getByLabel('Preço (R$)').fill('1800');
    await screenshot(page, 'catalog-form', { isDialog: true });
    await editor.getByTestId('treatment-save').click();
    await editor.waitFor({ state: 'detached' });
    await page.getByTestId('catalog-table').getByText('Toxina botulínica — região cervical').waitFor();
    expect(pageErrors).toEqual([]);
    await context.close();
  }, 120_000);
});
