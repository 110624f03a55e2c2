import { STAFF_ROLE_LABELS, type TPermissionAction } from '@clinia/contracts';
import { useQuery } from '@tanstack/react-query';
import { createContext, useContext } from 'react';
import { type TRouterOutputs, useTRPC } from '../../trpc/trpc';

export type TMe = TRouterOutputs['auth']['me'];

const DEFAULT_TIME_ZONE = 'America/Sao_Paulo';

/**
 * The signed-in user. Fetched when a signed-in page mounts and after sign-in steps, never on a timer or
 * on window focus: a screen left alone must let the server's idle timeout expire the session.
 */
export function useMe() {
  const trpc = useTRPC();
  return useQuery(trpc.auth.me.queryOptions(undefined, { staleTime: 5 * 60_000, retry: false }));
}

export const SignedInUserContext = createContext<TMe | null>(null);

/** The signed-in user inside the guarded app (RequireSession provides it). */
export function useSignedInUser(): TMe {
  const me = useContext(SignedInUserContext);
  if (!me) {
    throw new Error('useSignedInUser() is only available below <RequireSession>');
  }
  return me;
}

/**
 * Whether the server will let this user take the action now (its permission matrix, licence and MFA
 * included; an action behind a step-up counts, the screen asks for it). Screens offer only what is
 * allowed: a refused call is audited as a denied access.
 */
export function canDo(me: Pick<TMe, 'allowedActions'>, action: TPermissionAction): boolean {
  return me.allowedActions.includes(action);
}

/** The clinic the session acts in: name and time zone for the header, dates and forms. */
export function activeClinicOf(me: TMe): { id: string; name: string; timeZone: string } {
  const clinic = me.clinics.find((c) => c.id === me.clinicId);
  return { id: me.clinicId, name: clinic?.name ?? '', timeZone: clinic?.timeZone ?? DEFAULT_TIME_ZONE };
}

/** "Gestor(a)", or "Médico(a), Gestor(a)": the user's roles in the active clinic. */
export function roleLabelsOf(me: Pick<TMe, 'roles'>): string {
  return me.roles.map((role) => STAFF_ROLE_LABELS[role]).join(', ');
}
