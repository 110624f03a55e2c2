import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_CFM_DOCTORS, type FakeCfmServer, startFakeCfmServer } from './fake-cfm-server';

const KEY = 'CHAVE-FAKE';
const SOAP_11 = 'http://schemas.xmlsoap.org/soap/envelope/';
const CFM = 'http://servico.cfm.org.br/';

const parser = new XMLParser({ removeNSPrefix: true, parseTagValue: false, ignoreAttributes: false });

/** Envelope in the style of the PHP clients in the wild: default namespace plus xmlns="" on parameters. */
const envelope = (operation: string, params: Record<string, string>, envelopeNs = SOAP_11): string =>
  `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="${envelopeNs}"><soap:Body>` +
  `<${operation} xmlns="${CFM}">` +
  Object.entries(params)
    .map(([name, value]) => `<${name} xmlns="">${value}</${name}>`)
    .join('') +
  `</${operation}></soap:Body></soap:Envelope>`;

describe('startFakeCfmServer', () => {
  let fake: FakeCfmServer;

  async function post(
    body: string,
    contentType = 'text/xml; charset=utf-8',
  ): Promise<{ status: number; text: string; xml: Record<string, unknown> }> {
    const response = await fetch(fake.url, {
      method: 'POST',
      headers: { 'Content-Type': contentType, SOAPAction: '""' },
      body,
    });
    const text = await response.text();
    const xml = XMLValidator.validate(text) === true ? (parser.parse(text) as Record<string, unknown>) : {};
    return { status: response.status, text, xml };
  }

  // biome-ignore lint/suspicious/noExplicitAny: walking parsed XML in assertions.
  const bodyOf = (xml: Record<string, unknown>): any => (xml.Envelope as { Body: unknown }).Body;

  async function consultar(params: Record<string, string>) {
    const { status, xml } = await post(envelope('Consultar', params));
    expect(status).toBe(200);
    return bodyOf(xml).ConsultarResponse.dadosMedico;
  }

  beforeAll(async () => {
    fake = await startFakeCfmServer({ key: KEY, doctors: DEMO_CFM_DOCTORS });
  });
  afterAll(() => fake.close());
  beforeEach(() => {
    fake.requests.length = 0;
  });

  it('listens on 127.0.0.1 at the production path', () => {
    expect(fake.url).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+\/WebServiceConsultaMedicos\/ServicoConsultaMedicos$/,
    );
  });

  it('answers Consultar with dadosMedico, one element per specialty', async () => {
    const record = await consultar({ crm: '9100002', uf: 'SP', chave: KEY });
    expect(record).toEqual({
      crm: '9100002',
      dataAtualizacao: '02/09/2024',
      especialidade: ['Cirurgia Plástica', 'Cirurgia Geral'],
      nome: 'Rafael Moreira Albuquerque',
      situacao: 'A',
      tipoInscricao: 'P',
      uf: 'SP',
    });
    expect(fake.requests).toEqual([
      expect.objectContaining({ operation: 'Consultar', crm: '9100002', uf: 'SP', soapAction: '""' }),
    ]);
  });

  it.each([
    ['crm missing', { uf: 'SP', chave: KEY }, '4010'],
    ['crm not numeric', { crm: '91A', uf: 'SP', chave: KEY }, '4010'],
    ['crm zero', { crm: '0', uf: 'SP', chave: KEY }, '4010'],
    ['crm checked before chave', { chave: '' }, '4010'],
    ['uf missing', { crm: '9100001', chave: KEY }, '4000'],
    ['chave missing', { crm: '9100001', uf: 'SP' }, '4020'],
    ['chave invalid', { crm: '9100001', uf: 'SP', chave: 'OUTRA' }, '3010'],
    ['unknown crm', { crm: '1', uf: 'SP', chave: KEY }, '8101'],
    ['lower-case uf (case-sensitive)', { crm: '9100001', uf: 'sp', chave: KEY }, '8101'],
    ['right crm, other uf', { crm: '9100001', uf: 'RJ', chave: KEY }, '8101'],
  ])('returns HTTP 200 with codigoErro when %s', async (_case, params, code) => {
    expect(await consultar(params)).toEqual({ codigoErro: code });
  });

  it('ignores namespace-qualified parameters, as a JAX-WS wrapped service does', async () => {
    const qualified =
      `<soapenv:Envelope xmlns:soapenv="${SOAP_11}" xmlns:ser="${CFM}"><soapenv:Header/><soapenv:Body>` +
      `<ser:Consultar><ser:crm>9100001</ser:crm><ser:uf>SP</ser:uf><ser:chave>${KEY}</ser:chave></ser:Consultar>` +
      '</soapenv:Body></soapenv:Envelope>';
    const { xml } = await post(qualified);
    expect(bodyOf(xml).ConsultarResponse.dadosMedico).toEqual({ codigoErro: '4010' });
  });

  it('reflects setDoctor and removeDoctor', async () => {
    fake.setDoctor({ crm: '555', uf: 'AM', name: 'Médico Temporário', situation: 'R' });
    expect((await consultar({ crm: '555', uf: 'AM', chave: KEY })).situacao).toBe('R');
    fake.setDoctor({ crm: '555', uf: 'AM', name: 'Médico Temporário', situation: 'A' });
    expect((await consultar({ crm: '555', uf: 'AM', chave: KEY })).situacao).toBe('A');
    fake.removeDoctor('555', 'AM');
    expect(await consultar({ crm: '555', uf: 'AM', chave: KEY })).toEqual({ codigoErro: '8101' });
  });

  it.each([
    ['matching CPF and birth date', { cpf: '52998224725', dataNascimento: '14/07/1984' }, 'true'],
    ['a formatted CPF', { cpf: '529.982.247-25', dataNascimento: '14/07/1984' }, 'true'],
    ['another birth date', { cpf: '52998224725', dataNascimento: '15/07/1984' }, 'false'],
    ['another CPF', { cpf: '11144477735', dataNascimento: '14/07/1984' }, 'false'],
    ['no CPF', { dataNascimento: '14/07/1984' }, 'false'],
  ])('answers Validar with resultadoConsulta for %s', async (_case, extra, expected) => {
    const { status, xml } = await post(
      envelope('Validar', { crm: '9100001', uf: 'SP', ...extra, chave: KEY }),
    );
    expect(status).toBe(200);
    expect(bodyOf(xml).ValidarResponse).toEqual({ resultadoConsulta: expected });
    expect(fake.requests[0]?.operation).toBe('Validar');
  });

  it('answers Validar with the same error codes', async () => {
    const notFound = await post(envelope('Validar', { crm: '1', uf: 'SP', cpf: '52998224725', chave: KEY }));
    expect(bodyOf(notFound.xml).ValidarResponse).toEqual({ codigoErro: '8101' });
    const wrongKey = await post(envelope('Validar', { crm: '9100001', uf: 'SP', chave: 'X' }));
    expect(bodyOf(wrongKey.xml).ValidarResponse).toEqual({ codigoErro: '3010' });
  });

  it('answers an unparseable envelope with a SOAP 1.1 Client Fault and HTTP 500', async () => {
    const { status, text, xml } = await post('<soap:Envelope><soap:Body><Consultar>');
    expect(status).toBe(500);
    expect(text).toContain(`xmlns:S="${SOAP_11}"`);
    expect(bodyOf(xml).Fault.faultcode).toBe('S:Client');
    expect(fake.requests[0]?.operation).toBe('');
  });

  it.each([
    ['an unknown operation', envelope('Excluir', { crm: '1' })],
    ['Consultar outside the CFM namespace', envelope('Consultar', { crm: '1' }).replace(CFM, 'urn:outro')],
  ])('answers %s with a Fault naming the dispatch failure', async (_case, body) => {
    const { status, xml } = await post(body);
    expect(status).toBe(500);
    expect(bodyOf(xml).Fault.faultstring).toMatch(
      /^Cannot find dispatch method for \{.*\}(Excluir|Consultar)$/,
    );
  });

  it('refuses SOAP 1.2: VersionMismatch for its envelope, 415 for its content type', async () => {
    const soap12 = envelope(
      'Consultar',
      { crm: '9100001', uf: 'SP', chave: KEY },
      'http://www.w3.org/2003/05/soap-envelope',
    );
    const mismatch = await post(soap12);
    expect(mismatch.status).toBe(500);
    expect(bodyOf(mismatch.xml).Fault.faultcode).toBe('S:VersionMismatch');
    const unsupported = await post(
      envelope('Consultar', { crm: '9100001', uf: 'SP', chave: KEY }),
      'application/soap+xml',
    );
    expect(unsupported.status).toBe(415);
  });

  it('answers 404 outside the service path', async () => {
    const response = await fetch(new URL('/outro', fake.url), { method: 'POST', body: '' });
    expect(response.status).toBe(404);
  });

  it('serves a WSDL 1.1 describing Consultar and Validar as document/literal with an empty soapAction', async () => {
    const response = await fetch(`${fake.url}?wsdl`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/xml');
    const text = await response.text();
    expect(XMLValidator.validate(text)).toBe(true);
    const { definitions } = parser.parse(text);
    expect(definitions['@_targetNamespace']).toBe(CFM);
    expect(definitions.types.schema['@_elementFormDefault']).toBe('unqualified');
    const names = (operations: { '@_name': string }[]) => operations.map((operation) => operation['@_name']);
    expect(names(definitions.portType.operation)).toEqual(['Consultar', 'Validar']);
    expect(names(definitions.binding.operation)).toEqual(['Consultar', 'Validar']);
    expect(definitions.binding.binding['@_style']).toBe('document');
    expect(definitions.binding.binding['@_transport']).toBe('http://schemas.xmlsoap.org/soap/http');
    for (const operation of definitions.binding.operation) {
      expect(operation.operation['@_soapAction']).toBe('');
      expect(operation.input.body['@_use']).toBe('literal');
    }
    expect(definitions.service.port.address['@_location']).toBe(fake.url);
  });
});

describe('DEMO_CFM_DOCTORS', () => {
  it('covers active, suspended, cassado and cancelado physicians in SP, RJ, MG and AM', () => {
    const situations = DEMO_CFM_DOCTORS.map((doctor) => doctor.situation);
    expect(situations.filter((code) => code === 'A').length).toBeGreaterThan(DEMO_CFM_DOCTORS.length / 2);
    expect(situations).toEqual(expect.arrayContaining(['S', 'C', 'L']));
    expect(new Set(DEMO_CFM_DOCTORS.map((doctor) => doctor.uf))).toEqual(new Set(['SP', 'RJ', 'MG', 'AM']));
  });

  it('uses only CFM-recognised specialties and unique (CRM, UF) pairs', () => {
    const specialties = DEMO_CFM_DOCTORS.flatMap((doctor) => doctor.specialties ?? []);
    expect(specialties).not.toContain('Medicina Estética');
    expect(new Set(specialties)).toEqual(
      new Set(['Dermatologia', 'Cirurgia Plástica', 'Cirurgia Geral', 'Clínica Médica']),
    );
    const keys = DEMO_CFM_DOCTORS.map((doctor) => `${doctor.crm}/${doctor.uf}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
