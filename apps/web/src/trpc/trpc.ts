import type { AppRouter } from '@clinia/server';
import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink } from '@trpc/client';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import { getCsrfToken, rememberCsrfTokenFrom } from './csrf-token';
import { httpStatusOf } from './to-user-error';

export const { TRPCProvider, useTRPC } = createTRPCContext<AppRouter>();

export type TRouterOutputs = inferRouterOutputs<AppRouter>;
export type TRouterInputs = inferRouterInputs<AppRouter>;

export function createTrpcClient() {
  return createTRPCClient<AppRouter>({
    links: [
      // Subscriptions (live agenda) over server-sent events; the session cookie goes with them.
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: httpSubscriptionLink({ url: '/trpc', eventSourceOptions: { withCredentials: true } }),
        false: httpBatchLink({
          url: '/trpc',
          // The server accepts a signed-in mutation only with the token derived from its session.
          headers() {
            const token = getCsrfToken();
            return token ? { 'x-csrf-token': token } : {};
          },
        }),
      }),
    ],
  });
}

/**
 * Whether a TanStack query key belongs to a tRPC procedure, e.g. `isProcedureKey(key, 'auth.me')`.
 * tRPC keys start with the procedure path split on dots.
 */
export function isProcedureKey(queryKey: readonly unknown[], path: string): boolean {
  const head = queryKey[0];
  return Array.isArray(head) && head.join('.') === path;
}

export type TQueryClientEvents = {
  /** A refetch failed for a query that already shows data; a query without data shows its own error. */
  onBackgroundError: (error: Error) => void;
  /** Any query or mutation failed; used for errors that concern the whole app (session lost, MFA). */
  onError: (error: Error) => void;
};

/** Client errors (4xx) will not change on retry; a signed-out or forbidden request must not be repeated. */
function shouldRetry(failureCount: number, error: Error): boolean {
  const status = httpStatusOf(error);
  return failureCount < 1 && (status === null || status >= 500);
}

export function createQueryClient(events: TQueryClientEvents): QueryClient {
  const queryCache = new QueryCache({
    onSuccess: (data, query) => {
      if (isProcedureKey(query.queryKey, 'auth.me')) {
        rememberCsrfTokenFrom(data);
      }
    },
    onError: (error, query) => {
      events.onError(error);
      if (query.state.data !== undefined) {
        events.onBackgroundError(error);
      }
    },
  });
  return new QueryClient({
    queryCache,
    mutationCache: new MutationCache({
      onSuccess: (data, _variables, _context, mutation) => {
        const key = mutation.options.mutationKey ?? [];
        if (isProcedureKey(key, 'auth.signIn') || isProcedureKey(key, 'staff.acceptInvitation')) {
          rememberCsrfTokenFrom(data);
        }
      },
      onError: (error) => events.onError(error),
    }),
    defaultOptions: {
      // No background refetching: an idle screen must let the server's idle timeout end the session.
      queries: { staleTime: 30_000, retry: shouldRetry, refetchOnWindowFocus: false },
    },
  });
}
