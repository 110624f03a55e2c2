import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildConsultarEnvelope, createCfmSoapRegistry } from './cfm-soap-registry';
import { DEMO_CFM_DOCTORS, type FakeCfmServer, startFakeCfmServer } from './fake-cfm-server';
import type { LicenceCheckResult, LicenceRegistry } from './licence-registry';

const KEY = 'CHAVE-TESTE-01';

/** A bare HTTP server for the failures the fake CFM never produces (HTML errors, garbage, silence). */
async function startCannedServer(
  handler: (request: IncomingMessage, response: ServerResponse) => void,
): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/WebServiceConsultaMedicos/ServicoConsultaMedicos`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A registry whose fetch answers with a fixed body, for response shapes the fake does not emit. */
function registryAnswering(body: string, status = 200): LicenceRegistry {
  return createCfmSoapRegistry({
    url: 'http://cfm.invalid/ServicoConsultaMedicos',
    key: KEY,
    fetch: async () => new Response(body, { status, headers: { 'Content-Type': 'text/xml; charset=utf-8' } }),
  });
}

const consultarResponse = (inner: string): string =>
  '<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">' +
  `<soap:Body><ns2:ConsultarResponse xmlns:ns2="http://servico.cfm.org.br/">${inner}</ns2:ConsultarResponse>` +
  '</soap:Body></soap:Envelope>';

const JAX_WS_FAULT =
  '<?xml version="1.0" ?><S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body><S:Fault>' +
  '<faultcode>S:Server</faultcode><faultstring>java.lang.NullPointerException at Helena Duarte</faultstring>' +
  '</S:Fault></S:Body></S:Envelope>';

function expectError(result: LicenceCheckResult): Extract<LicenceCheckResult, { outcome: 'error' }> {
  if (result.outcome !== 'error') throw new Error(`expected an error outcome, got ${result.outcome}`);
  return result;
}

function expectFound(result: LicenceCheckResult): Extract<LicenceCheckResult, { outcome: 'found' }> {
  if (result.outcome !== 'found') throw new Error(`expected a found outcome, got ${JSON.stringify(result)}`);
  return result;
}

describe('createCfmSoapRegistry against the fake CFM service', () => {
  let fake: FakeCfmServer;
  let registry: LicenceRegistry;

  beforeAll(async () => {
    fake = await startFakeCfmServer({ key: KEY, doctors: DEMO_CFM_DOCTORS });
    registry = createCfmSoapRegistry({ url: fake.url, key: KEY });
  });
  afterAll(() => fake.close());
  beforeEach(() => {
    fake.requests.length = 0;
  });

  it('identifies itself as cfm_ws and only handles CRM', () => {
    expect(registry.source).toBe('cfm_ws');
    expect(registry.supports('CRM')).toBe(true);
    expect(registry.supports('COREN')).toBe(false);
    expect(registry.supports('CRO')).toBe(false);
  });

  it('finds an active physician with label, registration type, specialties and update date', async () => {
    const result = expectFound(await registry.check({ council: 'CRM', number: '9300001', uf: 'MG' }));
    expect(result).toMatchObject({
      isActive: true,
      situation: 'A',
      situationLabel: 'Regular',
      registrationType: 'Secundária',
      specialties: ['Dermatologia', 'Clínica Médica'],
      councilUpdatedAt: '2025-02-27',
    });
    expect(result.raw).toContain('Larissa Teixeira Campos');
  });

  it.each([
    ['9100003', 'SP', 'S', 'Suspenso total'],
    ['9200002', 'RJ', 'C', 'Cassado'],
    ['9300002', 'MG', 'L', 'Cancelado'],
  ])('finds CRM %s/%s but marks it inactive (%s, %s)', async (number, uf, code, label) => {
    const result = expectFound(await registry.check({ council: 'CRM', number, uf }));
    expect(result.isActive).toBe(false);
    expect(result.situation).toBe(code);
    expect(result.situationLabel).toBe(label);
  });

  it('returns not_found (8101) for an unknown CRM and for a removed physician', async () => {
    const unknown = await registry.check({ council: 'CRM', number: '1234567', uf: 'SP' });
    expect(unknown.outcome).toBe('not_found');
    expect(unknown.raw).toContain('<codigoErro>8101</codigoErro>');

    fake.setDoctor({ crm: '7654321', uf: 'AM', name: 'Médico Fictício', situation: 'A' });
    expect((await registry.check({ council: 'CRM', number: '7654321', uf: 'AM' })).outcome).toBe('found');
    fake.removeDoctor('7654321', 'AM');
    expect((await registry.check({ council: 'CRM', number: '7654321', uf: 'AM' })).outcome).toBe('not_found');
  });

  it('upper-cases the UF before sending, since CFM is case-sensitive and our forms may send "sp"', async () => {
    const result = await registry.check({ council: 'CRM', number: '9100001', uf: 'sp' });
    expect(result.outcome).toBe('found');
    expect(fake.requests.map(({ crm, uf }) => ({ crm, uf }))).toEqual([{ crm: '9100001', uf: 'SP' }]);
  });

  it('drops leading zeros, which CFM ignores anyway', async () => {
    fake.setDoctor({ crm: '123', uf: 'AM', name: 'Registro Antigo', situation: 'A' });
    expect((await registry.check({ council: 'CRM', number: '000123', uf: 'AM' })).outcome).toBe('found');
    expect(fake.requests[0]?.crm).toBe('123');
  });

  it('reports an invalid access key (3010) in pt-BR and keeps the raw answer', async () => {
    const wrongKey = createCfmSoapRegistry({ url: fake.url, key: 'CHAVE-ERRADA' });
    const result = expectError(await wrongKey.check({ council: 'CRM', number: '9100001', uf: 'SP' }));
    expect(result.reason).toBe('A chave de acesso ao serviço do CFM é inválida.');
    expect(result.raw).toContain('<codigoErro>3010</codigoErro>');
  });

  it('escapes XML special characters so a key like "a&b<c" reaches CFM intact', async () => {
    const key = `a&b<c>"d'`;
    const server = await startFakeCfmServer({ key, doctors: DEMO_CFM_DOCTORS });
    try {
      const result = await createCfmSoapRegistry({ url: server.url, key }).check({
        council: 'CRM',
        number: '9100001',
        uf: 'SP',
      });
      expect(result.outcome).toBe('found');
      expect(server.requests[0]?.body).toContain('<chave>a&amp;b&lt;c&gt;&quot;d&apos;</chave>');
    } finally {
      await server.close();
    }
  });

  it.each(['12a45', '12345678', '0', '000', '', '12.345', '-5'])(
    'refuses CRM number %j locally, naming the field, without calling CFM',
    async (number) => {
      const result = expectError(await registry.check({ council: 'CRM', number, uf: 'SP' }));
      expect(result.reason).toContain('número do CRM');
      expect(result.raw).toBeNull();
      expect(fake.requests).toHaveLength(0);
    },
  );

  it.each(['XX', 'São Paulo', '', 'S P'])('refuses UF %j locally, naming the field', async (uf) => {
    const result = expectError(await registry.check({ council: 'CRM', number: '9100001', uf }));
    expect(result.reason).toContain('UF');
    expect(result.raw).toBeNull();
    expect(fake.requests).toHaveLength(0);
  });

  it('refuses councils other than CRM without calling CFM', async () => {
    const result = expectError(await registry.check({ council: 'COREN', number: '123456', uf: 'SP' }));
    expect(result.reason).toContain('CRM');
    expect(fake.requests).toHaveLength(0);
  });

  it('sends exactly this SOAP 1.1 request (the contract, visible)', async () => {
    await registry.check({ council: 'CRM', number: '9100001', uf: 'SP' });
    expect(fake.requests).toHaveLength(1);
    const [request] = fake.requests;
    expect(request?.operation).toBe('Consultar');
    expect(request?.contentType).toBe('text/xml; charset=utf-8');
    expect(request?.soapAction).toBe('""');
    expect(request?.body).toBe(
      '<?xml version="1.0" encoding="utf-8"?>' +
        '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">' +
        '<soap:Body>' +
        '<ser:Consultar xmlns:ser="http://servico.cfm.org.br/">' +
        '<crm>9100001</crm>' +
        '<uf>SP</uf>' +
        '<chave>CHAVE-TESTE-01</chave>' +
        '</ser:Consultar>' +
        '</soap:Body>' +
        '</soap:Envelope>',
    );
    expect(request?.body).toBe(buildConsultarEnvelope({ crm: '9100001', uf: 'SP', key: KEY }));
  });
});

describe('createCfmSoapRegistry when the service misbehaves', () => {
  it('reports a SOAP Fault (HTTP 500) without echoing its text', async () => {
    const server = await startCannedServer((_request, response) => {
      response.writeHead(500, { 'Content-Type': 'text/xml; charset=utf-8' }).end(JAX_WS_FAULT);
    });
    try {
      const result = expectError(
        await createCfmSoapRegistry({ url: server.url, key: KEY }).check({
          council: 'CRM',
          number: '9100001',
          uf: 'SP',
        }),
      );
      expect(result.reason).toContain('falha SOAP');
      expect(result.reason).not.toContain('Helena');
      expect(result.raw).toBe(JAX_WS_FAULT);
    } finally {
      await server.close();
    }
  });

  it('reports an HTTP 500 with an HTML body', async () => {
    const html = '<html><body><h1>HTTP Status 500 - Internal Server Error</h1></body></html>';
    const server = await startCannedServer((_request, response) => {
      response.writeHead(500, { 'Content-Type': 'text/html' }).end(html);
    });
    try {
      const result = expectError(
        await createCfmSoapRegistry({ url: server.url, key: KEY }).check({
          council: 'CRM',
          number: '9100001',
          uf: 'SP',
        }),
      );
      expect(result.reason).toBe('O serviço do CFM respondeu com erro HTTP 500.');
      expect(result.raw).toBe(html);
    } finally {
      await server.close();
    }
  });

  it('reports malformed XML sent with HTTP 200', async () => {
    const garbage = '<soap:Envelope><soap:Body><ConsultarResponse><dadosMedico><situacao>A</situacao>';
    const server = await startCannedServer((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'text/xml' }).end(garbage);
    });
    try {
      const result = expectError(
        await createCfmSoapRegistry({ url: server.url, key: KEY }).check({
          council: 'CRM',
          number: '9100001',
          uf: 'SP',
        }),
      );
      expect(result.reason).toBe('O serviço do CFM enviou uma resposta que não é um XML válido.');
      expect(result.raw).toBe(garbage);
    } finally {
      await server.close();
    }
  });

  it('gives up after timeoutMs when the service never answers', async () => {
    const server = await startCannedServer(() => {
      // Never answers.
    });
    try {
      const startedAt = Date.now();
      const result = expectError(
        await createCfmSoapRegistry({ url: server.url, key: KEY, timeoutMs: 150 }).check({
          council: 'CRM',
          number: '9100001',
          uf: 'SP',
        }),
      );
      expect(Date.now() - startedAt).toBeLessThan(2_000);
      expect(result.reason).toBe(
        'O serviço do CFM não respondeu dentro do limite de 0,15 s; tente novamente.',
      );
      expect(result.raw).toBeNull();
    } finally {
      await server.close();
    }
  });

  it('times out even when an injected fetch ignores the abort signal', async () => {
    const registry = createCfmSoapRegistry({
      url: 'http://cfm.invalid/',
      key: KEY,
      timeoutMs: 50,
      fetch: () => new Promise<Response>(() => {}),
    });
    const result = expectError(await registry.check({ council: 'CRM', number: '9100001', uf: 'SP' }));
    expect(result.reason).toContain('não respondeu');
  });

  it('reports a connection failure', async () => {
    const server = await startCannedServer(() => {});
    const { url } = server;
    await server.close();
    const result = expectError(
      await createCfmSoapRegistry({ url, key: KEY }).check({ council: 'CRM', number: '9100001', uf: 'SP' }),
    );
    expect(result.reason).toBe('Não foi possível conectar ao serviço do CFM; tente novamente mais tarde.');
    expect(result.raw).toBeNull();
  });
});

describe('createCfmSoapRegistry reading other response shapes', () => {
  const check = (registry: LicenceRegistry) =>
    registry.check({ council: 'CRM', number: '9100001', uf: 'SP' });

  it.each([
    ['absent', '', []],
    ['a single element', '<especialidade>Dermatologia</especialidade>', ['Dermatologia']],
    [
      'a comma/semicolon separated string',
      '<especialidade>Dermatologia, Cirurgia Plástica; Clínica Médica</especialidade>',
      ['Dermatologia', 'Cirurgia Plástica', 'Clínica Médica'],
    ],
    [
      'repeated elements, with an empty one and a duplicate',
      '<especialidade>Dermatologia</especialidade><especialidade/><especialidade>Dermatologia</especialidade>',
      ['Dermatologia'],
    ],
  ])('normalises especialidade given as %s', async (_shape, xml, expected) => {
    const body = consultarResponse(
      `<dadosMedico><crm>9100001</crm>${xml}<situacao>A</situacao><uf>SP</uf></dadosMedico>`,
    );
    expect(expectFound(await check(registryAnswering(body))).specialties).toEqual(expected);
  });

  it.each([
    ['12/03/2025', '2025-03-12'],
    ['12/03/2025 14:30:00', '2025-03-12'],
    ['2025-03-12', '2025-03-12'],
    ['2025-03-12T14:30:00-03:00', '2025-03-12'],
    ['31/02/2025', null],
    ['março de 2025', null],
  ])('normalises dataAtualizacao %j to %j', async (date, expected) => {
    const body = consultarResponse(
      `<dadosMedico><dataAtualizacao>${date}</dataAtualizacao><situacao>A</situacao></dadosMedico>`,
    );
    expect(expectFound(await check(registryAnswering(body))).councilUpdatedAt).toBe(expected);
  });

  it('labels an unknown situacao and treats it as inactive', async () => {
    const body = consultarResponse(
      '<dadosMedico><situacao>Z</situacao><tipoInscricao>Q</tipoInscricao></dadosMedico>',
    );
    const result = expectFound(await check(registryAnswering(body)));
    expect(result).toMatchObject({
      isActive: false,
      situation: 'Z',
      situationLabel: 'Situação desconhecida (código Z)',
      registrationType: 'Tipo de inscrição desconhecido (código Q)',
      councilUpdatedAt: null,
    });
  });

  it('accepts a `return` record and codigoErro directly under the response element', async () => {
    const found = consultarResponse(
      '<return><situacao>A</situacao><tipoInscricao>V</tipoInscricao></return>',
    );
    expect(expectFound(await check(registryAnswering(found))).registrationType).toBe('Provisória');
    const notFound = consultarResponse('<codigoErro>8101</codigoErro>');
    expect((await check(registryAnswering(notFound))).outcome).toBe('not_found');
  });

  it.each([
    ['4010', 'O CFM recusou o número do CRM enviado (ausente, não numérico ou zero).'],
    ['4000', 'O CFM não recebeu a UF do CRM.'],
    ['4020', 'A chave de acesso ao serviço do CFM não foi enviada; confira a configuração.'],
    ['9999', 'O serviço do CFM retornou o erro de código 9999.'],
  ])('explains codigoErro %s to staff', async (code, reason) => {
    const body = consultarResponse(
      `<dadosMedico><codigoErro>${code}</codigoErro><mensagem>Erro para Helena</mensagem></dadosMedico>`,
    );
    const result = expectError(await check(registryAnswering(body)));
    expect(result.reason).toBe(reason);
    expect(result.raw).toBe(body);
  });

  it('refuses a record for another CRM or UF rather than attribute its status', async () => {
    const otherUf = consultarResponse(
      '<dadosMedico><crm>9100001</crm><situacao>A</situacao><uf>RJ</uf></dadosMedico>',
    );
    expect(expectError(await check(registryAnswering(otherUf))).reason).toContain('outro registro');
    const otherCrm = consultarResponse(
      '<dadosMedico><crm>9100002</crm><situacao>A</situacao><uf>SP</uf></dadosMedico>',
    );
    expect(expectError(await check(registryAnswering(otherCrm))).reason).toContain('outro registro');
  });

  it('refuses a record without situacao, and a body without ConsultarResponse', async () => {
    const noSituation = consultarResponse('<dadosMedico><crm>9100001</crm></dadosMedico>');
    expect(expectError(await check(registryAnswering(noSituation))).reason).toBe(
      'A resposta do CFM não informa a situação do registro.',
    );
    const empty = '<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body/></S:Envelope>';
    expect(expectError(await check(registryAnswering(empty))).reason).toBe(
      'O serviço do CFM enviou uma resposta em formato inesperado.',
    );
  });

  it('refuses to be created without a URL or key', () => {
    expect(() => createCfmSoapRegistry({ url: '', key: KEY })).toThrow(/url/);
    expect(() => createCfmSoapRegistry({ url: 'http://cfm.invalid/', key: ' ' })).toThrow(/key/);
  });
});
