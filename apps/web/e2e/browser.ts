/// <reference types="node" />
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { TSystemInfo } from '@clinia/contracts';
import * as OTPAuth from 'otpauth';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';

/** Shared by the end-to-end specs: the browser, the demo accounts, screenshots and TOTP codes. */

// Set by scripts/e2e.mjs, which boots the API; a plain `vitest run` skips the specs.
export const baseUrl = process.env.E2E_BASE_URL ?? '';
// Under CI a missing base URL is an error, never a silent skip.
export const shouldSkipE2e = !process.env.E2E_BASE_URL && process.env.CI !== 'true';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 860 }, locale: 'pt-BR' });
  return context.newPage();
}

export async function fetchSystemInfo(): Promise<TSystemInfo> {
  const response = await fetch(`${baseUrl}/trpc/system.info`);
  expect(response.status).toBe(200);
  const body = (await response.json()) as { result: { data: TSystemInfo } };
  return body.result.data;
}

/** The demo password, which only a demo database announces. */
export async function demoPassword(): Promise<string> {
  const demo = (await fetchSystemInfo()).demo;
  expect(demo, 'system.info should list the demo accounts').not.toBeNull();
  return demo?.password ?? '';
}

const screenshotDir = fileURLToPath(new URL('./__screenshots__/', import.meta.url));

/** Saves apps/web/e2e/__screenshots__/<name>.png; dialogs are shot as seen (viewport), pages whole. */
export async function screenshot(
  page: Page,
  name: string,
  options: { isDialog?: boolean } = {},
): Promise<void> {
  await mkdir(screenshotDir, { recursive: true });
  if (options.isDialog) {
    // Let Mantine's open transition finish.
    await page.waitForTimeout(400);
  }
  await page.screenshot({ path: `${screenshotDir}${name}.png`, fullPage: !options.isDialog });
}

/** Fills the sign-in form and submits it; the caller waits for where it should land. */
export async function submitSignIn(page: Page, email: string, password: string): Promise<void> {
  if (new URL(page.url()).pathname !== '/entrar') {
    await page.goto(`${baseUrl}/entrar`);
  }
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Senha', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Entrar', exact: true }).click();
}

/** Types a 6-digit code into the Mantine PinInput labelled "Código do aplicativo" inside `scope`. */
export async function typeCode(scope: Page | Locator, code: string): Promise<void> {
  await scope.getByLabel('Código do aplicativo').first().click();
  const page = 'keyboard' in scope ? scope : scope.page();
  await page.keyboard.type(code);
}

const PERIOD_S = 30;

export function totpStepAt(timestampMs: number): number {
  return Math.floor(timestampMs / 1000 / PERIOD_S);
}

/** The code for a TOTP step of `secret` (base32, spaces allowed). */
export function totpCode(secret: string, step: number): string {
  const totp = new OTPAuth.TOTP({
    secret: OTPAuth.Secret.fromBase32(secret.replace(/\s+/g, '')),
    period: PERIOD_S,
  });
  return totp.generate({ timestamp: step * PERIOD_S * 1000 });
}

/**
 * Waits until the clock reaches a TOTP step after `usedStep`: the server refuses a replayed code (its
 * step must be newer than the last one accepted). Returns the step to use.
 */
export async function waitForStepAfter(
  usedStep: number,
  keepAlive?: () => Promise<unknown>,
): Promise<number> {
  // The e2e server ends a session idle for 20 s (SESSION_IDLE_TIMEOUT_S in scripts/e2e.mjs) and this
  // wait can last up to 30 s: a signed-in caller passes `keepAlive` to touch its session meanwhile.
  let touched = Date.now();
  while (totpStepAt(Date.now()) <= usedStep) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    if (keepAlive && Date.now() - touched > 5_000) {
      await keepAlive();
      touched = Date.now();
    }
  }
  return totpStepAt(Date.now());
}

const ENROLMENT_PATH = '/seguranca/verificacao-em-duas-etapas';

/**
 * A manager's or health professional's first sign-in: reads the secret shown for manual entry, confirms
 * enrolment with a code, and keeps the recovery codes. Returns the secret and the TOTP step used.
 */
export async function enrolMfa(
  page: Page,
  screenshotPrefix?: string,
): Promise<{ secret: string; step: number }> {
  await page.waitForURL((url) => url.pathname === ENROLMENT_PATH);
  await page
    .getByText(
      'Gestores e profissionais de saúde precisam da verificação em duas etapas para acessar dados de clientes.',
    )
    .waitFor();
  const secretText = (await page.getByTestId('mfa-secret').textContent()) ?? '';
  expect(secretText).toMatch(/^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/);
  const secret = secretText.replace(/\s+/g, '');
  await page.getByRole('img', { name: 'QR code para configurar o aplicativo autenticador' }).waitFor();
  if (screenshotPrefix) {
    await screenshot(page, `${screenshotPrefix}-mfa-enrolment`);
  }
  const step = totpStepAt(Date.now());
  await typeCode(page, totpCode(secret, step));

  const codes = page.getByTestId('recovery-codes');
  await codes.waitFor();
  expect((await codes.textContent())?.match(/[A-Z0-9]{5}-[A-Z0-9]{5}/g)).toHaveLength(10);
  const continueButton = page.getByRole('button', { name: 'Continuar' });
  expect(await continueButton.isDisabled()).toBe(true);
  if (screenshotPrefix) {
    await screenshot(page, `${screenshotPrefix}-recovery-codes`);
  }
  await page.getByLabel('Guardei meus códigos em lugar seguro').check();
  await continueButton.click();
  return { secret, step };
}

/** Draws a short signature on the pad with pointer moves, as a finger would. */
export async function drawSignature(pad: Locator): Promise<void> {
  await pad.scrollIntoViewIfNeeded();
  const box = await pad.boundingBox();
  if (!box) throw new Error('signature pad not visible');
  const page = pad.page();
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + 40, y);
  await page.mouse.down();
  for (let i = 1; i <= 12; i++) {
    await page.mouse.move(box.x + 40 + i * 22, y + (i % 2 === 0 ? -28 : 24), { steps: 3 });
  }
  await page.mouse.up();
}
