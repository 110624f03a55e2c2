import type { TRouterOutputs } from '../../trpc/trpc';

export type TStaffMember = TRouterOutputs['staff']['list'][number];
export type TStaffLicence = TStaffMember['licences'][number];
