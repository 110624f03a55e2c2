/**
 * A local stand-in for the CFM "ServicoConsultaMedicos" SOAP 1.1 web service (REGULATION.md 3.1), for
 * tests, demos and development without the paid, contract-bound key. It speaks the same wire contract as
 * the real endpoint, so the adapter is exercised over real HTTP, and it is deliberately independent of
 * cfm-soap-registry.ts (its own XML building and parsing) so a bug in the adapter cannot hide in both.
 *
 * Faithful to the public facts: document/literal wrapped, unqualified parameters, business errors as
 * HTTP 200 + `codigoErro` checked in the documented order (4010, 4000, 4020, 3010, 8101), UF
 * case-sensitive. Where the manual is silent we chose, and say so below: unparseable envelopes and unknown
 * operations get a SOAP 1.1 Fault with HTTP 500 (what a JAX-WS runtime does), SOAP 1.2 gets 415.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

const SOAP_11_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
const CFM_NS = 'http://servico.cfm.org.br/';
/** Same path as production, so a URL built from the wrong base fails here too. */
export const FAKE_CFM_SERVICE_PATH = '/WebServiceConsultaMedicos/ServicoConsultaMedicos';
const MAX_BODY_BYTES = 1024 * 1024;

export type FakeDoctor = {
  crm: string;
  uf: string;
  name: string;
  /** CFM `situacao` code ("A" Regular, "S" Suspenso total…). */
  situation: string;
  /** CFM `tipoInscricao` code ("P" Principal…); omitted from answers when absent, as CFM does. */
  registrationType?: string;
  specialties?: string[];
  /** dd/mm/aaaa */
  updatedAt?: string;
  /** 11 digits; only used by `Validar`. */
  cpf?: string;
  /** dd/mm/aaaa; only used by `Validar`. */
  birthDate?: string;
};

/** What the fake received, so tests can assert on the wire format, not only on the outcome. */
export type FakeCfmRequest = {
  /** `Consultar`, `Validar`, or the unknown element name; empty when the envelope was unparseable. */
  operation: string;
  crm: string;
  uf: string;
  contentType: string | null;
  /** Raw header value; SOAP 1.1 clients send `""` for this service. */
  soapAction: string | null;
  body: string;
};

export type FakeCfmServer = {
  /** The service endpoint; `${url}?wsdl` serves the WSDL. */
  url: string;
  close(): Promise<void>;
  setDoctor(doctor: FakeDoctor): void;
  removeDoctor(crm: string, uf: string): void;
  requests: FakeCfmRequest[];
};

export type FakeCfmServerOptions = { key: string; doctors?: FakeDoctor[]; port?: number; host?: string };

/**
 * Synthetic physicians for demos and tests. Names are invented; CRM numbers are 7-digit 91xxxxx values,
 * far above today's real sequences, so a demo record is never mistaken for (or looked up as) a real
 * physician if the adapter is pointed at production by mistake. Specialties are CFM-recognised only
 * ("Medicina Estética" is not a specialty in Brazil).
 */
export const DEMO_CFM_DOCTORS: FakeDoctor[] = [
  {
    crm: '9100001',
    uf: 'SP',
    name: 'Helena Duarte Vasconcellos',
    situation: 'A',
    registrationType: 'P',
    specialties: ['Dermatologia'],
    updatedAt: '12/03/2025',
    cpf: '52998224725',
    birthDate: '14/07/1984',
  },
  {
    crm: '9100002',
    uf: 'SP',
    name: 'Rafael Moreira Albuquerque',
    situation: 'A',
    registrationType: 'P',
    specialties: ['Cirurgia Plástica', 'Cirurgia Geral'],
    updatedAt: '02/09/2024',
  },
  {
    crm: '9100003',
    uf: 'SP',
    name: 'Beatriz Lacerda Fontes',
    situation: 'S',
    registrationType: 'P',
    specialties: ['Dermatologia'],
    updatedAt: '20/01/2025',
  },
  {
    crm: '9200001',
    uf: 'RJ',
    name: 'Camila Prado Rezende',
    situation: 'A',
    registrationType: 'P',
    specialties: ['Clínica Médica'],
    updatedAt: '05/11/2024',
    cpf: '11144477735',
    birthDate: '03/02/1990',
  },
  {
    crm: '9200002',
    uf: 'RJ',
    name: 'Otávio Nogueira Bastos',
    situation: 'C',
    registrationType: 'P',
    updatedAt: '18/06/2023',
  },
  {
    crm: '9300001',
    uf: 'MG',
    name: 'Larissa Teixeira Campos',
    situation: 'A',
    registrationType: 'S',
    specialties: ['Dermatologia', 'Clínica Médica'],
    updatedAt: '27/02/2025',
  },
  {
    crm: '9300002',
    uf: 'MG',
    name: 'Gustavo Resende Amaral',
    situation: 'L',
    registrationType: 'P',
    updatedAt: '09/08/2022',
  },
  {
    crm: '9400001',
    uf: 'AM',
    name: 'Juliana Barreto Siqueira',
    situation: 'A',
    registrationType: 'P',
    specialties: ['Cirurgia Plástica'],
    updatedAt: '30/04/2025',
  },
];

const escapeXml = (value: string): string =>
  value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');

const element = (name: string, value: string | undefined): string =>
  value === undefined || value === '' ? '' : `<${name}>${escapeXml(value)}</${name}>`;

/** JAX-WS style envelope (`S:` prefix, `ns2:` for the service namespace). */
const soapEnvelope = (bodyContent: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?><S:Envelope xmlns:S="${SOAP_11_NS}"><S:Body>${bodyContent}</S:Body></S:Envelope>`;

const soapFault = (faultCode: 'Client' | 'Server' | 'VersionMismatch', message: string): string =>
  soapEnvelope(
    `<S:Fault><faultcode>S:${faultCode}</faultcode><faultstring>${escapeXml(message)}</faultstring></S:Fault>`,
  );

/** Doctors are keyed by CRM as a number (CFM reads `crm` numerically) and the UF exactly as given. */
const doctorKey = (crm: string, uf: string): string => `${Number.parseInt(crm, 10)}|${uf}`;

const xmlParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  trimValues: true,
});

type XmlNode = Record<string, unknown>;
/** prefix ('' for the default namespace) → namespace URI */
type NamespaceScope = ReadonlyMap<string, string>;
type XmlElement = { localName: string; namespace: string | null; value: unknown; scope: NamespaceScope };

const asNode = (value: unknown): XmlNode | null =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as XmlNode) : null;

function scopeOf(value: unknown, parent: NamespaceScope): NamespaceScope {
  const node = asNode(value);
  if (!node) return parent;
  const scope = new Map(parent);
  for (const [key, uri] of Object.entries(node)) {
    if (key === '@_xmlns') scope.set('', String(uri));
    else if (key.startsWith('@_xmlns:')) scope.set(key.slice('@_xmlns:'.length), String(uri));
  }
  return scope;
}

/**
 * Child elements of a parsed node with their resolved namespace. fast-xml-parser keeps prefixes in tag
 * names, so namespaces are resolved here: the contract is about namespaces, not about which prefix a
 * client happens to choose.
 */
function childElements(value: unknown, parentScope: NamespaceScope): XmlElement[] {
  const node = asNode(value);
  if (!node) return [];
  const scope = scopeOf(node, parentScope);
  return Object.entries(node)
    .filter(([key]) => !key.startsWith('@_') && !key.startsWith('?') && key !== '#text')
    .flatMap(([key, child]) => (Array.isArray(child) ? child : [child]).map((item) => ({ key, item })))
    .map(({ key, item }) => {
      const itemScope = scopeOf(item, scope);
      const colon = key.indexOf(':');
      const prefix = colon === -1 ? '' : key.slice(0, colon);
      const localName = colon === -1 ? key : key.slice(colon + 1);
      // An unprefixed element with no default namespace in scope is unqualified (namespace '').
      const namespace = itemScope.get(prefix) ?? (prefix === '' ? '' : null);
      return { localName, namespace, value: item, scope: itemScope };
    });
}

const textOf = (value: unknown): string => {
  const raw = asNode(value)?.['#text'] ?? value;
  return typeof raw === 'string' || typeof raw === 'number' ? String(raw).trim() : '';
};

type ParsedCall =
  | { kind: 'call'; operation: string; params: Map<string, string> }
  | { kind: 'fault'; operation: string; faultCode: 'Client' | 'VersionMismatch'; message: string };

function parseCall(body: string): ParsedCall {
  if (body.trim() === '' || XMLValidator.validate(body) !== true) {
    return {
      kind: 'fault',
      operation: '',
      faultCode: 'Client',
      message: 'Could not parse the SOAP message.',
    };
  }
  const roots = childElements(xmlParser.parse(body), new Map());
  const envelope = roots.length === 1 ? roots[0] : undefined;
  if (envelope?.localName !== 'Envelope') {
    return {
      kind: 'fault',
      operation: '',
      faultCode: 'Client',
      message: 'The message is not a SOAP envelope.',
    };
  }
  if (envelope.namespace !== SOAP_11_NS) {
    return {
      kind: 'fault',
      operation: '',
      faultCode: 'VersionMismatch',
      message: `Only SOAP 1.1 (${SOAP_11_NS}) is supported.`,
    };
  }
  const soapBody = childElements(envelope.value, envelope.scope).find(
    (child) => child.localName === 'Body' && child.namespace === SOAP_11_NS,
  );
  const call = soapBody ? childElements(soapBody.value, soapBody.scope)[0] : undefined;
  if (!call) {
    return { kind: 'fault', operation: '', faultCode: 'Client', message: 'The SOAP body is empty.' };
  }
  if (call.namespace !== CFM_NS || (call.localName !== 'Consultar' && call.localName !== 'Validar')) {
    return {
      kind: 'fault',
      operation: call.localName,
      faultCode: 'Client',
      message: `Cannot find dispatch method for {${call.namespace ?? ''}}${call.localName}`,
    };
  }
  // Wrapped document/literal parameters are unqualified; a qualified <crm> is not the `crm` parameter,
  // exactly as JAX-WS ignores it, so a client that qualifies its parameters gets 4010 here too.
  const params = new Map<string, string>();
  for (const child of childElements(call.value, call.scope)) {
    if (child.namespace === '' && !params.has(child.localName))
      params.set(child.localName, textOf(child.value));
  }
  return { kind: 'call', operation: call.localName, params };
}

/** The documented validation order; returns the CFM error code, or null when the call may proceed. */
function commonErrorCode(params: Map<string, string>, key: string): string | null {
  const crm = params.get('crm') ?? '';
  if (!/^\d+$/.test(crm) || Number.parseInt(crm, 10) === 0) return '4010';
  if ((params.get('uf') ?? '') === '') return '4000';
  const chave = params.get('chave') ?? '';
  if (chave === '') return '4020';
  if (chave !== key) return '3010';
  return null;
}

const consultarAnswer = (content: string): string =>
  soapEnvelope(
    `<ns2:ConsultarResponse xmlns:ns2="${CFM_NS}"><dadosMedico>${content}</dadosMedico></ns2:ConsultarResponse>`,
  );

const validarAnswer = (content: string): string =>
  soapEnvelope(`<ns2:ValidarResponse xmlns:ns2="${CFM_NS}">${content}</ns2:ValidarResponse>`);

/** Elements in JAXB's default alphabetical order; empty fields omitted, as the real service does. */
const dadosMedico = (doctor: FakeDoctor): string =>
  [
    element('crm', doctor.crm),
    element('dataAtualizacao', doctor.updatedAt),
    ...(doctor.specialties ?? []).map((specialty) => element('especialidade', specialty)),
    element('nome', doctor.name),
    element('situacao', doctor.situation),
    element('tipoInscricao', doctor.registrationType),
    element('uf', doctor.uf),
  ].join('');

const onlyDigits = (value: string): string => value.replace(/\D/g, '');

/**
 * SOAP 1.1 WSDL for both operations. The schema is unqualified (elementFormDefault) and soapAction is
 * empty, matching what clients such as node-soap or zeep need to generate the same requests we send.
 */
function wsdl(location: string): string {
  const param = (name: string, type = 'xsd:string'): string =>
    `<xsd:element name="${name}" type="${type}" minOccurs="0"/>`;
  const operation = (name: string): string =>
    `<operation name="${name}"><soap:operation soapAction=""/><input><soap:body use="literal"/></input><output><soap:body use="literal"/></output></operation>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:tns="${CFM_NS}" xmlns:xsd="http://www.w3.org/2001/XMLSchema" targetNamespace="${CFM_NS}" name="ServicoConsultaMedicos">
  <types>
    <xsd:schema targetNamespace="${CFM_NS}" elementFormDefault="unqualified">
      <xsd:element name="Consultar" type="tns:Consultar"/>
      <xsd:element name="ConsultarResponse" type="tns:ConsultarResponse"/>
      <xsd:element name="Validar" type="tns:Validar"/>
      <xsd:element name="ValidarResponse" type="tns:ValidarResponse"/>
      <xsd:complexType name="Consultar"><xsd:sequence>${param('crm')}${param('uf')}${param('chave')}</xsd:sequence></xsd:complexType>
      <xsd:complexType name="ConsultarResponse"><xsd:sequence>${param('dadosMedico', 'tns:dadosMedico')}</xsd:sequence></xsd:complexType>
      <xsd:complexType name="dadosMedico"><xsd:sequence>${param('codigoErro')}${param('crm')}${param('dataAtualizacao')}<xsd:element name="especialidade" type="xsd:string" minOccurs="0" maxOccurs="unbounded"/>${param('nome')}${param('situacao')}${param('tipoInscricao')}${param('uf')}</xsd:sequence></xsd:complexType>
      <xsd:complexType name="Validar"><xsd:sequence>${param('crm')}${param('uf')}${param('cpf')}${param('dataNascimento')}${param('chave')}</xsd:sequence></xsd:complexType>
      <xsd:complexType name="ValidarResponse"><xsd:sequence>${param('codigoErro')}${param('resultadoConsulta', 'xsd:boolean')}</xsd:sequence></xsd:complexType>
    </xsd:schema>
  </types>
  <message name="Consultar"><part name="parameters" element="tns:Consultar"/></message>
  <message name="ConsultarResponse"><part name="parameters" element="tns:ConsultarResponse"/></message>
  <message name="Validar"><part name="parameters" element="tns:Validar"/></message>
  <message name="ValidarResponse"><part name="parameters" element="tns:ValidarResponse"/></message>
  <portType name="ServicoConsultaMedicos">
    <operation name="Consultar"><input message="tns:Consultar"/><output message="tns:ConsultarResponse"/></operation>
    <operation name="Validar"><input message="tns:Validar"/><output message="tns:ValidarResponse"/></operation>
  </portType>
  <binding name="ServicoConsultaMedicosPortBinding" type="tns:ServicoConsultaMedicos">
    <soap:binding transport="http://schemas.xmlsoap.org/soap/http" style="document"/>
    ${operation('Consultar')}
    ${operation('Validar')}
  </binding>
  <service name="ServicoConsultaMedicos">
    <port name="ServicoConsultaMedicosPort" binding="tns:ServicoConsultaMedicosPortBinding"><soap:address location="${escapeXml(location)}"/></port>
  </service>
</definitions>
`;
}

async function readBody(request: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function send(response: ServerResponse, status: number, contentType: string, body: string): void {
  response.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body) });
  response.end(body);
}

const XML_CONTENT_TYPE = 'text/xml; charset=utf-8';

/**
 * Starts the fake CFM service on 127.0.0.1 and a free port by default.
 * @param options.key - the only `chave` accepted; any other gets 3010.
 */
export async function startFakeCfmServer(options: FakeCfmServerOptions): Promise<FakeCfmServer> {
  const doctors = new Map<string, FakeDoctor>();
  const setDoctor = (doctor: FakeDoctor): void => {
    doctors.set(doctorKey(doctor.crm, doctor.uf), doctor);
  };
  for (const doctor of options.doctors ?? []) setDoctor(doctor);
  const requests: FakeCfmRequest[] = [];
  const host = options.host ?? '127.0.0.1';
  let serviceUrl = '';

  function answer(params: Map<string, string>, operation: string): string {
    const errorCode = commonErrorCode(params, options.key);
    const wrap = operation === 'Consultar' ? consultarAnswer : validarAnswer;
    if (errorCode) return wrap(element('codigoErro', errorCode));
    const doctor = doctors.get(doctorKey(params.get('crm') ?? '', params.get('uf') ?? ''));
    if (!doctor) return wrap(element('codigoErro', '8101'));
    if (operation === 'Consultar') return wrap(dadosMedico(doctor));
    // Assumption: the manual gives no codes for a missing CPF or birth date, so they simply don't match.
    const cpf = onlyDigits(params.get('cpf') ?? '');
    const isMatch =
      doctor.cpf !== undefined &&
      doctor.birthDate !== undefined &&
      cpf === onlyDigits(doctor.cpf) &&
      (params.get('dataNascimento') ?? '') === doctor.birthDate;
    return wrap(element('resultadoConsulta', String(isMatch)));
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://fake-cfm');
    if (url.pathname !== FAKE_CFM_SERVICE_PATH) {
      return send(
        response,
        404,
        'text/html; charset=utf-8',
        '<html><body><h1>404 Not Found</h1></body></html>',
      );
    }
    if (request.method === 'GET' && [...url.searchParams.keys()].some((k) => k.toLowerCase() === 'wsdl')) {
      return send(response, 200, XML_CONTENT_TYPE, wsdl(serviceUrl));
    }
    if (request.method !== 'POST') {
      response.setHeader('Allow', 'GET, POST');
      return send(response, 405, 'text/plain; charset=utf-8', 'Method Not Allowed');
    }
    const body = await readBody(request);
    if (body === null) return send(response, 413, 'text/plain; charset=utf-8', 'Payload Too Large');
    const contentType = request.headers['content-type'] ?? null;
    const soapAction = request.headers.soapaction;
    const parsed = parseCall(body);
    const params = parsed.kind === 'call' ? parsed.params : new Map<string, string>();
    requests.push({
      operation: parsed.operation,
      crm: params.get('crm') ?? '',
      uf: params.get('uf') ?? '',
      contentType,
      soapAction: typeof soapAction === 'string' ? soapAction : null,
      body,
    });
    // SOAP 1.1 endpoints answer SOAP 1.2 (application/soap+xml) and anything else with 415.
    if (!contentType?.toLowerCase().startsWith('text/xml')) {
      return send(response, 415, 'text/plain; charset=utf-8', 'Unsupported Media Type');
    }
    if (parsed.kind === 'fault') {
      return send(response, 500, XML_CONTENT_TYPE, soapFault(parsed.faultCode, parsed.message));
    }
    return send(response, 200, XML_CONTENT_TYPE, answer(parsed.params, parsed.operation));
  }

  const server = createServer((request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent)
        send(response, 500, XML_CONTENT_TYPE, soapFault('Server', 'Internal error.'));
      else response.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  serviceUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}${FAKE_CFM_SERVICE_PATH}`;

  return {
    url: serviceUrl,
    requests,
    setDoctor,
    removeDoctor: (crm, uf) => {
      doctors.delete(doctorKey(crm, uf));
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // fetch keeps connections alive; without this close() would wait for them to time out.
        server.closeAllConnections();
      }),
  };
}
