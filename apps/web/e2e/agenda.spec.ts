/// <reference types="node" />
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { baseUrl, openPage, screenshot, setUpDemo, shouldSkipE2e, signIn } from './browser';

// A front-desk monitor: the agenda is used all day on a wide screen.
// Tall enough that a whole day (08:00–20:00) fits without scrolling the grid while dragging.
// Its browser runs in another time zone than the clinic's: the agenda shows the clinic's time anyway.
const DESK = { viewport: { width: 1440, height: 1300 }, timezoneId: 'Asia/Tokyo' };
const TREATMENT = 'Limpeza de pele profunda';

/** Picks the nth option of a Mantine Select (opened by clicking its input). */
async function pickOption(
  page: Page,
  select: Locator,
  option: { index?: number; name?: string; type?: boolean },
) {
  await select.click();
  const options = page.getByRole('option');
  if (option.name) {
    if (option.type) {
      await select.fill(option.name);
    }
    await page.getByRole('option', { name: option.name }).first().click();
  } else {
    await options.nth(option.index ?? 0).waitFor();
    await options.nth(option.index ?? 0).click();
  }
  // The list closes with a transition; a click aimed at the dialog's buttons while it is still on
  // screen can land on one of its options instead.
  await page.getByRole('listbox').first().waitFor({ state: 'hidden' });
}

type TBooked = { date: string; professional: string; client: string; label: string };

/**
 * Books from the availability chips: client (nth of the list), the treatment, an optional professional,
 * then the first suggestion. `beforeSubmit` runs once the chip is chosen (the other screen gets ready).
 */
async function bookFromSuggestions(
  page: Page,
  clientIndex: number,
  professional: string | null,
  fromDate: string | null,
  beforeSubmit?: (slot: { date: string; professional: string }) => Promise<void>,
): Promise<TBooked> {
  await page.getByTestId('agenda-new-booking').click();
  const modal = page.getByRole('dialog', { name: 'Novo agendamento' });
  await modal.waitFor();
  await pickOption(page, modal.getByLabel('Cliente'), { index: clientIndex });
  const client = await modal.getByLabel('Cliente').inputValue();
  await pickOption(page, modal.getByLabel('Tratamento'), { name: TREATMENT, type: true });
  if (professional) {
    await pickOption(page, modal.getByLabel('Profissional', { exact: true }), { name: professional });
  }
  if (fromDate) {
    const [year, month, day] = fromDate.split('-');
    const from = modal.getByTestId('booking-from');
    await from.fill(`${day}/${month}/${year}`);
    await from.press('Tab');
  }
  const chip = modal.getByTestId('booking-slot').first();
  await chip.waitFor();
  await chip.click();
  const date = (await chip.getAttribute('data-date')) ?? '';
  const chosen = (await chip.getAttribute('data-professional')) ?? '';
  await beforeSubmit?.({ date, professional: chosen });
  const submit = modal.getByTestId('booking-submit');
  const label = (await submit.textContent()) ?? '';
  await submit.click();
  // The demo's history moves with the date: some days the client already has this treatment a few days
  // away, and the server asks to acknowledge the minimum-interval warning, as a receptionist would.
  const acknowledge = modal.getByRole('checkbox', { name: /Estou ciente/ });
  await Promise.race([modal.waitFor({ state: 'detached' }), acknowledge.waitFor({ timeout: 15_000 })]).catch(
    () => undefined,
  );
  if (await acknowledge.isVisible()) {
    await acknowledge.check();
    await submit.click();
  }
  await waitForDialogClosed(modal);
  return { date, professional: chosen, client, label };
}

/** Waits for the booking dialog to close, or says why it stayed open (a refusal shown in it). */
async function waitForDialogClosed(modal: Locator): Promise<void> {
  try {
    await modal.waitFor({ state: 'detached' });
  } catch (error) {
    const alerts = await modal.getByRole('alert').allTextContents();
    throw new Error(`booking dialog still open; alerts: ${JSON.stringify(alerts)}`, { cause: error });
  }
}

function cardOf(page: Page, client: string): Locator {
  return page.locator(`[data-testid="agenda-card"][aria-label*="${client}"]`).first();
}

async function dragOnto(page: Page, card: Locator, target: Locator): Promise<void> {
  const from = await card.boundingBox();
  const to = await target.boundingBox();
  if (!from || !to) throw new Error('cards not visible');
  await page.mouse.move(from.x + from.width / 2, from.y + 6);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2, from.y + 20, { steps: 3 });
  await page.mouse.move(to.x + to.width / 2, to.y + 6, { steps: 12 });
  await page.mouse.up();
}

describe.skipIf(shouldSkipE2e)('agenda at the front desk', () => {
  const demo = setUpDemo();
  const pageErrors: string[] = [];

  it('books from suggestions, shows it live elsewhere, refuses a conflicting drag, offers the freed slot', async () => {
    const desk = await openPage(demo.browser, DESK);
    const other = await openPage(demo.browser, DESK);
    for (const page of [desk.page, other.page]) {
      page.on('pageerror', (error) => pageErrors.push(error.message));
      await signIn(page, 'recepcao@clinica.example', demo.password);
    }
    await desk.page.goto(`${baseUrl}/agenda`);
    await desk.page.getByTestId('agenda-grid').waitFor();
    await screenshot(desk.page, 'agenda-day');

    // 1. Book from the suggestions; the second screen opens that day before the booking is saved.
    let before = 0;
    const first = await bookFromSuggestions(desk.page, 0, null, null, async (slot) => {
      await screenshot(desk.page, 'agenda-booking-dialog', { isDialog: true });
      await other.page.goto(`${baseUrl}/agenda?data=${slot.date}`);
      await other.page.getByTestId('agenda-grid').waitFor();
      before = await other.page.getByTestId('agenda-card').count();
    });
    expect(first.label).toMatch(/^Agendar .+ às \d\d:\d\d$/);
    await desk.page.waitForURL((url) => url.searchParams.get('data') === first.date);
    await cardOf(desk.page, first.client).waitFor();

    // 2. Live: the other screen gets it without reloading.
    // (The client may already have another visit that day, so her name alone does not prove it arrived.)
    await cardOf(other.page, first.client).waitFor({ timeout: 5_000 });
    await expect
      .poll(() => other.page.getByTestId('agenda-card').count(), { timeout: 5_000 })
      .toBe(before + 1);
    await screenshot(other.page, 'agenda-live-second-screen');
    await other.page.getByText('Salas', { exact: true }).click();
    await other.page.locator('[data-testid="agenda-column"][data-column-title="Cabine Estética"]').waitFor();
    await screenshot(other.page, 'agenda-rooms');

    // 3. A second booking with the same professional, then dragged onto the first: refused, snaps back.
    const second = await bookFromSuggestions(desk.page, 1, first.professional, first.date);
    expect(second.professional).toBe(first.professional);
    // The week of one professional shows both (the second may fall on a later day).
    await desk.page.goto(`${baseUrl}/agenda?data=${first.date}&modo=semana`);
    await pickOption(desk.page, desk.page.getByRole('combobox', { name: 'Filtrar por profissional' }), {
      name: first.professional,
    });
    await desk.page.getByTestId('agenda-card').first().waitFor();
    await screenshot(desk.page, 'agenda-week-professional');
    const secondCard = cardOf(desk.page, second.client);
    await secondCard.waitFor();
    await cardOf(desk.page, first.client).waitFor();
    const secondLabelBefore = await secondCard.getAttribute('aria-label');
    await dragOnto(desk.page, secondCard, cardOf(desk.page, first.client));
    const refusal = desk.page.getByTestId('agenda-move-refused');
    await refusal.waitFor();
    // Some days the client also has this treatment within the minimum interval: the move first asks to
    // acknowledge that warning; acknowledged, it meets the conflict.
    const anyway = refusal.getByRole('button', { name: 'Estou ciente, mover mesmo assim' });
    if (await anyway.isVisible()) {
      await anyway.click();
    }
    await expect
      .poll(() => refusal.textContent(), { timeout: 10_000 })
      .toMatch(/já (tem|está)|ocupad|nesse horário/);
    await screenshot(desk.page, 'agenda-drag-refused');
    // The card is back where it was.
    await expect
      .poll(() => cardOf(desk.page, second.client).getAttribute('aria-label'))
      .toBe(secondLabelBefore);

    // 4. Someone waits for this treatment with this professional; cancelling the first frees its slot.
    await desk.page.getByTestId('agenda-new-booking').click();
    const modal = desk.page.getByRole('dialog', { name: 'Novo agendamento' });
    await pickOption(desk.page, modal.getByLabel('Cliente'), { index: 2 });
    const waiting = await modal.getByLabel('Cliente').inputValue();
    await pickOption(desk.page, modal.getByLabel('Tratamento'), { name: TREATMENT, type: true });
    await pickOption(desk.page, modal.getByLabel('Profissional', { exact: true }), {
      name: first.professional,
    });
    await modal.getByTestId('booking-waitlist').click();
    await waitForDialogClosed(modal);
    await desk.page.getByTestId('waitlist-entry').filter({ hasText: waiting }).waitFor();

    await cardOf(desk.page, first.client).click({ position: { x: 10, y: 8 } }); // the name, not the risk badge
    const drawer = desk.page.getByTestId('appointment-drawer');
    await drawer.getByTestId('drawer-client').filter({ hasText: first.client }).waitFor();
    await screenshot(desk.page, 'agenda-drawer', { isDialog: true });
    await drawer.getByTestId('drawer-cancel').click();
    await drawer.getByLabel('Motivo do cancelamento').fill('Cliente pediu para desmarcar por telefone.');
    await drawer.getByTestId('drawer-confirm-cancel').click();
    await drawer.getByTestId('drawer-status').filter({ hasText: 'Cancelado' }).waitFor();
    // Closed with its button, not Escape: Escape reaches the drawer only while focus is inside it.
    await desk.page.getByTestId('drawer-close').click();
    await drawer.waitFor({ state: 'hidden' });

    const offer = desk.page
      .getByTestId('waitlist-entry')
      .filter({ hasText: waiting })
      .getByTestId('waitlist-offer');
    await offer.waitFor({ timeout: 10_000 });
    expect(await offer.textContent()).toMatch(/Reserva expira em \d+:\d\d/);
    // The other screen sees the offer too (the hold is an appointment of its own).
    await other.page.getByTestId('waitlist-offer').first().waitFor({ timeout: 5_000 });
    await screenshot(desk.page, 'agenda-waitlist-offer');

    await desk.page
      .getByTestId('waitlist-entry')
      .filter({ hasText: waiting })
      .getByTestId('waitlist-accept')
      .click();
    await cardOf(desk.page, waiting).waitFor();
    // Reception reads the agenda's resources and its ICS links (read-only).
    await other.page.goto(`${baseUrl}/configuracoes?aba=agenda`);
    await other.page.getByTestId('working-hours-grid').waitFor();
    await other.page.getByTestId('ics-link').waitFor();
    await screenshot(other.page, 'agenda-settings');
    // The current-time line, on a screen whose clock reads 14:30 at the clinic (Brasília time).
    const afternoon = await openPage(demo.browser, DESK);
    await afternoon.context.clock.install({ time: new Date(`${first.date}T14:30:00-03:00`) });
    await signIn(afternoon.page, 'recepcao@clinica.example', demo.password);
    await afternoon.page.goto(`${baseUrl}/agenda`);
    const nowLine = afternoon.page.getByTestId('agenda-now-line');
    await nowLine.waitFor();
    expect(await nowLine.getAttribute('aria-label')).toBe('Agora: 14:30');
    await screenshot(afternoon.page, 'agenda-now-line');
    await afternoon.context.close();
    expect(pageErrors).toEqual([]);
    await desk.context.close();
    await other.context.close();
  }, 120_000);
});
