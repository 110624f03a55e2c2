/// <reference types="node" />
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  baseUrl,
  demoPassword,
  launchChromium,
  screenshot,
  shouldSkipE2e,
  submitSignIn,
  totpCode,
  totpStepAt,
  typeCode,
  waitForStepAfter,
} from './browser';

// A tablet in landscape, as used beside the treatment chair.
const TABLET = { width: 1180, height: 820 };
const DOCTOR = 'helena.duarte@clinica.example';

/** A tiny valid PNG (32×32, flat colour), generated in memory: synthetic, no person in it. */
function syntheticPng(): Buffer {
  return Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAACAAAAAgCAIAAAD8GO2jAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAPElEQVRIie3WuQkAMBADQfcfqQSVo7JchcHBwOWCQ8+eNU/vEKgXhYsmaFEV06Y1ODOZRRUBXoWO+ZquL7hv4GqyDlY3AAAAAElFTkSuQmCC',
    'base64',
  );
}

/** Reads a tRPC query from inside the signed-in page (the session cookie goes with it). */
async function query<T>(page: Page, path: string, input: unknown): Promise<T> {
  return page.evaluate(
    async ({ path, input }) => {
      const response = await fetch(`/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`);
      const body = (await response.json()) as { result: { data: unknown } };
      return body.result.data;
    },
    { path, input },
  ) as Promise<T>;
}

type TLotView = { id: string; lotNumber: string; onHand: number; isUsable: boolean; expiryDate: string };

describe.skipIf(shouldSkipE2e)('treatment session on a tablet', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let password = '';
  const pageErrors: string[] = [];

  beforeAll(async () => {
    password = await demoPassword();
    browser = await launchChromium();
    context = await browser.newContext({ viewport: TABLET, locale: 'pt-BR', hasTouch: true });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  it('checks in, records three points with a lot and photos, signs, and the lot traces to the client', async () => {
    // The physician's first sign-in enrols the second factor.
    await page.goto(`${baseUrl}/entrar`);
    await submitSignIn(page, DOCTOR, password);
    await page.waitForURL((url) => url.pathname === '/seguranca/verificacao-em-duas-etapas');
    const secret = ((await page.getByTestId('mfa-secret').textContent()) ?? '').replace(/\s+/g, '');
    const enrolmentStep = totpStepAt(Date.now());
    await typeCode(page, totpCode(secret, enrolmentStep));
    await page.getByTestId('recovery-codes').waitFor();
    await page.getByLabel('Guardei meus códigos em lugar seguro').check();
    await page.getByRole('button', { name: 'Continuar' }).click();
    await page.waitForURL((url) => url.pathname === '/');

    // Today's appointments: register the arrival, open the session.
    await page.goto(`${baseUrl}/atendimentos`);
    const row = page.getByTestId('today-appointment').filter({ hasText: 'Agendado' }).first();
    await row.waitFor();
    const clientName = ((await row.locator('p').first().textContent()) ?? '').split(' · ')[1] ?? '';
    await row.getByRole('button', { name: 'Registrar chegada' }).click();
    const arrived = page.getByTestId('today-appointment').filter({ hasText: clientName });
    await arrived.getByRole('link', { name: 'Abrir atendimento' }).click();
    await page.getByTestId('start-session').click();
    await page.waitForURL((url) => /^\/atendimentos\/[0-9a-f-]{36}$/.test(url.pathname));
    await page.getByTestId('session-status').getByText('Em andamento').waitFor();

    // Checklist: TCLE signed (demo), intake reviewed, contraindications re-checked.
    await page.getByTestId('intake-reviewed').check();
    await page.getByTestId('confirm-checklist').click();
    await page.getByTestId('checklist-confirmed').waitFor();

    // Before and after photos.
    for (const moment of ['antes', 'depois'] as const) {
      const chooser = page.waitForEvent('filechooser');
      await page.getByTestId(`photo-${moment}`).click();
      await (await chooser).setFiles({
        name: `${moment}.png`,
        mimeType: 'image/png',
        buffer: syntheticPng(),
      });
      await page.getByTestId('photo-uploaded').waitFor();
    }

    // Three points on the face map; the first gets the FEFO lot, the next ones copy it.
    const map = page.getByTestId('face-map');
    await map.scrollIntoViewIfNeeded();
    const box = await map.boundingBox();
    if (!box) throw new Error('map not visible');
    await page.mouse.click(box.x + box.width * 0.5, box.y + box.height * 0.33);
    const firstRow = page.getByTestId('point-row').first();
    await firstRow.getByTestId('lot-picker').click();
    await page.getByRole('option').first().click();
    await page.mouse.click(box.x + box.width * 0.42, box.y + box.height * 0.32);
    await page.mouse.click(box.x + box.width * 0.58, box.y + box.height * 0.32);
    expect(await page.getByTestId('point-row').count()).toBe(3);
    await screenshot(page, 'session-map');

    const lotsBefore = await query<TLotView[]>(page, 'inventory.lots', {
      clinicId: null,
      productId: null,
      includeEmpty: false,
    });

    // Sign with the password and a fresh authenticator code (the enrolment's code cannot be replayed).
    await page.getByTestId('open-sign').click();
    await page.getByTestId('sign-password').fill(password);
    await page.getByLabel('Código do autenticador').first().click();
    await page.keyboard.type(totpCode(secret, await waitForStepAfter(enrolmentStep)));
    await screenshot(page, 'session-sign-dialog');
    await page.getByTestId('sign-confirm').click();
    await page.getByTestId('session-status').getByText('Assinado').waitFor();
    await page
      .getByTestId('signature')
      .getByText(/Hash SHA-256/)
      .waitFor();
    await screenshot(page, 'session-signed');

    // Stock dropped by the three points (2 U each), on the lot drawn.
    const drawnText = (await page.getByTestId('session-products').textContent()) ?? '';
    const lotNumber = /Baixado do lote (\S+):/.exec(drawnText)?.[1] ?? '';
    expect(lotNumber).not.toBe('');
    const lotsAfter = await query<TLotView[]>(page, 'inventory.lots', {
      clinicId: null,
      productId: null,
      includeEmpty: false,
    });
    const before = lotsBefore.find((l) => l.lotNumber === lotNumber);
    const after = lotsAfter.find((l) => l.lotNumber === lotNumber);
    expect(before && after ? before.onHand - after.onHand : 0).toBe(6);

    // The recall report of that lot lists this client.
    const report = await query<{ rows: { clientName: string }[] }>(page, 'inventory.traceability', {
      lotId: after?.id,
    });
    expect(report.rows.map((r) => r.clientName)).toContain(clientName);
    expect(pageErrors).toEqual([]);
  });
});
