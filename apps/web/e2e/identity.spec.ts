/// <reference types="node" />
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  baseUrl,
  demoPassword,
  enrolMfa,
  launchChromium,
  newPage,
  screenshot,
  shouldSkipE2e,
  signIn,
  submitSignIn,
  totpCode,
  totpStepAt,
  typeCode,
  waitForStepAfter,
} from './browser';

const MANAGER = 'gestor@clinica.example';
const INVITEE = { fullName: 'Camila Prado Rezende', email: 'camila.rezende@clinica.example' };
// Active in the simulated CFM registry (fake-cfm-server.ts DEMO_CFM_DOCTORS) and not used by a seeded user.
const INVITEE_CRM = { number: '9200001', uf: 'RJ' };
const INVITEE_PASSWORD = 'trilha-serena-de-ipe-42';

describe.skipIf(shouldSkipE2e)('identity and access', () => {
  let browser: Browser;
  let password = '';
  let manager: Page;
  let managerMfa: { secret: string; step: number };
  let inviteeMfa: { secret: string; step: number };
  let invitationLink = '';
  const pageErrors: string[] = [];

  beforeAll(async () => {
    password = await demoPassword();
    browser = await launchChromium();
    manager = await newPage(browser);
    manager.on('pageerror', (error) => pageErrors.push(error.message));
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('(a) sends the manager to set up two-step verification, then into the app', async () => {
    await manager.goto(`${baseUrl}/entrar`);
    await manager.getByText('Contas de demonstração').waitFor();
    await screenshot(manager, 'sign-in');
    // A click on a demo account fills the form.
    await manager.getByRole('button', { name: /Marina Costa Ribeiro/ }).click();
    expect(await manager.getByLabel('E-mail').inputValue()).toBe(MANAGER);
    await manager.getByRole('button', { name: 'Entrar', exact: true }).click();

    managerMfa = await enrolMfa(manager, 'manager');
    await manager.waitForURL((url) => url.pathname === '/');
    await manager.getByTestId('user-menu').getByText('Marina Costa Ribeiro').waitFor();
    await manager.getByTestId('user-menu').getByText('Gestor(a)').waitFor();
  });

  it('(b) lets the manager invite a physician and hands over the invitation link', async () => {
    await manager
      .getByRole('navigation', { name: 'Navegação principal' })
      .getByRole('link', { name: 'Configurações' })
      .click();
    await manager.getByTestId('team-table').waitFor();
    await manager.getByTestId('cfm-simulated').waitFor();
    await screenshot(manager, 'settings-team');

    await manager.getByRole('button', { name: 'Convidar profissional' }).click();
    const dialog = manager.getByRole('dialog', { name: 'Convidar profissional' });
    await dialog.getByLabel('Nome completo').fill(INVITEE.fullName);
    await dialog.getByLabel('E-mail').fill(INVITEE.email);
    await dialog.getByRole('combobox', { name: 'Função 1', exact: true }).click();
    await manager.getByRole('option', { name: 'Médico(a)', exact: true }).click();
    // The council follows the role.
    expect(await dialog.getByRole('combobox', { name: 'Conselho' }).inputValue()).toBe('CRM');
    await dialog.getByLabel('Número').fill(INVITEE_CRM.number);
    await dialog.getByRole('combobox', { name: 'UF' }).click();
    await manager.getByRole('option', { name: INVITEE_CRM.uf, exact: true }).click();
    await dialog.getByRole('button', { name: 'Criar convite' }).click();

    const link = manager.getByTestId('invitation-link');
    await link.waitFor();
    invitationLink = (await link.textContent()) ?? '';
    expect(invitationLink).toMatch(new RegExp(`^${baseUrl}/convite/[A-Za-z0-9_-]{20,}$`));
    await manager.getByText(/O link vale até \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}\./).waitFor();
    await screenshot(manager, 'invitation-created', { isDialog: true });
    await manager.getByRole('button', { name: 'Concluir' }).click();

    // The new row, with the licence waiting for verification (the manager checks it with the CFM in (c)).
    const row = manager.getByTestId('team-row').filter({ hasText: INVITEE.email });
    await row.getByText('Convidado').waitFor();
    await row.getByText('Pendente').waitFor();
  });

  it('(b) shows the clinic settings and asks the password again before changing the competence policy', async () => {
    await manager.getByRole('tab', { name: 'Clínica' }).click();
    await manager.getByText('Horário de funcionamento').waitFor();
    await manager.getByText(/^\d{2}\.\d{3}\.\d{3}\/\d{4}-\d{2}$/).waitFor();
    await screenshot(manager, 'settings-clinic');

    await manager.getByRole('tab', { name: 'Política de competências' }).click();
    await manager.getByTestId('policy-matrix').waitFor();
    await manager.getByText('Versão 1', { exact: true }).first().waitFor();
    await screenshot(manager, 'settings-policy');

    await manager.getByRole('button', { name: 'Editar política' }).click();
    await manager.getByRole('button', { name: /^Esteticista · Microagulhamento: / }).click();
    await manager.getByRole('menuitem', { name: 'Requer habilitação' }).click();
    await manager
      .getByLabel('Motivo da alteração')
      .fill('Exigir curso de microagulhamento para esteticistas.');
    await manager.getByRole('button', { name: 'Salvar nova versão' }).click();

    // Sensitive change: the step-up dialog asks for the password and a code, then the save is retried.
    const stepUp = manager.getByRole('dialog', { name: 'Confirme que é você' });
    await stepUp.waitFor();
    await screenshot(manager, 'step-up', { isDialog: true });
    await stepUp.getByLabel('Senha', { exact: true }).fill(password);
    // The enrolment consumed the code of its step; the server accepts the next step's code (±1 step window).
    const stepUpStep = Math.max(totpStepAt(Date.now()), managerMfa.step) + 1;
    await typeCode(stepUp, totpCode(managerMfa.secret, stepUpStep));
    managerMfa = { ...managerMfa, step: stepUpStep };
    await stepUp.getByRole('button', { name: 'Confirmar' }).click();
    await manager.getByText('Versão 2', { exact: true }).first().waitFor();
    await manager.getByText('Exigir curso de microagulhamento para esteticistas.').first().waitFor();
  });

  it('(b) shows the manager’s account page with this session', async () => {
    await manager.getByTestId('user-menu').click();
    await manager.getByRole('menuitem', { name: 'Minha conta' }).click();
    await manager.waitForURL((url) => url.pathname === '/conta');
    await manager.getByTestId('mfa-status').getByText('Ativada').waitFor();
    await manager.getByTestId('sessions-table').getByText('Esta sessão').waitFor();
    await screenshot(manager, 'account');
  });

  it('(c) lets the invitee set a password, enrol, sign out and sign in again with a code', async () => {
    expect(invitationLink, 'the invitation of (b) is needed').not.toBe('');
    const invitee = await newPage(browser);
    invitee.on('pageerror', (error) => pageErrors.push(error.message));
    await invitee.goto(invitationLink);
    await invitee.getByTestId('invitation-name').getByText(INVITEE.fullName).waitFor();
    await invitee.getByText(INVITEE.email).waitFor();
    await invitee.getByText('Mínimo de 12 caracteres').waitFor();
    await invitee.getByLabel('Nova senha', { exact: true }).fill(INVITEE_PASSWORD);
    await invitee.getByLabel('Confirme a nova senha').fill(INVITEE_PASSWORD);
    await screenshot(invitee, 'invitation');
    await invitee.getByRole('button', { name: 'Criar senha e entrar' }).click();

    const { secret, step } = await enrolMfa(invitee);
    inviteeMfa = { secret, step };
    await invitee.waitForURL((url) => url.pathname === '/');
    await invitee.getByTestId('user-menu').getByText(INVITEE.fullName).waitFor();

    await invitee.getByTestId('user-menu').click();
    await invitee.getByRole('menuitem', { name: 'Sair' }).click();
    await invitee.waitForURL((url) => url.pathname === '/entrar');

    // The link works once.
    await invitee.goto(invitationLink);
    await invitee.getByTestId('invitation-error').waitFor();
    expect(await invitee.getByLabel('Nova senha', { exact: true }).count()).toBe(0);

    // A code is accepted once. Wait for the next 30-s step before signing in, so the new session does
    // not sit idle on the code screen past the server's 20-s idle timeout.
    const nextStep = await waitForStepAfter(step);
    await submitSignIn(invitee, INVITEE.email, INVITEE_PASSWORD);
    await invitee.waitForURL((url) => url.pathname === '/entrar/verificacao');
    await invitee.getByText(`Entrando como ${INVITEE.fullName}.`).waitFor();
    await screenshot(invitee, 'mfa-verify');
    const signInStep = Math.max(nextStep, totpStepAt(Date.now()));
    await typeCode(invitee, totpCode(secret, signInStep));
    inviteeMfa = { secret, step: signInStep };
    await invitee.waitForURL((url) => url.pathname === '/');
    await invitee.getByTestId('user-menu').getByText('Médico(a)').waitFor();
    await invitee.close();
  }, 90_000);

  it('(c) keeps client data from the physician until the manager verifies the licence with the CFM', async () => {
    expect(inviteeMfa, 'the enrolment of (c) is needed').toBeDefined();
    // Both sign in afresh in their own browser contexts (earlier sessions may have gone idle), with a TOTP
    // step newer than any code either has used, so neither new session waits past the 20-s idle timeout.
    const newestStep = Math.max(managerMfa.step, inviteeMfa.step);
    const physician = await newPage(browser);
    physician.on('pageerror', (error) => pageErrors.push(error.message));
    const gestor = await newPage(browser);
    gestor.on('pageerror', (error) => pageErrors.push(error.message));
    await signIn(physician, INVITEE.email, INVITEE_PASSWORD, { ...inviteeMfa, step: newestStep });
    await signIn(gestor, MANAGER, password, { ...managerMfa, step: newestStep });

    // The physician's licence is still pending: Clientes explains why instead of listing anyone.
    await physician
      .getByRole('navigation', { name: 'Navegação principal' })
      .getByRole('link', { name: 'Clientes' })
      .click();
    await physician.getByText(/licença profissional ainda não foi verificada/).waitFor();
    expect(await physician.getByTestId('clients-table').count()).toBe(0);
    await screenshot(physician, 'clientes-licence-pending');

    // The manager checks the licence with the (simulated) CFM.
    await gestor.goto(`${baseUrl}/configuracoes`);
    const row = gestor.getByTestId('team-row').filter({ hasText: INVITEE.email });
    await row.getByText('Pendente').waitFor();
    await row.getByRole('button', { name: INVITEE.fullName }).click();
    const drawer = gestor.getByTestId('staff-drawer');
    await drawer.getByRole('button', { name: 'Verificar no CFM' }).click();
    await drawer.getByTestId('cfm-message').getByText('Licença verificada: situação Regular.').waitFor();
    await screenshot(gestor, 'staff-drawer', { isDialog: true });
    await gestor.keyboard.press('Escape');
    await row.getByText('Ativa').waitFor();

    // Now the physician sees the client list, with masked identifiers.
    await physician.reload();
    await physician.getByTestId('clients-table').waitFor();
    const rows = physician.getByTestId('client-row');
    expect(await rows.count()).toBeGreaterThan(0);
    expect(await rows.first().textContent()).toMatch(/\*\*\*\.\d{3}\.\d{3}-\*\*/);
    await physician.getByRole('button', { name: 'Carregar mais' }).waitFor();
    await screenshot(physician, 'clientes');

    // The search narrows the list (debounced).
    const firstName = ((await rows.first().locator('td').first().textContent()) ?? '').split(' ')[0] ?? '';
    await physician.getByPlaceholder('Buscar por nome, CPF ou celular').fill(firstName);
    await physician.waitForResponse((response) => response.url().includes('clients.search'));
    await rows.first().waitFor();
    await physician.getByPlaceholder('Buscar por nome, CPF ou celular').fill('zzzz-ninguém');
    await physician.getByText('Nenhum cliente encontrado.').waitFor();

    await physician.close();
    await gestor.close();
  }, 90_000);

  it('(d) locks an account after five wrong passwords', async () => {
    const page = await newPage(browser);
    await page.goto(`${baseUrl}/entrar`);
    for (let attempt = 1; attempt <= 6; attempt++) {
      const answer = page.waitForResponse((response) => response.url().includes('auth.signIn'));
      await submitSignIn(page, 'juliana.alves@clinica.example', `senha-errada-${attempt}`);
      await answer;
      const alert = page.getByRole('alert');
      if (attempt <= 5) {
        await alert.getByText('E-mail ou senha incorretos.').waitFor();
      } else {
        await alert.getByText(/Muitas tentativas/).waitFor();
      }
    }
    await screenshot(page, 'sign-in-locked');
    await page.close();
  }, 60_000);

  it('(e) ends a session left idle and says why on the sign-in page', async () => {
    const page = await newPage(browser);
    await signIn(page, 'recepcao@clinica.example', password);
    await page.getByText('Estado do sistema').waitFor();

    // The server's idle timeout is 20 s in this run (scripts/e2e.mjs); the app must not keep it alive.
    await page.waitForTimeout(22_000);
    await page
      .getByRole('navigation', { name: 'Navegação principal' })
      .getByRole('link', { name: 'Configurações' })
      .click();
    await page.waitForURL((url) => url.pathname === '/entrar');
    await page
      .getByTestId('sign-in-reason')
      .getByText('Sua sessão expirou por inatividade. Entre novamente.')
      .waitFor();
    await screenshot(page, 'session-expired');

    // Signing in again returns to where the user was going.
    await submitSignIn(page, 'recepcao@clinica.example', password);
    await page.waitForURL((url) => url.pathname === '/configuracoes');
    await page.getByTestId('team-table').waitFor();
    expect(await page.getByRole('tab').allTextContents()).toEqual(['Equipe', 'Clínica', 'Agenda']);
    expect(await page.getByRole('button', { name: 'Convidar profissional' }).count()).toBe(0);
    await page.close();
  }, 60_000);

  it('raised no uncaught errors in the browser', () => {
    expect(pageErrors).toEqual([]);
  });
});
