/// <reference types="node" />
import { cpfCheckDigits, formatCpf } from '@clinia/contracts';
import { describe, expect, it } from 'vitest';
import { baseUrl, drawSignature, openPage, screenshot, setUpDemo, shouldSkipE2e, signIn } from './browser';

// A tablet in landscape (iPad Air class): where the front desk registers clients and collects signatures.
const TABLET = { viewport: { width: 1180, height: 820 }, hasTouch: true };
const BASE9 = '390533447';
const VALID_CPF = formatCpf(`${BASE9}${cpfCheckDigits(BASE9)}`);
const WRONG_CPF = `${VALID_CPF.slice(0, -1)}${(Number(VALID_CPF.slice(-1)) + 1) % 10}`;
const MINOR_BASE9 = '390533448';
const MINOR_CPF = formatCpf(`${MINOR_BASE9}${cpfCheckDigits(MINOR_BASE9)}`);
const CLIENT = { fullName: 'Luíza Fernandes Tavares', typed: 'Luíza Fernandes Tavares' };

describe.skipIf(shouldSkipE2e)('clients, consent and LGPD rights', () => {
  const demo = setUpDemo();
  let clientPath = '';
  const pageErrors: string[] = [];

  it('registers a client at the front desk: an invalid CPF is refused, the privacy notice is signed', async () => {
    const { context, page } = await openPage(demo.browser, TABLET);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await signIn(page, 'recepcao@clinica.example', demo.password);
    await page.goto(`${baseUrl}/clientes`);
    await page.getByTestId('client-row').first().waitFor();
    await page.getByRole('link', { name: 'Novo cliente' }).first().click();
    await page.waitForURL((url) => url.pathname === '/clientes/novo');

    await page.getByLabel('Nome completo (civil)').fill(CLIENT.fullName);
    await page.getByLabel('CPF').fill(WRONG_CPF);
    await page.getByLabel('Data de nascimento').fill('15031991');
    await page.getByText('Feminino', { exact: true }).click();
    await page.getByLabel('Celular').fill('(11) 98123-4567');
    await page.getByRole('textbox', { name: 'E-mail' }).fill('luiza.tavares@exemplo.com.br');
    await page.getByRole('button', { name: 'Concluir cadastro' }).click();
    await page.getByText('CPF inválido: confira os dígitos.').waitFor();
    await page
      .getByText('Aviso de privacidade: o cadastro só pode ser concluído com a ciência do aviso.')
      .waitFor();
    expect(new URL(page.url()).pathname).toBe('/clientes/novo');
    await screenshot(page, 'clients-register-invalid');

    await page.getByLabel('CPF').fill(VALID_CPF);
    await page.getByLabel('Nome completo de quem assina').fill(CLIENT.typed);
    await drawSignature(page.getByTestId('signature-pad'));
    await page
      .getByLabel('O cliente (ou responsável) recebeu o aviso de privacidade e declarou ciência.')
      .check();
    await screenshot(page, 'clients-register-filled');
    await page.getByRole('button', { name: 'Concluir cadastro' }).click();
    await page.waitForURL((url) => /^\/clientes\/[0-9a-f-]{36}$/.test(url.pathname));
    clientPath = new URL(page.url()).pathname;
    await page.getByTestId('registered-notice').waitFor();
    await page.getByRole('heading', { name: CLIENT.fullName }).waitFor();
    // The front desk sees the CPF masked until it asks, and the reveal is audited.
    await page
      .getByText(/\*\*\*\.\d{3}\.\d{3}-\*\*/)
      .first()
      .waitFor();
    await page.getByRole('button', { name: 'Mostrar CPF completo' }).click();
    expect(await page.getByTestId('revealed-cpf').textContent()).toBe(VALID_CPF);
    await screenshot(page, 'clients-profile-data');

    // Image use in the clinical record: signed on the tablet.
    await page.getByRole('tab', { name: 'Consentimentos' }).click();
    const imageRow = page.getByTestId('consent-imagem_prontuario');
    await imageRow.getByRole('button', { name: 'Coletar assinatura' }).click();
    const dialog = page.getByRole('dialog');
    await dialog
      .getByTestId('document-version')
      .getByText(/Documento versão 1/)
      .waitFor();
    await dialog.getByLabel('Nome completo de quem assina').fill(CLIENT.typed);
    await dialog.getByRole('button', { name: 'Registrar assinatura' }).click();
    await dialog.getByText('Assinatura: peça para a pessoa assinar no quadro acima.').waitFor();
    await drawSignature(dialog.getByTestId('signature-pad'));
    await screenshot(page, 'clients-consent-signing', { isDialog: true });
    await dialog.getByRole('button', { name: 'Registrar assinatura' }).click();
    await dialog.waitFor({ state: 'detached' });
    await imageRow.getByTestId('consent-status').getByText('Concedido').waitFor();

    // Marketing by WhatsApp: granted, then withdrawn at the client's request.
    const whatsappRow = page.getByTestId('consent-marketing_whatsapp');
    await whatsappRow.getByRole('button', { name: 'Coletar assinatura' }).click();
    await dialog.getByLabel('Nome completo de quem assina').fill(CLIENT.typed);
    await drawSignature(dialog.getByTestId('signature-pad'));
    await dialog.getByRole('button', { name: 'Registrar assinatura' }).click();
    await dialog.waitFor({ state: 'detached' });
    await whatsappRow.getByTestId('consent-status').getByText('Concedido').waitFor();
    await whatsappRow.getByRole('button', { name: 'Revogar' }).click();
    await dialog.getByText(/A revogação vale a partir de agora/).waitFor();
    await dialog.getByText('Papel assinado e arquivado').click();
    await dialog.getByLabel('Nome completo de quem assina').fill(CLIENT.typed);
    await dialog.getByRole('button', { name: 'Registrar revogação' }).click();
    await dialog.waitFor({ state: 'detached' });
    await whatsappRow.getByTestId('consent-status').getByText('Revogado').waitFor();
    await page
      .getByTestId('consent-aviso_privacidade')
      .getByTestId('consent-status')
      .getByText('Concedido')
      .waitFor();
    await screenshot(page, 'clients-consents');

    // A minor: the guardian must be an adult client, who signs the notice for her.
    await page.goto(`${baseUrl}/clientes/novo`);
    await page.getByLabel('Nome completo (civil)').fill('Alice Fernandes Tavares');
    await page.getByLabel('CPF').fill(MINOR_CPF);
    await page.getByLabel('Data de nascimento').fill('10052012');
    await page.getByText('Feminino', { exact: true }).click();
    await page.getByLabel('Celular').fill('(11) 98123-4568');
    await page.getByRole('button', { name: 'Concluir cadastro' }).click();
    await page
      .getByText('Responsável legal: clientes menores de 18 anos precisam de um responsável cadastrado.')
      .waitFor();
    const guardian = page.getByPlaceholder('Digite o nome ou o CPF do responsável');
    await guardian.fill('Luíza Fern');
    await page.getByRole('option', { name: /Luíza Fernandes Tavares/ }).click();
    await page
      .locator('.mantine-SegmentedControl-root')
      .getByText('Responsável legal', { exact: true })
      .click();
    await page.getByLabel('Nome completo de quem assina').fill(CLIENT.typed);
    await drawSignature(page.getByTestId('signature-pad'));
    await page
      .getByLabel('O cliente (ou responsável) recebeu o aviso de privacidade e declarou ciência.')
      .check();
    await page.getByRole('button', { name: 'Concluir cadastro' }).click();
    await page.waitForURL(
      (url) => /^\/clientes\/[0-9a-f-]{36}$/.test(url.pathname) && url.pathname !== clientPath,
    );
    await page.getByText('Menor de idade').waitFor();
    await page.getByRole('link', { name: CLIENT.fullName }).waitFor();
    await page.goto(`${baseUrl}${clientPath}`);

    await page.getByRole('tab', { name: 'Histórico' }).click();
    const history = page.getByTestId('history-table');
    await history.getByText('Revogado').waitFor();
    expect(
      await history.getByText('assinatura desenhada guardada', { exact: false }).count(),
    ).toBeGreaterThanOrEqual(3);
    await context.close();
  }, 120_000);

  it('records the health intake as a new version, with isotretinoin called out', async () => {
    const { context, page } = await openPage(demo.browser, TABLET);
    // The esthetician fills the intake (no second factor for that role).
    await signIn(page, 'renata.souza@clinica.example', demo.password);
    await page.goto(`${baseUrl}${clientPath}?aba=anamnese`);
    await page.getByText('Primeira anamnese').waitFor();
    const conditions = page.getByRole('combobox', { name: 'Condições de saúde' });
    await conditions.fill('Hipotireoidismo');
    await conditions.press('Enter');
    const allergies = page.getByRole('combobox', { name: 'Alergias' });
    await allergies.fill('Dipirona');
    await allergies.press('Enter');
    await page.getByRole('button', { name: 'Adicionar medicamento' }).click();
    await page.getByLabel('Medicamento', { exact: true }).fill('Roacutan 20 mg');
    await page.getByLabel('Tipo', { exact: true }).first().click();
    await page.getByRole('option', { name: 'Isotretinoína' }).click();
    await page.getByLabel('Desde').fill('2026-09-01');
    await page.getByText('Tendência a queloide').click();
    await page.getByRole('button', { name: 'Salvar anamnese' }).click();
    await page.getByText('Fototipo de Fitzpatrick: escolha de I a VI.').waitFor();
    await page.getByTestId('intake-fitzpatrick').getByText('III', { exact: true }).click();
    await page.getByLabel('Objetivos estéticos').fill('Tratar manchas de acne no rosto.');
    await page.getByRole('button', { name: 'Salvar anamnese' }).click();
    await page.getByTestId('intake-history').getByText('Versão 1').waitFor();
    const alerts = page.getByTestId('intake-alerts');
    await alerts.getByText('Isotretinoína: Roacutan 20 mg').waitFor();
    await alerts.getByText('Tendência a queloide').waitFor();
    await alerts.getByText('Alergia: Dipirona').waitFor();

    // A second save keeps the first as history.
    await page.getByLabel('Objetivos estéticos').fill('Tratar manchas de acne e melhorar a textura.');
    await page.getByRole('button', { name: 'Salvar nova versão' }).click();
    await page.getByTestId('intake-history').getByText('Versão 2').waitFor();
    await page.getByTestId('intake-history').getByText('Versão 1').click();
    await page.getByText('Versão 1 (somente leitura)').waitFor();
    await page.getByText('Tratar manchas de acne no rosto.').waitFor();
    await screenshot(page, 'clients-intake');
    await context.close();
  }, 90_000);

  it('opens a deletion request, which the DPO answers with the retention rule, and shows who accessed', async () => {
    const desk = await openPage(demo.browser, TABLET);
    await signIn(desk.page, 'recepcao@clinica.example', demo.password);
    await desk.page.goto(`${baseUrl}${clientPath}`);
    await desk.page.getByTestId('open-request').click();
    const dialog = desk.page.getByRole('dialog');
    await dialog.getByLabel('Verificação de identidade').fill('RG conferido no balcão, com foto.');
    await dialog.getByRole('button', { name: 'Registrar solicitação' }).click();
    await dialog.getByText('Tipo de solicitação: escolha o que foi pedido.').waitFor();
    await dialog.getByTestId('request-kind').click();
    await desk.page.getByRole('option', { name: 'Eliminação dos dados' }).click();
    await dialog.getByRole('button', { name: 'Registrar solicitação' }).click();
    await dialog.getByTestId('request-created').waitFor();
    await desk.context.close();

    // The DPO's first sign-in enrols the second factor, then opens the queue.
    const dpo = await openPage(demo.browser, TABLET);
    const page = dpo.page;
    await signIn(page, 'dpo@clinica.example', demo.password, 'enrol');

    await page.goto(`${baseUrl}/clientes/solicitacoes`);
    const row = page.getByTestId('request-row').filter({ hasText: CLIENT.fullName });
    await row.getByText('Eliminação dos dados').waitFor();
    await row.getByText('faltam 15 dias').waitFor();
    await screenshot(page, 'clients-requests-queue');
    await row.getByRole('button', { name: 'Responder' }).click();
    const drawer = page.getByRole('dialog');
    await drawer.getByText(/guardado por 20 anos/).waitFor();
    await drawer.getByRole('button', { name: 'Responder e concluir' }).click();
    const answer = drawer.getByTestId('request-answer');
    await answer.getByText(/deve ser guardado por 20 anos/).waitFor();
    expect(await drawer.getByTestId('request-legal-basis').textContent()).toContain('Lei 13.787/2018');
    await screenshot(page, 'clients-request-answer', { isDialog: true });
    await page.keyboard.press('Escape');

    // The access report lists who read the record, and what.
    await page.goto(`${baseUrl}${clientPath}?aba=acessos`);
    const report = page.getByTestId('access-table');
    await report.waitFor();
    const rows = report.getByTestId('access-row');
    await rows
      .filter({ hasText: 'Carla Mendes Rocha' })
      .filter({ hasText: 'Abriu o cadastro' })
      .first()
      .waitFor();
    await rows
      .filter({ hasText: 'Carla Mendes Rocha' })
      .filter({ hasText: 'Viu dado completo' })
      .getByText('CPF')
      .waitFor();
    await rows
      .filter({ hasText: 'Renata Souza Martins' })
      .filter({ hasText: 'Leu a anamnese' })
      .first()
      .waitFor();
    await rows
      .filter({ hasText: 'Fernando Azevedo Lins' })
      .filter({ hasText: 'Respondeu solicitação LGPD' })
      .waitFor();
    await screenshot(page, 'clients-access-report');

    // Conformidade: the same events in the organisation's trail, by area, and the chain checks out.
    await page
      .getByRole('navigation', { name: 'Navegação principal' })
      .getByRole('link', { name: 'Conformidade', exact: true })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Conformidade' }).waitFor();
    await page.getByTestId('pending-privacy-count').waitFor();
    await page.getByTestId('pending-licences-count').waitFor();
    const trail = page.getByTestId('trail-table');
    await trail.waitFor();
    await page.getByTestId('trail-area').click();
    await page.getByRole('option', { name: 'LGPD: solicitações e incidentes' }).click();
    const lgpd = trail.getByTestId('trail-row');
    // The list keeps the previous rows until the filtered page arrives: wait for only LGPD actions.
    await expect
      .poll(() => lgpd.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action') ?? '')), {
        timeout: 10_000,
      })
      .toSatisfy(
        (actions: string[]) =>
          actions.length > 0 && actions.every((a) => a.startsWith('privacy.') || a.startsWith('incident.')),
      );
    await lgpd
      .filter({ hasText: 'Fernando Azevedo Lins' })
      .filter({ hasText: 'Respondeu solicitação LGPD' })
      .first()
      .waitFor();
    await lgpd
      .filter({ hasText: 'Carla Mendes Rocha' })
      .filter({ hasText: 'Registrou solicitação LGPD' })
      .waitFor();
    await page.getByTestId('integrity-run').click();
    await page
      .getByTestId('integrity-result')
      .getByText(/^Trilha íntegra: \d+ eventos conferidos/)
      .waitFor();
    await screenshot(page, 'compliance-page');

    // A security incident: refused while incomplete, then registered with its ANPD deadline,
    // communicated and closed; the account is read back from the sealed record.
    await page.getByTestId('incident-new').click();
    const incidentForm = page.getByTestId('incident-form');
    await incidentForm.getByTestId('incident-save').click();
    await incidentForm.getByText('Ciência do incidente: data inválida.').waitFor();
    const today = new Date().toLocaleDateString('pt-BR', { timeZone: 'America/Sao_Paulo' });
    await incidentForm.getByTestId('incident-known-date').fill(today);
    await incidentForm.getByTestId('incident-known-date').press('Tab');
    await incidentForm.getByLabel('Horas').first().pressSequentially('00');
    await incidentForm.getByLabel('Minutos').first().pressSequentially('00');
    await incidentForm
      .getByTestId('incident-description')
      .fill('Relatório de anamneses enviado por engano ao e-mail de um fornecedor de materiais.');
    await incidentForm
      .getByTestId('incident-measures')
      .fill('Fornecedor confirmou a exclusão; envio automático desligado.');
    await incidentForm.getByLabel('Saúde (anamnese, prontuário, atendimentos)').check();
    await incidentForm.getByTestId('incident-subjects').fill('12');
    await incidentForm.getByText('Sim', { exact: true }).click();
    // Significant impact alone does not oblige a communication: a criterion must be present too.
    await incidentForm
      .getByTestId('incident-verdict')
      .getByText(/^Sem comunicação obrigatória/)
      .waitFor();
    await incidentForm.getByLabel('Dados pessoais sensíveis (saúde, fotos, biometria)').check();
    await incidentForm
      .getByTestId('incident-verdict')
      .getByText(/^Comunicação obrigatória à ANPD/)
      .waitFor();
    await screenshot(page, 'compliance-incident-form', { isDialog: true });
    await incidentForm.getByTestId('incident-save').click();
    await incidentForm.waitFor({ state: 'detached' });
    const incidentRow = page.getByTestId('incident-row').first();
    await incidentRow.getByText('Aberto').waitFor();
    await incidentRow.getByText(/^comunicar até \d\d\/\d\d\/\d{4} 23:59$/).waitFor();
    expect(await page.getByTestId('pending-incidents-count').textContent()).toBe('1');

    await incidentRow.click();
    const incidentDrawer = page.getByRole('dialog');
    await incidentDrawer
      .getByTestId('incident-description-text')
      .getByText(/enviado por engano/)
      .waitFor();
    await incidentDrawer.getByTestId('incident-anpd-at-date').fill(today);
    await incidentDrawer.getByTestId('incident-anpd-at-date').press('Tab');
    await incidentDrawer.getByLabel('Horas').first().pressSequentially('00');
    await incidentDrawer.getByLabel('Minutos').first().pressSequentially('00');
    await incidentDrawer.getByTestId('incident-protocol').fill('00261.000123/2026-11');
    await incidentDrawer.getByTestId('incident-communicate').click();
    await incidentDrawer.getByTestId('incident-status').getByText('Comunicado à ANPD').waitFor();
    await incidentDrawer.getByText('Protocolo da ANPD: 00261.000123/2026-11').waitFor();
    await incidentDrawer
      .getByTestId('incident-conclusion')
      .fill('Exclusão confirmada pelo fornecedor; titulares avisados.');
    await incidentDrawer.getByTestId('incident-close').click();
    await incidentDrawer.getByTestId('incident-closed').waitFor();
    await screenshot(page, 'compliance-incident-closed', { isDialog: true });
    await dpo.context.close();
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
