import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * pino JSON logs with personal data removed twice over: by key (anything named like a name, CPF,
 * phone, e-mail, birth date, address, notes, password, token, secret…) at any depth, and by value
 * pattern (CPF, CNPJ, e-mail, Brazilian phone) inside every string, including the message itself and
 * error messages and stacks. Redaction runs on every log line, so no call site can forget it.
 */

export type { Logger };

export const REDACTED = '[redacted]';

/** Keys whose values are personal or secret, compared after lower-casing and dropping non-letters. */
const SENSITIVE_EXACT = new Set([
  'name',
  'fullname',
  'socialname',
  'nomesocial',
  'nome',
  'firstname',
  'lastname',
  'surname',
  'mothername',
  'cpf',
  'cnpj',
  'rg',
  'cns',
  'phone',
  'phones',
  'mobile',
  'telefone',
  'celular',
  'whatsapp',
  'email',
  'emails',
  'birthdate',
  'dateofbirth',
  'dob',
  'nascimento',
  'address',
  'endereco',
  'street',
  'logradouro',
  'cep',
  'zipcode',
  'postalcode',
  'notes',
  'note',
  'observacoes',
  'password',
  'senha',
  'token',
  'secret',
  'authorization',
  'cookie',
  'setcookie',
  'apikey',
  'otp',
  'totp',
  'mfacode',
  'recoverycode',
  'signature',
  'ip',
  'useragent',
]);
const SENSITIVE_PARTS = [
  'password',
  'passwd',
  'secret',
  'token',
  'cpf',
  'phone',
  'email',
  'birth',
  'address',
  'cookie',
  'apikey',
  'privatekey',
  'masterkey',
];

export function isSensitiveKey(key: string): boolean {
  const k = key.toLowerCase().replace(/[^a-z]/g, '');
  return SENSITIVE_EXACT.has(k) || SENSITIVE_PARTS.some((part) => k.includes(part));
}

// Boundaries exclude word characters and hyphens so UUIDs, ISO dates and request ids stay readable.
const VALUE_PATTERNS: RegExp[] = [
  /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, // e-mail
  /(?<![\w-])[0-9A-Z]{2}\.?[0-9A-Z]{3}\.?[0-9A-Z]{3}\/?[0-9A-Z]{4}-?\d{2}(?![\w-])/g, // CNPJ (numeric or alphanumeric)
  /(?<![\w-])\d{3}\.?\d{3}\.?\d{3}-?\d{2}(?![\w-])/g, // CPF
  /(?<![\w-])(?:\+?55[\s-]?)?\(?\d{2}\)?[\s-]?9?\d{4}[\s-]?\d{4}(?![\w-])/g, // Brazilian phone
];

export function redactString(value: string): string {
  let out = value;
  for (const pattern of VALUE_PATTERNS) out = out.replace(pattern, REDACTED);
  return out;
}

/** Deep copy of `value` with sensitive keys and personal-looking strings replaced. */
export function redactPersonalData(value: unknown, depth = 0): unknown {
  if (depth > 12) return '[depth]';
  if (typeof value === 'string') return redactString(value);
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return value;
  if (value instanceof Error) {
    const out: Record<string, unknown> = {
      type: value.name,
      message: redactString(value.message),
      stack: value.stack ? redactString(value.stack) : undefined,
    };
    const code = (value as { code?: unknown }).code;
    if (typeof code === 'string') out.code = code;
    if (value.cause !== undefined) out.cause = redactPersonalData(value.cause, depth + 1);
    return out;
  }
  if (Array.isArray(value)) return value.map((item) => redactPersonalData(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    out[key] =
      isSensitiveKey(key) && inner !== null && inner !== undefined
        ? REDACTED
        : redactPersonalData(inner, depth + 1);
  }
  return out;
}

export type LoggerOptions = { level: string; pretty?: boolean; destination?: DestinationStream };

export function createLogger(options: LoggerOptions): Logger {
  const transport =
    options.pretty && !options.destination
      ? pino.transport({ target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss' } })
      : undefined;
  return pino(
    {
      level: options.level,
      base: { service: 'clinia' },
      timestamp: pino.stdTimeFunctions.isoTime,
      messageKey: 'msg',
      formatters: {
        level: (label) => ({ level: label }),
        bindings: (bindings) => redactPersonalData(bindings) as Record<string, unknown>,
        log: (object) => redactPersonalData(object) as Record<string, unknown>,
      },
      hooks: {
        logMethod(args, method) {
          const scrubbed = args.map((arg) => (typeof arg === 'string' ? redactString(arg) : arg));
          return method.apply(this, scrubbed as Parameters<typeof method>);
        },
      },
    },
    // Synchronous writes: a crash or process.exit() must not swallow the last lines.
    options.destination ?? transport ?? pino.destination({ dest: 1, sync: true }),
  );
}
