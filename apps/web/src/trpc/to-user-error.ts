import { TRPCClientError } from '@trpc/client';
import type { TFunction } from 'i18next';

/** What the server's error formatter puts in `error.data` (see packages/server/src/trpc/init.ts). */
type TErrorData = {
  appCode?: unknown;
  userMessage?: unknown;
  httpStatus?: unknown;
  details?: unknown;
  fieldErrors?: unknown;
};

function dataOf(error: unknown): TErrorData | null {
  if (error instanceof TRPCClientError && typeof error.data === 'object' && error.data !== null) {
    return error.data as TErrorData;
  }
  return null;
}

function userMessageOf(data: TErrorData | null): string | undefined {
  const userMessage = data?.userMessage;
  return typeof userMessage === 'string' && userMessage.length > 0 ? userMessage : undefined;
}

/** The server's machine-readable code (`SESSION_REQUIRED`, `STEP_UP_REQUIRED`…), or null. */
export function appCodeOf(error: unknown): string | null {
  const code = dataOf(error)?.appCode;
  return typeof code === 'string' ? code : null;
}

export function httpStatusOf(error: unknown): number | null {
  const status = dataOf(error)?.httpStatus;
  return typeof status === 'number' ? status : null;
}

/** The one place that turns any thrown value into a sentence a clinic user can read. */
export function toUserError(error: unknown, t: TFunction): string {
  if (error instanceof TRPCClientError) {
    const userMessage = userMessageOf(dataOf(error));
    if (userMessage) {
      return userMessage;
    }
    // No response at all (server down, network gone) surfaces as a fetch TypeError without `data`.
    return error.data === undefined || error.data === null ? t('errors.network') : t('errors.server');
  }
  return t('errors.unexpected');
}

export type TFormErrors<TField extends string> = {
  /** Messages to show under the form's own fields. */
  fields: Partial<Record<TField, string>>;
  /** A message for the whole form, when the error names none of its fields. */
  form: string | null;
};

/**
 * Splits a mutation error between a form's fields and the form itself. Input validation lists
 * `fieldErrors` ([{ field: 'licence.number', message }]); a domain error may name one field in
 * `details.field` (its userMessage then belongs under that field).
 */
export function toFormErrors<TField extends string>(
  error: unknown,
  t: TFunction,
  fields: readonly TField[],
): TFormErrors<TField> {
  if (!error) {
    return { fields: {}, form: null };
  }
  const data = dataOf(error);
  const known = new Set<string>(fields);
  const placed: Partial<Record<TField, string>> = {};
  const unplaced: string[] = [];
  if (Array.isArray(data?.fieldErrors)) {
    for (const entry of data.fieldErrors as { field?: unknown; message?: unknown }[]) {
      if (typeof entry.message !== 'string') {
        continue;
      }
      if (typeof entry.field === 'string' && known.has(entry.field)) {
        placed[entry.field as TField] ??= entry.message;
      } else {
        unplaced.push(entry.message);
      }
    }
  }
  const details = data?.details as { field?: unknown } | null | undefined;
  const message = userMessageOf(data);
  if (typeof details?.field === 'string' && known.has(details.field) && message) {
    placed[details.field as TField] = message;
  }
  const hasPlaced = Object.keys(placed).length > 0;
  return {
    fields: placed,
    form: unplaced.length > 0 ? unplaced.join(' ') : hasPlaced ? null : toUserError(error, t),
  };
}
