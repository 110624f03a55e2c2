/**
 * One error type for the whole backend. Services throw AppError; the tRPC layer and the HTTP error
 * handler translate it with toTransportCode(), the only code → status mapping in the codebase.
 * userMessage is pt-BR and shown to users; it must never contain personal data (ids only).
 */

export const GENERIC_ERROR_CODES = [
  'BAD_REQUEST',
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'INVALID_STATE',
  'RATE_LIMITED',
  'UNAVAILABLE',
  'INTERNAL',
] as const;
export type GenericErrorCode = (typeof GENERIC_ERROR_CODES)[number];

/** Transport-level categories, named as tRPC names them. */
export type TransportCode =
  | 'BAD_REQUEST'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'PRECONDITION_FAILED'
  | 'UNPROCESSABLE_CONTENT'
  | 'TOO_MANY_REQUESTS'
  | 'SERVICE_UNAVAILABLE'
  | 'INTERNAL_SERVER_ERROR';

const GENERIC_TRANSPORT: Record<GenericErrorCode, TransportCode> = {
  BAD_REQUEST: 'BAD_REQUEST',
  VALIDATION_FAILED: 'BAD_REQUEST',
  UNAUTHENTICATED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  INVALID_STATE: 'PRECONDITION_FAILED',
  RATE_LIMITED: 'TOO_MANY_REQUESTS',
  UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  INTERNAL: 'INTERNAL_SERVER_ERROR',
};

export const HTTP_STATUS: Record<TransportCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PRECONDITION_FAILED: 412,
  UNPROCESSABLE_CONTENT: 422,
  TOO_MANY_REQUESTS: 429,
  SERVICE_UNAVAILABLE: 503,
  INTERNAL_SERVER_ERROR: 500,
};

const DEFAULT_USER_MESSAGES: Record<GenericErrorCode, string> = {
  BAD_REQUEST: 'Requisição inválida.',
  VALIDATION_FAILED: 'Alguns campos estão inválidos. Confira e tente novamente.',
  UNAUTHENTICATED: 'Sua sessão expirou. Entre novamente.',
  FORBIDDEN: 'Você não tem permissão para esta ação.',
  NOT_FOUND: 'Registro não encontrado.',
  CONFLICT: 'Este registro foi alterado ou já existe. Atualize a página e tente novamente.',
  INVALID_STATE: 'Esta ação não é possível no estado atual do registro.',
  RATE_LIMITED: 'Muitas tentativas. Aguarde um pouco e tente novamente.',
  UNAVAILABLE: 'Serviço temporariamente indisponível. Tente novamente em instantes.',
  INTERNAL: 'Ocorreu um erro inesperado. Nossa equipe foi notificada; tente novamente.',
};

export const GENERIC_INTERNAL_MESSAGE = DEFAULT_USER_MESSAGES.INTERNAL;

export type AppErrorOptions = {
  /** pt-BR message safe to show the user. Ids only, never personal data. */
  userMessage?: string;
  /** Structured, non-personal details (field names, conflicting resource kinds, ids). */
  details?: Record<string, unknown>;
  /** Generic category when `code` is a domain code (e.g. APPOINTMENT_SLOT_TAKEN → CONFLICT). */
  kind?: GenericErrorCode;
  cause?: unknown;
};

export class AppError extends Error {
  readonly code: string;
  readonly kind: GenericErrorCode;
  readonly userMessage: string;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: string, options: AppErrorOptions = {}) {
    super(code, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.kind =
      options.kind ??
      ((GENERIC_ERROR_CODES as readonly string[]).includes(code)
        ? (code as GenericErrorCode)
        : 'BAD_REQUEST');
    this.userMessage = options.userMessage ?? DEFAULT_USER_MESSAGES[this.kind];
    this.details = options.details;
  }
}

export const isAppError = (error: unknown): error is AppError => error instanceof AppError;

/** The single mapping from an AppError to its transport code (and, through HTTP_STATUS, its status). */
export function toTransportCode(error: AppError): TransportCode {
  return GENERIC_TRANSPORT[error.kind];
}
