import type { TRouterOutputs } from '../../trpc/trpc';

export type TClientProfile = TRouterOutputs['clients']['get'];
