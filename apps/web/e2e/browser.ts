/// <reference types="node" />
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { TSystemInfo } from '@clinia/contracts';
import * as OTPAuth from 'otpauth';
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Locator,
  type Page,
} from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';

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

/** A page in a context of its own (its own cookies, so its own session), pt-BR unless `options` say else. */
export async function openPage(
  browser: Browser,
  options: BrowserContextOptions = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: 1366, height: 860 },
    locale: 'pt-BR',
    ...options,
  });
  return { context, page: await context.newPage() };
}

export async function newPage(browser: Browser): Promise<Page> {
  return (await openPage(browser)).page;
}

/**
 * For a spec's describe block: reads the demo password and launches Chromium before its tests, and
 * closes the browser after them. Read `browser` and `password` inside the tests, once they are set.
 */
export function setUpDemo(): { readonly browser: Browser; readonly password: string } {
  let browser: Browser | undefined;
  let password = '';
  beforeAll(async () => {
    password = await demoPassword();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    get browser() {
      if (!browser) {
        throw new Error('the browser is launched in beforeAll: use it inside a test');
      }
      return browser;
    },
    get password() {
      return password;
    },
  };
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
  if (options.isDialog) {
    await page.screenshot({ path: `${screenshotDir}${name}.png` });
    return;
  }
  // A whole page shot of a scrolled page draws the fixed header and menu where the viewport was, over
  // the content: shoot it from the top, then put the scroll back.
  const scrolledTo = await page.evaluate(() => window.scrollY);
  if (scrolledTo > 0) await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${screenshotDir}${name}.png`, fullPage: true });
  if (scrolledTo > 0) await page.evaluate((y) => window.scrollTo(0, y), scrolledTo);
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

/** The TOTP secret of an enrolled account and the last step whose code it used. */
export type TTotp = { secret: string; step: number };

/**
 * Signs in from the sign-in page and waits until the app lets the user in, on the home page:
 * - without `mfa`, an account whose role has no second factor (front desk, esthetician);
 * - with `'enrol'`, the first sign-in of a role that must enrol it (enrolMfa, which checks that screen);
 * - with a `TTotp`, an enrolled account: waits for a step newer than `mfa.step` (the server refuses a
 *   replayed code) before it signs in, so the new session never idles on the code screen, then types it.
 * The TOTP variants return the secret and the step used, for the account's next code.
 */
export async function signIn(page: Page, email: string, password: string): Promise<undefined>;
export async function signIn(
  page: Page,
  email: string,
  password: string,
  mfa: 'enrol' | TTotp,
): Promise<TTotp>;
export async function signIn(
  page: Page,
  email: string,
  password: string,
  mfa?: 'enrol' | TTotp,
): Promise<TTotp | undefined> {
  const nextStep = typeof mfa === 'object' ? await waitForStepAfter(mfa.step) : 0;
  await page.goto(`${baseUrl}/entrar`);
  await submitSignIn(page, email, password);
  let totp: TTotp | undefined;
  if (mfa === 'enrol') {
    totp = await enrolMfa(page);
  } else if (mfa) {
    await page.waitForURL((url) => url.pathname === '/entrar/verificacao');
    totp = { secret: mfa.secret, step: Math.max(nextStep, totpStepAt(Date.now())) };
    await typeCode(page, totpCode(totp.secret, totp.step));
  }
  await page.waitForURL((url) => url.pathname === '/');
  return totp;
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
