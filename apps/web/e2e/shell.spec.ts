/// <reference types="node" />
import type { TSystemInfo } from '@clinia/contracts';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchSystemInfo, launchChromium, newPage, screenshot, shouldSkipE2e, signIn } from './browser';

function todayIn(timeZone: string): string {
  return new Intl.DateTimeFormat('pt-BR', {
    timeZone,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(new Date());
}

describe.skipIf(shouldSkipE2e)('app shell', () => {
  let browser: Browser;
  let page: Page;
  let info: TSystemInfo;
  let dateBeforeLoad = '';
  const pageErrors: string[] = [];

  beforeAll(async () => {
    info = await fetchSystemInfo();
    dateBeforeLoad = info.clinic ? todayIn(info.clinic.timeZone) : '';
    browser = await launchChromium();
    page = await newPage(browser);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') {
        pageErrors.push(message.text());
      }
    });
    // The shell needs a session: the receptionist signs in (no second factor for that role).
    await signIn(page, 'recepcao@clinica.example', info.demo?.password ?? '');
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('speaks Portuguese and lists the areas in the navigation', async () => {
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('pt-BR');
    expect(await page.title()).toBe('Clinia');

    const navigation = page.getByRole('navigation', { name: 'Navegação principal' });
    for (const area of ['Início', 'Agenda', 'Clientes', 'Configurações']) {
      await navigation.getByRole('link', { name: area, exact: true }).waitFor();
    }
    // The audit trail is the manager's and the DPO's: the front desk is not offered it.
    expect(await navigation.getByRole('link', { name: 'Conformidade', exact: true }).count()).toBe(0);
  });

  it('shows the clinic and today in the clinic time zone', async () => {
    const clinic = info.clinic;
    expect(clinic, 'system.info should report a clinic').not.toBeNull();
    if (!clinic) {
      return;
    }

    await page.getByText(clinic.name, { exact: true }).first().waitFor();
    expect(await page.getByTestId('header-clinic-name').textContent()).toBe(clinic.name);
    await page.getByText('Estado do sistema').waitFor();
    await page.getByText(`${clinic.city}/${clinic.uf}`).waitFor();

    const clock = page.getByTestId('clinic-clock');
    const shownDate = clock.getByText(/^\d{2}\/\d{2}\/\d{4}$/);
    await shownDate.waitFor();
    await clock.getByText(/^\d{2}:\d{2}$/).waitFor();
    // The date may turn over while the test runs; accept either side of midnight.
    expect([dateBeforeLoad, todayIn(clinic.timeZone)]).toContain(await shownDate.textContent());

    await screenshot(page, 'shell');
  });

  it('shows today at a glance on the home page, and opens the agenda from it', async () => {
    const card = page.getByTestId('home-today');
    const total = card.getByTestId('home-today-total');
    // A day without bookings (the demo's clinic closes on Sundays) says so instead of counting.
    await card
      .getByText(/atendimentos? hoje$|^Nenhum atendimento marcado para hoje/)
      .first()
      .waitFor();
    if (await total.isVisible()) {
      const count = Number(((await total.textContent()) ?? '').match(/^(\d+) atendimentos? hoje$/)?.[1]);
      expect(count).toBeGreaterThan(0);
      let sum = 0;
      for (const group of ['toConfirm', 'confirmed', 'overdue', 'inClinic', 'done', 'noShow']) {
        sum += Number(await card.getByTestId(`home-today-${group}`).locator('p').last().textContent());
      }
      expect(sum).toBe(count);
    }
    await screenshot(page, 'home-today');
    await card.getByRole('link', { name: 'Abrir a agenda' }).click();
    await page.waitForURL((url) => url.pathname === '/agenda');
    await page.getByTestId('agenda-column').first().waitFor();
    await page.goBack();
    await card.waitFor();
  });

  it('opens Financeiro from the navigation and explains it is not available yet', async () => {
    const navigation = page.getByRole('navigation', { name: 'Navegação principal' });
    await navigation.getByRole('link', { name: 'Financeiro', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/financeiro');

    await page.getByRole('heading', { level: 1, name: 'Financeiro' }).waitFor();
    await page.getByText('Este módulo ainda não está disponível nesta versão do Clinia.').waitFor();
    expect(
      await navigation.getByRole('link', { name: 'Financeiro', exact: true }).getAttribute('aria-current'),
    ).toBe('page');
  });

  it('raised no errors in the browser', () => {
    expect(pageErrors).toEqual([]);
  });
});
