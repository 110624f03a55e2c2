import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../trpc/trpc';

/** Product, version and clinic; shared by the header and the home page through the query cache. */
export function useSystemInfo() {
  const trpc = useTRPC();
  return useQuery(trpc.system.info.queryOptions(undefined, { staleTime: 5 * 60_000 }));
}
