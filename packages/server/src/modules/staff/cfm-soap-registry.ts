/**
 * LicenceRegistry adapter for the CFM "ServicoConsultaMedicos" SOAP 1.1 web service (REGULATION.md 3.1).
 *
 * The service is a JAX-WS document/literal wrapped endpoint: `Consultar(crm, uf, chave)` answers
 * `ConsultarResponse/dadosMedico`. Business errors come back as HTTP 200 with a `codigoErro`, not as
 * SOAP Faults, so the body has to be read even on success statuses. `check` never throws: staff screens
 * need a pt-BR reason, and the caller stores `raw` as evidence of what CFM answered and when.
 */
import { UFS } from '@clinia/contracts';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describeCfmRegistrationType, describeCfmSituation } from './cfm-situations';
import type { LicenceCheckResult, LicenceQuery, LicenceRegistry } from './licence-registry';

export const SOAP_11_ENVELOPE_NAMESPACE = 'http://schemas.xmlsoap.org/soap/envelope/';
export const CFM_SERVICE_NAMESPACE = 'http://servico.cfm.org.br/';
export const CFM_DEFAULT_TIMEOUT_MS = 10_000;
/** CFM's "médico não encontrado"; the only error code that is an answer rather than a failure. */
const CFM_NOT_FOUND_CODE = '8101';

export type CfmSoapRegistryOptions = {
  /** Endpoint, e.g. https://ws.cfm.org.br:8080/WebServiceConsultaMedicos/ServicoConsultaMedicos */
  url: string;
  /** The annual access key ("chave") CFM issues with the contract. */
  key: string;
  timeoutMs?: number;
  /** Injected in tests; defaults to the global fetch. */
  fetch?: typeof fetch;
};

/** Staff-facing reasons for CFM error codes. None echoes request data, so none can leak personal data. */
const CFM_ERROR_REASONS: Readonly<Record<string, string>> = {
  '4010': 'O CFM recusou o número do CRM enviado (ausente, não numérico ou zero).',
  '4000': 'O CFM não recebeu a UF do CRM.',
  '4020': 'A chave de acesso ao serviço do CFM não foi enviada; confira a configuração.',
  '3010': 'A chave de acesso ao serviço do CFM é inválida.',
};

const REASON_FAULT = 'O serviço do CFM recusou a consulta com uma falha SOAP; tente novamente mais tarde.';
const REASON_MALFORMED = 'O serviço do CFM enviou uma resposta que não é um XML válido.';
const REASON_UNEXPECTED = 'O serviço do CFM enviou uma resposta em formato inesperado.';
const REASON_NO_SITUATION = 'A resposta do CFM não informa a situação do registro.';
const REASON_OTHER_RECORD =
  'A resposta do CFM se refere a outro registro (CRM ou UF diferentes do consultado).';
const REASON_NETWORK = 'Não foi possível conectar ao serviço do CFM; tente novamente mais tarde.';
const REASON_INTERNAL = 'Erro inesperado ao interpretar a resposta do CFM.';

const UF_SET: ReadonlySet<string> = new Set(UFS);

const escapeXml = (value: string): string =>
  value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');

/**
 * The SOAP 1.1 request for `Consultar`. Only the operation element is namespace-qualified: JAX-WS
 * wrapped services declare their parameters unqualified, and a qualified `<crm>` would be ignored
 * (read as missing, error 4010).
 */
export function buildConsultarEnvelope(input: { crm: string; uf: string; key: string }): string {
  return (
    '<?xml version="1.0" encoding="utf-8"?>' +
    `<soap:Envelope xmlns:soap="${SOAP_11_ENVELOPE_NAMESPACE}">` +
    '<soap:Body>' +
    `<ser:Consultar xmlns:ser="${CFM_SERVICE_NAMESPACE}">` +
    `<crm>${escapeXml(input.crm)}</crm>` +
    `<uf>${escapeXml(input.uf)}</uf>` +
    `<chave>${escapeXml(input.key)}</chave>` +
    '</ser:Consultar>' +
    '</soap:Body>' +
    '</soap:Envelope>'
  );
}

type ValidatedQuery = { isValid: true; crm: string; uf: string } | { isValid: false; reason: string };

/**
 * Refuses locally what CFM would refuse anyway (REGULATION.md 5.6), so a typo costs no call on a paid,
 * rate-limited service. The UF is upper-cased because CFM's UF is case-sensitive ("sp" → 8101 not found)
 * while our own forms may send lower case; leading zeros are dropped because CRM numbers are sequential
 * integers and CFM reads `crm` as a number.
 */
function validateQuery(query: LicenceQuery): ValidatedQuery {
  if (query.council !== 'CRM') {
    return { isValid: false, reason: 'O serviço do CFM consulta apenas registros de médicos (CRM).' };
  }
  const number = query.number.trim();
  if (!/^\d{1,7}$/.test(number)) {
    return {
      isValid: false,
      reason: 'O número do CRM deve ter de 1 a 7 dígitos, sem letras, pontos ou traços.',
    };
  }
  const crm = number.replace(/^0+/, '');
  if (crm === '') return { isValid: false, reason: 'O número do CRM não pode ser zero.' };
  const uf = query.uf.trim().toUpperCase();
  if (!UF_SET.has(uf)) {
    return { isValid: false, reason: 'A UF do CRM deve ser a sigla de um dos 27 estados (ex.: SP).' };
  }
  return { isValid: true, crm, uf };
}

const xmlParser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: true,
  // Keep every value a string: CRM numbers and codes such as "0" must not turn into numbers.
  parseTagValue: false,
  trimValues: true,
  isArray: (tagName) => tagName === 'especialidade',
});

type XmlNode = Record<string, unknown>;

const asNode = (value: unknown): XmlNode | null =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as XmlNode) : null;

/** Text content of a leaf element; empty elements count as absent, as CFM omits empty fields anyway. */
function textOf(value: unknown): string | null {
  const node = asNode(value);
  const raw = node ? node['#text'] : value;
  if (typeof raw !== 'string' && typeof raw !== 'number') return null;
  const text = String(raw).trim();
  return text === '' ? null : text;
}

/**
 * `especialidade` is absent, one element, repeated elements, or a single "A, B; C" string depending on
 * the record and the service version; staff need a plain list either way.
 */
function normaliseSpecialties(value: unknown): string[] {
  const values = Array.isArray(value) ? value : [value];
  const specialties = values
    .map(textOf)
    .filter((text): text is string => text !== null)
    .flatMap((text) => text.split(/[;,]/))
    .map((name) => name.trim())
    .filter((name) => name !== '');
  return [...new Set(specialties)];
}

/** `dataAtualizacao` as an ISO date; null when it is not a real calendar date we can read. */
function toIsoDate(value: string | null): string | null {
  if (!value) return null;
  const brazilian = /^(\d{2})\/(\d{2})\/(\d{4})(?:\s.*)?$/.exec(value);
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T\s].*)?$/.exec(value);
  const parts = brazilian
    ? [brazilian[3], brazilian[2], brazilian[1]]
    : iso
      ? [iso[1], iso[2], iso[3]]
      : null;
  if (!parts) return null;
  const [year, month, day] = parts.map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  // Rejects 31/02/2024 and similar, which Date.UTC would silently roll over.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return null;
  }
  return date.toISOString().slice(0, 10);
}

const failure = (reason: string, raw: string | null): LicenceCheckResult => ({
  outcome: 'error',
  reason,
  raw,
});

/** Turns one HTTP exchange with CFM into a check result; pure, so every response shape is testable. */
function interpretConsultarResponse(
  status: number,
  raw: string,
  expected: { crm: string; uf: string },
): LicenceCheckResult {
  const isWellFormed = raw.trim() !== '' && XMLValidator.validate(raw) === true;
  const document = isWellFormed ? asNode(xmlParser.parse(raw)) : null;
  const body = asNode(asNode(document?.Envelope)?.Body);
  // A Fault is checked before the status: JAX-WS sends it with HTTP 500, and it says more than "500".
  if (body && 'Fault' in body) return failure(REASON_FAULT, raw);
  if (status < 200 || status > 299)
    return failure(`O serviço do CFM respondeu com erro HTTP ${status}.`, raw);
  if (!isWellFormed) return failure(REASON_MALFORMED, raw);

  const response = asNode(body?.ConsultarResponse);
  if (!response) return failure(REASON_UNEXPECTED, raw);
  // Clients in the wild see the record as `dadosMedico` or `return`, with `codigoErro` inside it or
  // directly under the response element; accept all of them rather than guess one.
  const record = asNode(response.dadosMedico) ?? asNode(response.return);
  const errorCode = textOf(response.codigoErro) ?? textOf(record?.codigoErro);
  if (errorCode === CFM_NOT_FOUND_CODE) return { outcome: 'not_found', raw };
  if (errorCode) {
    const known = Object.hasOwn(CFM_ERROR_REASONS, errorCode) ? CFM_ERROR_REASONS[errorCode] : undefined;
    return failure(known ?? `O serviço do CFM retornou o erro de código ${errorCode}.`, raw);
  }
  if (!record) return failure(REASON_UNEXPECTED, raw);

  // Attributing another physician's status to this one would be worse than no answer.
  const crm = textOf(record.crm);
  const uf = textOf(record.uf);
  if ((crm !== null && crm.replace(/^0+/, '') !== expected.crm) || (uf !== null && uf !== expected.uf)) {
    return failure(REASON_OTHER_RECORD, raw);
  }
  const situationCode = textOf(record.situacao);
  if (!situationCode) return failure(REASON_NO_SITUATION, raw);
  const situation = describeCfmSituation(situationCode);
  const registrationCode = textOf(record.tipoInscricao);
  return {
    outcome: 'found',
    isActive: situation.isActive,
    situation: situation.code,
    situationLabel: situation.label,
    registrationType: registrationCode ? describeCfmRegistrationType(registrationCode) : null,
    specialties: normaliseSpecialties(record.especialidade),
    councilUpdatedAt: toIsoDate(textOf(record.dataAtualizacao)),
    raw,
  };
}

/**
 * Rejects when the signal aborts even if the injected fetch ignores signals, so the timeout is a promise
 * the adapter keeps itself rather than one it delegates.
 */
function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

const isTimeout = (error: unknown): boolean =>
  error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');

const formatSeconds = (ms: number): string =>
  `${new Intl.NumberFormat('pt-BR', { maximumFractionDigits: 3 }).format(ms / 1000)} s`;

/** Creates the CFM registry adapter (source `cfm_ws`, CRM only). Throws only on missing configuration. */
export function createCfmSoapRegistry(options: CfmSoapRegistryOptions): LicenceRegistry {
  // Fail at boot, not on the first check: without these every check would be an error anyway.
  if (options.url.trim() === '') throw new TypeError('createCfmSoapRegistry: url is required');
  if (options.key.trim() === '') throw new TypeError('createCfmSoapRegistry: key is required');
  const timeoutMs = options.timeoutMs ?? CFM_DEFAULT_TIMEOUT_MS;
  const doFetch = options.fetch ?? fetch;

  return {
    source: 'cfm_ws',
    supports: (council) => council === 'CRM',
    async check(query) {
      const validated = validateQuery(query);
      if (!validated.isValid) return failure(validated.reason, null);
      const expected = { crm: validated.crm, uf: validated.uf };

      const signal = AbortSignal.timeout(timeoutMs);
      let status: number;
      let raw: string;
      try {
        const response = await abortable(
          doFetch(options.url, {
            method: 'POST',
            headers: {
              'Content-Type': 'text/xml; charset=utf-8',
              // SOAP 1.1 requires the header; CFM's WSDL declares an empty action.
              SOAPAction: '""',
              Accept: 'text/xml',
            },
            body: buildConsultarEnvelope({ ...expected, key: options.key }),
            signal,
          }),
          signal,
        );
        status = response.status;
        raw = await abortable(response.text(), signal);
      } catch (error) {
        if (isTimeout(error) || signal.aborted) {
          return failure(
            `O serviço do CFM não respondeu dentro do limite de ${formatSeconds(timeoutMs)}; tente novamente.`,
            null,
          );
        }
        return failure(REASON_NETWORK, null);
      }

      try {
        return interpretConsultarResponse(status, raw, expected);
      } catch {
        return failure(REASON_INTERNAL, raw);
      }
    },
  };
}
