/// <reference types="node" />
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  baseUrl,
  demoPassword,
  launchChromium,
  openPage,
  screenshot,
  shouldSkipE2e,
  signIn,
  totpCode,
  totpStepAt,
  waitForStepAfter,
} from './browser';

// A tablet beside the treatment chair, in landscape and in portrait, with a touch screen.
const LANDSCAPE = { width: 1180, height: 820 };
const TABLET = { viewport: LANDSCAPE, hasTouch: true };
const PORTRAIT = { width: 820, height: 1180 };
const DOCTOR = 'helena.duarte@clinica.example';
const TOXIN_TREATMENT = 'Toxina botulínica — terço superior';

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
type TDayAppointment = {
  id: string;
  clientId: string;
  clientName: string;
  treatmentId: string;
  treatmentName: string;
  professionalName: string;
  status: string;
};
type TConsents = { states: { purpose: string; procedureCategory: string | null; status: string }[] };

/** Today in the demo clinic (São Paulo), as the agenda asks for it. */
const todayInClinic = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Sao_Paulo' }).format(new Date());

/**
 * The doctor's toxin appointments of today that can start a session: still to check in, and the client
 * signed the toxin TCLE. The demo also books random visits, so the spec picks by these facts, not by
 * position or time.
 */
async function readyToxinAppointments(page: Page): Promise<TDayAppointment[]> {
  const day = await query<{ appointments: TDayAppointment[] }>(page, 'agenda.day', {
    date: todayInClinic(),
    includeFreed: false,
  });
  const ready: TDayAppointment[] = [];
  for (const a of day.appointments) {
    if (a.status !== 'agendado' || a.treatmentName !== TOXIN_TREATMENT) continue;
    if (!a.professionalName.startsWith('Helena')) continue;
    const consents = await query<TConsents>(page, 'clients.consents', { clientId: a.clientId });
    const tcle = consents.states.find(
      (c) => c.purpose === 'tcle' && c.procedureCategory === 'toxina_botulinica',
    );
    if (tcle?.status !== 'concedido') continue;
    // The demo's random intakes sometimes hold a hard contraindication (pregnancy, for toxin), which
    // rightly blocks the checklist without a physician's override: not the flow this spec walks.
    const contraindications = await query<{ severity: string; basis: string }[]>(
      page,
      'catalog.checkContraindications',
      { treatmentId: a.treatmentId, clientId: a.clientId },
    );
    if (contraindications.some((c) => c.severity === 'hard' && c.basis === 'met')) continue;
    ready.push(a);
  }
  return ready;
}

/**
 * Waits for the record to read "Assinado"; a refusal shown in the signing dialog fails at once with
 * its message (instead of a bare timeout).
 */
async function waitForSigned(page: Page): Promise<void> {
  const signed = page.getByTestId('session-status').getByText('Assinado');
  const refused = page.getByRole('dialog').getByRole('alert');
  await signed.or(refused).first().waitFor();
  if (await refused.isVisible()) throw new Error(`signing refused: ${await refused.textContent()}`);
}

/** Taps the first point on the face map (glabella). */
async function tapFirstPoint(page: Page): Promise<void> {
  const map = page.getByTestId('face-map');
  await map.scrollIntoViewIfNeeded();
  const box = await map.boundingBox();
  if (!box) throw new Error('map not visible');
  await page.touchscreen.tap(box.x + box.width * 0.5, box.y + box.height * 0.33);
  await page.getByTestId('point-row').first().waitFor();
}

/** Taps two more points, left and right of the first. */
async function tapMore(page: Page): Promise<void> {
  const box = await page.getByTestId('face-map').boundingBox();
  if (!box) throw new Error('map not visible');
  await page.touchscreen.tap(box.x + box.width * 0.42, box.y + box.height * 0.32);
  await page.touchscreen.tap(box.x + box.width * 0.58, box.y + box.height * 0.32);
}

/** Every visible button and link of the page is at least 44 px high (a fingertip), or names it. */
async function smallTouchTargets(page: Page, scope: string): Promise<string[]> {
  return page.evaluate((selector) => {
    const root = document.querySelector(selector) ?? document.body;
    return [...root.querySelectorAll('button, a[href], [role="tab"], input[type="checkbox"]')]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && r.height > 0 && !el.closest('[data-touch-exempt]');
      })
      .map((el) => {
        // A checkbox is hit through its row (box and label), as Mantine renders it.
        const target = el.matches('input[type="checkbox"]')
          ? (el.closest('.mantine-Checkbox-body') ?? el)
          : el;
        const r = target.getBoundingClientRect();
        return { label: (el.textContent || el.getAttribute('aria-label') || el.tagName).trim(), h: r.height };
      })
      .filter((x) => x.h < 44)
      .map((x) => `${x.label} (${Math.round(x.h)} px)`);
  }, scope);
}

describe.skipIf(shouldSkipE2e)('treatment session on a tablet', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let password = '';
  const pageErrors: string[] = [];

  beforeAll(async () => {
    password = await demoPassword();
    browser = await launchChromium();
    ({ context, page } = await openPage(browser, TABLET));
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  let secret = '';
  let enrolmentStep = 0;
  let signedSessionUrl = '';
  let clientId = '';
  let ready: TDayAppointment[] = [];

  it('checks in from the agenda, records three points with the FEFO lot and photos, signs with password and code', async () => {
    // The physician's first sign-in enrols the second factor.
    ({ secret, step: enrolmentStep } = await signIn(page, DOCTOR, password, 'enrol'));

    ready = await readyToxinAppointments(page);
    expect(ready.length).toBeGreaterThanOrEqual(2);
    const target = ready[0] as TDayAppointment;
    clientId = target.clientId;

    // The agenda: tap the visit, register the arrival in its drawer.
    await page.goto(`${baseUrl}/agenda`);
    const card = page.locator(`[data-testid="agenda-card"][data-appointment-id="${target.id}"]`);
    await card.tap({ position: { x: 10, y: 8 } }); // the name, not the risk badge
    const drawer = page.getByTestId('appointment-drawer');
    await drawer.getByTestId('drawer-client').getByText(target.clientName).waitFor();
    await drawer.getByRole('button', { name: 'Chegou' }).waitFor();
    await screenshot(page, 'session-01-agenda-drawer', { isDialog: true });
    // The drawer's status buttons and the rest of its targets are fingertip-sized on the tablet too.
    expect(await smallTouchTargets(page, '[data-testid="appointment-drawer"]')).toEqual([]);
    await drawer.getByRole('button', { name: 'Chegou' }).tap();
    await drawer.getByTestId('drawer-status').getByText('Chegou').waitFor();
    await screenshot(page, 'session-01-agenda-checked-in', { isDialog: true });

    // Today's list opens the session of the arrived client.
    await page.goto(`${baseUrl}/atendimentos`);
    const row = page.getByTestId('today-appointment').filter({ hasText: target.clientName });
    await row.getByRole('link', { name: 'Abrir atendimento' }).waitFor();
    await screenshot(page, 'session-02-today');
    await row.getByRole('link', { name: 'Abrir atendimento' }).tap();
    await page.getByTestId('start-session').tap();
    await page.waitForURL((url) => /^\/atendimentos\/[0-9a-f-]{36}$/.test(url.pathname));
    await page.getByTestId('session-status').getByText('Em andamento').waitFor();
    await screenshot(page, 'session-03-started');

    // Checklist: TCLE signed (demo), intake reviewed, contraindications re-checked.
    await page.getByTestId('intake-reviewed').tap();
    await page.getByTestId('confirm-checklist').tap();
    await page.getByTestId('checklist-confirmed').waitFor();

    // Before and after photos, right under the checklist.
    for (const moment of ['antes', 'depois'] as const) {
      const chooser = page.waitForEvent('filechooser');
      await page.getByTestId(`photo-${moment}`).tap();
      await (await chooser).setFiles({
        name: `${moment}.png`,
        mimeType: 'image/png',
        buffer: syntheticPng(),
      });
      await page.getByTestId('photo-uploaded').waitFor();
    }
    await page.getByText('1 foto "antes" registrada').waitFor();
    await screenshot(page, 'session-04-checklist-photos');

    // Three points on the face map: the first takes the treatment's toxin and the FEFO lot, the next
    // ones copy it.
    await tapFirstPoint(page);
    const firstRow = page.getByTestId('point-row').first();
    expect(await firstRow.getByLabel('Produto').inputValue()).toBe('Toxina botulínica tipo A 100 U');
    const fefoHint = (await firstRow.getByText(/^Sugestão FEFO \(vence primeiro\): /).textContent()) ?? '';
    const fefo = fefoHint.split(': ')[1]?.trim();
    expect(fefo).toBeTruthy();
    await firstRow.getByTestId('lot-picker').tap();
    await screenshot(page, 'session-05-lot-picker', { isDialog: true });
    const firstOption = page.getByRole('option').first();
    expect(await firstOption.textContent()).toContain(fefo ?? '-');
    await firstOption.tap();
    await tapMore(page);
    expect(await page.getByTestId('point-row').count()).toBe(3);
    await screenshot(page, 'session-06-three-points');
    expect(await smallTouchTargets(page, 'main')).toEqual([]);

    const lotsBefore = await query<TLotView[]>(page, 'inventory.lots', {
      clinicId: null,
      productId: null,
      includeEmpty: false,
    });

    // Sign with the password and a fresh authenticator code (the enrolment's code cannot be replayed).
    await page.getByTestId('open-sign').tap();
    await page.getByTestId('sign-password').fill(password);
    await page.getByLabel('Código do autenticador').first().tap();
    const signStep = await waitForStepAfter(enrolmentStep, () => query(page, 'auth.me', {}));
    await page.keyboard.type(totpCode(secret, signStep));
    await screenshot(page, 'session-07-sign-dialog', { isDialog: true });
    await page.getByTestId('sign-confirm').tap();
    await waitForSigned(page);
    await page
      .getByTestId('signature')
      .getByText(/Hash SHA-256/)
      .waitFor();
    signedSessionUrl = page.url();

    // Follow-up proposals: the 15-day toxin review and the next session after the interval.
    await page.getByTestId('follow-up-revisao').waitFor();
    await page.getByTestId('follow-up-proxima_sessao').waitFor();
    // The review is not held back by the toxin's 90-day interval between applications (the demo
    // catalog blocks it): the physician's free times in its window are offered.
    await page.getByTestId('follow-up-revisao').getByTestId('follow-up-slot').first().waitFor();
    await screenshot(page, 'session-08-signed');

    // Stock dropped by the three points (2 U each), on the FEFO lot.
    const drawnText = (await page.getByTestId('session-products').textContent()) ?? '';
    const lotNumber = /Baixado do lote (\S+):/.exec(drawnText)?.[1] ?? '';
    expect(lotNumber).toBe(fefo);
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
    expect(report.rows.map((r) => r.clientName)).toContain(target.clientName);

    // Photo comparison, from the session's photos card.
    await page.getByTestId('open-photo-comparison').tap();
    await page.getByTestId('photos-compare').tap();
    await page.getByTestId('photo-compare-mode').waitFor();
    await screenshot(page, 'session-09-comparison', { isDialog: true });
    await page.keyboard.press('Escape');

    // The client timeline: this session, its product and lot, the photos, the total units.
    await page.goto(`${baseUrl}/clientes/${clientId}?aba=atendimentos`);
    await page.getByTestId('timeline-table').waitFor();
    expect(await page.getByTestId('timeline-table').textContent()).toContain(lotNumber);
    expect(await page.getByTestId('timeline-totals').textContent()).toContain(
      'Toxina botulínica tipo A 100 U',
    );
    await screenshot(page, 'session-10-timeline');
    expect(pageErrors).toEqual([]);
  });

  it('works in portrait too: check-in, checklist, map by touch, a wrong code refused, the signed record and the timeline', async () => {
    expect(signedSessionUrl).not.toBe('');
    await page.setViewportSize(PORTRAIT);
    const target = ready[1] as TDayAppointment;
    await page.goto(`${baseUrl}/atendimentos`);
    const row = page.getByTestId('today-appointment').filter({ hasText: target.clientName });
    await row.getByRole('button', { name: 'Registrar chegada' }).tap();
    await row.getByRole('link', { name: 'Abrir atendimento' }).tap();
    await page.getByTestId('start-session').tap();
    await page.getByTestId('session-status').getByText('Em andamento').waitFor();
    await page.getByTestId('intake-reviewed').tap();
    await page.getByTestId('confirm-checklist').tap();
    await page.getByTestId('checklist-confirmed').waitFor();
    await tapFirstPoint(page);
    await tapMore(page);
    expect(await page.getByTestId('point-row').count()).toBe(3);
    await screenshot(page, 'session-11-portrait-map');
    expect(await smallTouchTargets(page, 'main')).toEqual([]);
    // Nothing wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      PORTRAIT.width,
    );

    // A wrong authenticator code is refused naming the field, the code boxes empty for the next try,
    // and nothing is signed.
    const now = totpStepAt(Date.now());
    const valid = [now - 1, now, now + 1].map((step) => totpCode(secret, step));
    const wrong = ['000000', '111111', '222222', '333333'].find((c) => !valid.includes(c)) ?? '444444';
    await page.getByTestId('open-sign').tap();
    await page.getByTestId('sign-password').fill(password);
    await page.getByLabel('Código do autenticador').first().tap();
    await page.keyboard.type(wrong);
    await page.getByTestId('sign-confirm').tap();
    await page
      .getByRole('alert')
      .getByText(/^Código do autenticador: /)
      .waitFor();
    await screenshot(page, 'session-12-portrait-wrong-code', { isDialog: true });
    expect(await page.getByLabel('Código do autenticador').first().inputValue()).toBe('');
    await page.getByRole('button', { name: 'Cancelar' }).tap();
    await page.getByTestId('session-status').getByText('Em andamento').waitFor();

    await page.goto(signedSessionUrl);
    await page.getByTestId('session-status').getByText('Assinado').waitFor();
    await screenshot(page, 'session-13-portrait-signed');
    await page.goto(`${baseUrl}/clientes/${clientId}?aba=atendimentos`);
    await page.getByTestId('timeline-table').waitFor();
    await screenshot(page, 'session-14-portrait-timeline');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      PORTRAIT.width,
    );
    expect(pageErrors).toEqual([]);
  });

  it('hides the Atendimentos tab from the reception, whom the server refuses the timeline', async () => {
    const { context: desk, page: deskPage } = await openPage(browser, TABLET);
    await signIn(deskPage, 'recepcao@clinica.example', password);
    await deskPage.goto(`${baseUrl}/clientes/${clientId}?aba=atendimentos`);
    await deskPage.getByRole('tab', { name: 'Dados' }).waitFor();
    expect(await deskPage.getByTestId('tab-atendimentos').count()).toBe(0);
    // The hidden tab in the address falls back to the client's data.
    expect(await deskPage.getByRole('tab', { name: 'Dados' }).getAttribute('aria-selected')).toBe('true');
    const refused = await deskPage.evaluate(async (id) => {
      const input = encodeURIComponent(JSON.stringify({ clientId: id }));
      const response = await fetch(`/trpc/sessions.timeline?input=${input}`);
      return ((await response.json()) as { error?: { data?: { code?: string } } }).error?.data?.code;
    }, clientId);
    expect(refused).toBe('FORBIDDEN');
    await desk.close();
  });
});
