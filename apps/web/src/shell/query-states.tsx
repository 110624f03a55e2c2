import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { QueryErrorState } from './query-error-state';

export type TQueryStatesProps<TItem, TError> = {
  query: UseQueryResult<TItem[], TError>;
  /** Shown while the first page loads: a skeleton of the list's size. */
  loading: ReactNode;
  /** Shown when the list loaded with nothing in it. */
  empty: ReactNode;
  children: (items: TItem[]) => ReactNode;
};

/**
 * The states a list query passes through before its rows: loading, failed (with a retry), empty. Only
 * a non-empty list reaches `children`.
 */
export function QueryStates<TItem, TError>({
  query,
  loading,
  empty,
  children,
}: TQueryStatesProps<TItem, TError>) {
  if (query.isPending) {
    return loading;
  }
  if (query.isError) {
    return <QueryErrorState error={query.error} onRetry={() => void query.refetch()} />;
  }
  return query.data.length === 0 ? empty : children(query.data);
}
