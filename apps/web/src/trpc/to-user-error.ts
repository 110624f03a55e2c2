import { TRPCClientError } from '@trpc/client';
import type { TFunction } from 'i18next';

function userMessageOf(data: unknown): string | undefined {
  if (typeof data === 'object' && data !== null && 'userMessage' in data) {
    const { userMessage } = data as { userMessage: unknown };
    return typeof userMessage === 'string' && userMessage.length > 0 ? userMessage : undefined;
  }
  return undefined;
}

/** The one place that turns any thrown value into a sentence a clinic user can read. */
export function toUserError(error: unknown, t: TFunction): string {
  if (error instanceof TRPCClientError) {
    const userMessage = userMessageOf(error.data);
    if (userMessage) {
      return userMessage;
    }
    // No response at all (server down, network gone) surfaces as a fetch TypeError without `data`.
    return error.data === undefined || error.data === null ? t('errors.network') : t('errors.server');
  }
  return t('errors.unexpected');
}
