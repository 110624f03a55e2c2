/// <reference types="node" />
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { baseUrl, newPage, openPage, screenshot, setUpDemo, shouldSkipE2e, signIn } from './browser';

// The front desk's wide monitor, as in agenda.spec.ts.
const DESK = { viewport: { width: 1440, height: 1100 } };
// A second demo manager that only the e2e run seeds (DEMO_E2E_MANAGER, set by scripts/e2e.mjs):
// identity.spec.ts owns gestor@clinica.example's first sign-in and its two-step enrolment.
const E2E_MANAGER = 'gestao.e2e@clinica.example';
// Actions that only record an intent: they do not depend on the client's messaging consent.
const RECORDING_ACTIONS = ['deposit_intent', 'waitlist_suggestion', 'overbooking_suggestion'];

/** The texts of the factors listed inside `scope` (each list item is "↑ text" or "↓ text"). */
async function factorTexts(scope: Locator): Promise<string[]> {
  const items = await scope.locator('li').allTextContents();
  return items.map((text) => text.replace(/^[↑↓]\s*/, '').trim());
}

/**
 * The demo seed scores the open week; should a boot ever leave tomorrow unscored, the server's re-score
 * of the next two days (apps/api/src/boot.ts, about a minute after boot) fills it in. Reload until then.
 */
async function waitForScores(page: Page, badges: Locator): Promise<void> {
  const deadline = Date.now() + 120_000;
  while ((await badges.count()) === 0) {
    if (Date.now() > deadline) {
      throw new Error('tomorrow’s appointments were never scored');
    }
    await page.waitForTimeout(3_000);
    await page.reload();
    await page.getByTestId('agenda-grid').waitFor();
  }
}

/**
 * A fresh demo fits its first model a few seconds after start, in a worker thread, and then re-scores
 * the next two days; until then the agenda shows the fallback (lead-time base rates, often without
 * factors). Waits until tomorrow's listed risks come from a trained model, then reloads.
 */
async function waitForModelScores(page: Page, date: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const ready = await page.evaluate(async (day) => {
      const response = await fetch(
        `/trpc/scheduling.noShowPanel?input=${encodeURIComponent(JSON.stringify({ date: day }))}`,
      );
      const body = (await response.json()) as {
        result?: { data?: { items: { appointment: { risk: { modelVersion: number | null } | null } }[] } };
      };
      const items = body.result?.data?.items ?? [];
      return items.length > 0 && items.every((i) => i.appointment.risk?.modelVersion != null);
    }, date);
    if (ready) break;
    if (Date.now() > deadline)
      throw new Error('tomorrow’s appointments were never scored by a trained model');
    await page.waitForTimeout(2_000);
  }
  await page.reload();
  await page.getByTestId('agenda-grid').waitFor();
}

describe.skipIf(shouldSkipE2e)('no-show risk at the front desk', () => {
  const demo = setUpDemo();
  const pageErrors: string[] = [];
  // Read on the agenda, checked again on the panel.
  const riskyAppointment = { id: '', factor: '' };
  let tomorrow = '';

  it('shows risk badges on tomorrow’s agenda, with the factors on hover and in the drawer', async () => {
    const { context, page } = await openPage(demo.browser, DESK);
    await signIn(page, 'recepcao@clinica.example', demo.password);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${baseUrl}/agenda`);
    await page.getByTestId('agenda-grid').waitFor();
    await page.getByRole('button', { name: 'Próximo dia' }).click();
    await page.waitForURL((url) => url.searchParams.has('data'));
    tomorrow = new URL(page.url()).searchParams.get('data') ?? '';
    // Open tomorrow directly: while the next day loads, the grid may still show today's cards.
    await page.goto(`${baseUrl}/agenda?data=${tomorrow}`);
    await page.getByTestId('agenda-grid').waitFor();

    await waitForModelScores(page, tomorrow);
    const badges = page.getByTestId('agenda-grid').getByTestId('risk-badge');
    await waitForScores(page, badges);
    // Low risk stays off the cards; what is shown is medium or high, with its percentage.
    const bandsOnScreen = () => badges.evaluateAll((els) => els.map((el) => el.getAttribute('data-band')));
    await expect.poll(async () => (await bandsOnScreen()).length, { timeout: 30_000 }).toBeGreaterThan(0);
    const bands = await bandsOnScreen();
    expect(bands.every((band) => band === 'alto' || band === 'medio')).toBe(true);
    for (const text of await badges.allTextContents()) {
      expect(text).toMatch(/^(Risco (alto|médio) )?(<1|>99|\d{1,2})%$/);
    }
    // The toolbar says how many high-risk appointments tomorrow has and leads to the panel.
    const entry = page.getByTestId('agenda-noshow-entry');
    expect(await entry.textContent()).toMatch(/^(\d+ com risco (alto|médio) amanhã|Risco de falta amanhã)$/);
    await screenshot(page, 'noshow-agenda-tomorrow');

    // Hovering a badge lists its factors in pt-BR, and does not open the appointment.
    const card = page
      .getByTestId('agenda-card')
      .filter({ has: page.getByTestId('risk-badge') })
      .first();
    const badge = card.getByTestId('risk-badge');
    riskyAppointment.id = (await card.getAttribute('data-appointment-id')) ?? '';
    await badge.hover();
    const factors = page.getByTestId('risk-factors');
    await factors.waitFor();
    const texts = await factorTexts(factors);
    expect(texts.length).toBeGreaterThan(0);
    expect(texts[0]).toMatch(/[a-zà-ú]{3,}/);
    riskyAppointment.factor = texts[0] ?? '';
    await screenshot(page, 'noshow-agenda-factors');
    expect(await page.getByTestId('appointment-drawer').getByTestId('drawer-client').count()).toBe(0);

    // The drawer repeats the risk with its factors and the suggested actions.
    await page.mouse.move(5, 5);
    await card.click({ position: { x: 8, y: 4 } });
    const drawer = page.getByRole('dialog');
    const drawerRisk = drawer.getByTestId('drawer-risk');
    await drawerRisk.waitFor();
    expect(await factorTexts(drawerRisk.getByTestId('risk-factors'))).toContain(riskyAppointment.factor);
    await drawerRisk.getByRole('link', { name: 'Ver ações no painel de faltas' }).waitFor();
    await screenshot(page, 'noshow-agenda-drawer', { isDialog: true });
    await page.keyboard.press('Escape');

    await entry.click();
    await page.waitForURL((url) => url.pathname === '/faltas');
    await page.getByTestId('noshow-panel').waitFor();
    expect(pageErrors).toEqual([]);
    await context.close();
  }, 200_000);

  it('lists tomorrow’s risky appointments on /faltas and records an action', async () => {
    expect(riskyAppointment.id, 'the agenda test found a risky appointment').not.toBe('');
    const { context, page } = await openPage(demo.browser, DESK);
    await signIn(page, 'recepcao@clinica.example', demo.password);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${baseUrl}/faltas`);
    const panel = page.getByTestId('noshow-panel');
    await panel.getByRole('heading', { name: 'Risco de falta amanhã' }).waitFor();
    const items = panel.getByTestId('noshow-item');
    await items.first().waitFor();

    // Highest risk first, only medium and high.
    const percents = await items.evaluateAll((rows) =>
      rows.map((row) =>
        Number((row.querySelector('[data-testid="risk-badge"]')?.textContent ?? '').replace(/\D/g, '')),
      ),
    );
    expect([...percents].sort((a, b) => b - a)).toEqual(percents);
    const bands = await items.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-band')));
    expect(bands.every((band) => band === 'alto' || band === 'medio')).toBe(true);

    // The appointment read on the agenda is here with the same factor.
    const seen = panel.locator(`[data-testid="noshow-item"][data-appointment-id="${riskyAppointment.id}"]`);
    await seen.waitFor();
    expect(await factorTexts(seen)).toContain(riskyAppointment.factor);
    await screenshot(page, 'noshow-panel');

    // Do one action and see it marked done with its detail. Recording actions (deposit, waitlist,
    // overbooking) never depend on consent; a confirmation request needs the client's consent to
    // messages, so a refusal moves on to the next appointment.
    const planned = panel.locator('[data-testid="noshow-action"][data-status="planned"]');
    const kinds = await planned.evaluateAll((els) => els.map((el) => el.getAttribute('data-action') ?? ''));
    expect(kinds.length, 'tomorrow has planned suggestions').toBeGreaterThan(0);
    const action = kinds.find((kind) => RECORDING_ACTIONS.includes(kind)) ?? 'confirmation_request';
    const rowIds = await items.evaluateAll(
      (rows, kind) =>
        rows
          .filter((row) =>
            row.querySelector(`[data-testid="noshow-action"][data-status="planned"][data-action="${kind}"]`),
          )
          .map((row) => row.getAttribute('data-appointment-id') ?? ''),
      action,
    );
    let doneText = '';
    for (const rowId of rowIds.slice(0, 5)) {
      const row = panel.locator(`[data-testid="noshow-item"][data-appointment-id="${rowId}"]`);
      await row
        .locator(`[data-testid="noshow-action"][data-status="planned"][data-action="${action}"]`)
        .click();
      const done = row.locator(`[data-testid="noshow-action"][data-action="${action}"][data-status="done"]`);
      const refused = page.getByText('Cliente sem consentimento para receber mensagens de confirmação.');
      await done.or(refused).first().waitFor();
      if (await done.isVisible()) {
        doneText = (await done.textContent()) ?? '';
        break;
      }
    }
    expect(doneText).toMatch(/Feita/);
    // The detail says who did it and when.
    expect(doneText).toContain('Carla Mendes Rocha');
    await screenshot(page, 'noshow-panel-done');
    // A control-group appointment (drawn at random by the policy's holdout) says why nothing is done.
    const holdout = panel.getByTestId('noshow-holdout').first();
    if ((await panel.getByTestId('noshow-holdout').count()) > 0) {
      await holdout.hover();
      await page.getByText(/sorteado para o grupo de controle/).waitFor();
      await screenshot(page, 'noshow-panel-holdout');
      await page.mouse.move(5, 5);
    }

    // Another day through the date picker: the title follows, and "Amanhã" brings tomorrow back.
    const picker = panel.getByTestId('noshow-date');
    const tomorrowText = await picker.inputValue();
    await picker.fill('06/01/2020');
    await picker.press('Tab');
    await page.waitForURL((url) => url.searchParams.get('dia') === '2020-01-06');
    await panel.getByRole('heading', { name: /^Risco de falta em / }).waitFor();
    await panel.getByText(/^Nenhum agendamento deste dia com risco alto ou médio\./).waitFor();
    await screenshot(page, 'noshow-panel-empty');
    await panel.getByRole('button', { name: 'Amanhã' }).click();
    await panel.getByRole('heading', { name: 'Risco de falta amanhã' }).waitFor();
    expect(await panel.getByTestId('noshow-date').inputValue()).toBe(tomorrowText);

    // Reception reads the policy but does not change it.
    await page.getByRole('tab', { name: 'Política de ações' }).click();
    const editor = page.getByTestId('policy-editor');
    await editor.waitFor();
    await editor.getByText('Somente a gestão da clínica altera a política.', { exact: false }).waitFor();
    expect(await editor.getByTestId('policy-high').getAttribute('readonly')).not.toBeNull();
    expect(await editor.locator('[data-band="alto"] input[type="checkbox"]').first().isDisabled()).toBe(true);
    expect(await editor.getByTestId('policy-save').count()).toBe(0);
    await screenshot(page, 'noshow-policy-readonly');

    await page.getByRole('tab', { name: 'Modelo' }).click();
    await page.getByText('Histórico de treinamentos').waitFor();
    // The trained version and its run are shown, not an empty state while they load.
    await page.getByRole('heading', { name: /^Versão \d+$/ }).waitFor();
    await page.getByRole('cell', { name: 'Primeira versão promovida' }).first().waitFor();
    // The validation period is named: those appointments were kept out of training.
    await page
      .getByTestId('model-holdout-period')
      .getByText(/^Atendimentos a partir de \d{2}\/\d{2}\/\d{4}: ficaram fora do treino/)
      .waitFor();
    await screenshot(page, 'noshow-model');
    expect(pageErrors).toEqual([]);
    await context.close();
  }, 90_000);

  it('opens the factors with a tap on a tablet, without opening the appointment', async () => {
    expect(tomorrow, 'the agenda test read tomorrow’s date').not.toBe('');
    const { context, page } = await openPage(demo.browser, {
      viewport: { width: 1180, height: 820 },
      hasTouch: true,
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await signIn(page, 'recepcao@clinica.example', demo.password);
    await page.goto(`${baseUrl}/agenda?data=${tomorrow}`);
    const badge = page.getByTestId('agenda-grid').getByTestId('risk-badge').first();
    await badge.waitFor();
    await badge.tap();
    const factors = page.getByTestId('risk-factors');
    await factors.waitFor();
    expect((await factorTexts(factors)).length).toBeGreaterThan(0);
    expect(await page.getByTestId('drawer-client').count()).toBe(0);
    await screenshot(page, 'noshow-agenda-tablet-tap');
    // A second tap closes it again.
    await badge.tap();
    await factors.waitFor({ state: 'hidden' });
    expect(pageErrors).toEqual([]);
    await context.close();
  }, 90_000);

  it('lets a manager change the policy, keeps it after a reload, refuses a bad threshold, and type an absence in pt-BR', async () => {
    const page = await newPage(demo.browser);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await signIn(page, E2E_MANAGER, demo.password, 'enrol');

    await page.goto(`${baseUrl}/faltas`);
    await page.getByRole('tab', { name: 'Política de ações' }).click();
    const editor = page.getByTestId('policy-editor');
    await editor.waitFor();
    const medium = editor.getByTestId('policy-medium');
    const high = editor.getByTestId('policy-high');
    const holdout = editor.getByTestId('policy-holdout');
    const depositOnMedium = editor
      .locator('[data-band="medio"]')
      .getByLabel('Pedido de sinal (intenção registrada)');
    const state = page.getByTestId('policy-state');
    const save = editor.getByTestId('policy-save');
    const original = {
      medium: await medium.inputValue(),
      high: await high.inputValue(),
      holdout: await holdout.inputValue(),
      deposit: await depositOnMedium.isChecked(),
    };
    expect(original.high).toMatch(/^\d{1,2}(,\d)?%$/);
    expect(await high.getAttribute('readonly')).toBeNull();
    expect(await save.isDisabled()).toBe(true);

    // A threshold, an action of the medium band and the control group; saved, they stay after a reload.
    await high.fill('35');
    await depositOnMedium.setChecked(!original.deposit);
    await holdout.fill('15');
    await holdout.blur();
    expect(await state.getAttribute('data-dirty')).toBe('true');
    await editor.locator('[data-band="alto"]').getByText('Risco alto (35% ou mais)').waitFor();
    await editor
      .getByText('Em 15% dos agendamentos de risco, sorteados ao acaso, nenhuma ação é feita.', {
        exact: false,
      })
      .waitFor();
    await screenshot(page, 'noshow-policy-edited');
    await save.click();
    await page.getByText('Política salva. Vale para os próximos cálculos de risco.').waitFor();
    await expect.poll(() => state.getAttribute('data-dirty')).toBe('false');

    await page.reload();
    await editor.waitFor();
    expect(await high.inputValue()).toBe('35%');
    expect(await holdout.inputValue()).toBe('15%');
    expect(await depositOnMedium.isChecked()).toBe(!original.deposit);
    expect(await medium.inputValue()).toBe(original.medium);

    // High at or below medium: refused on the field, in pt-BR, and nothing is saved.
    await high.fill('10');
    await high.blur();
    await save.click();
    const message = editor.getByText('Limite da faixa alta: deve ser maior que o da faixa média.');
    await message.waitFor();
    expect(await high.getAttribute('aria-invalid')).toBe('true');
    // The band titles do not describe the impossible band meanwhile.
    await editor.locator('[data-band="medio"]').getByText(`Risco médio (${original.medium} a …)`).waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'noshow-policy-refused');
    // A medium threshold left empty is refused too, by name.
    await high.fill('35');
    await medium.fill('');
    await medium.blur();
    await save.click();
    await editor.getByText('Limite da faixa média: informe um número.').waitFor();
    expect(await medium.getAttribute('aria-invalid')).toBe('true');
    await page.reload();
    await editor.waitFor();
    expect(await high.inputValue()).toBe('35%');
    expect(await medium.inputValue()).toBe(original.medium);

    // Back to the policy the other specs found (one server for every spec).
    await high.fill(original.high.replace('%', ''));
    await holdout.fill(original.holdout.replace('%', ''));
    await depositOnMedium.setChecked(original.deposit);
    await save.click();
    await page.getByText('Política salva. Vale para os próximos cálculos de risco.').first().waitFor();
    await page.reload();
    await editor.waitFor();
    expect(await high.inputValue()).toBe(original.high);
    expect(await holdout.inputValue()).toBe(original.holdout);

    // The manager's absence form: start and end are typed as dd/mm/aaaa and 24 h, and the button waits
    // for both complete (nothing is saved here: the other specs book on this server).
    await page.goto(`${baseUrl}/configuracoes?aba=agenda`);
    const absences = page
      .locator('.mantine-Card-root')
      .filter({ has: page.getByRole('heading', { name: 'Férias e ausências' }) });
    const mark = absences.getByRole('button', { name: 'Marcar ausência' });
    await mark.waitFor();
    await absences.getByLabel('Profissional').first().click();
    await page.getByRole('option').first().click();
    const typeInstant = async (field: 'Início' | 'Fim', day: string, hours: string, minutes: string) => {
      const date = absences.getByLabel(`${field}: dia`);
      await date.fill(day);
      await date.press('Tab');
      expect(await date.inputValue()).toBe(day);
      const index = field === 'Início' ? 0 : 1;
      await absences.getByLabel('Horas').nth(index).pressSequentially(hours);
      await absences.getByLabel('Minutos').nth(index).pressSequentially(minutes);
    };
    await typeInstant('Início', '21/12/2026', '08', '00');
    expect(await mark.isDisabled()).toBe(true);
    await typeInstant('Fim', '23/12/2026', '18', '30');
    await expect.poll(() => mark.isDisabled()).toBe(false);
    await absences.scrollIntoViewIfNeeded();
    await screenshot(page, 'agenda-settings-absence-form');
    expect(pageErrors).toEqual([]);
    await page.context().close();
  }, 120_000);
});
