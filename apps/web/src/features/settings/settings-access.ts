import type { TStaffRole } from '@clinia/contracts';

export type TSettingsTab = 'team' | 'clinic' | 'policy' | 'agenda';

export type TSettingsAccess = {
  tabs: TSettingsTab[];
  /** Editing mirrors the server's matrix: staff, clinic and policy changes are the manager's. */
  canManage: boolean;
};

/**
 * Which settings tabs a user sees in the active clinic. Everyone reads the team and the clinic; the
 * competence policy concerns those who manage or practise, so reception does not get the tab.
 */
export function settingsAccessOf(roles: readonly TStaffRole[]): TSettingsAccess {
  const seesPolicy = roles.some((role) => role !== 'recepcionista');
  // The agenda's resources are read by everyone who works the agenda (not the DPO alone).
  const seesAgenda = roles.some((role) => role !== 'encarregado_dados');
  return {
    tabs: [
      'team',
      'clinic',
      ...(seesPolicy ? (['policy'] as const) : []),
      ...(seesAgenda ? (['agenda'] as const) : []),
    ],
    canManage: roles.includes('gestor'),
  };
}

/** The tab in the address (`?aba=`), falling back to the first one the user can see. */
export function tabFromParam(param: string | null, tabs: readonly TSettingsTab[]): TSettingsTab {
  const fromParam = Object.entries(TAB_PARAMS).find(([, value]) => value === param)?.[0] as
    | TSettingsTab
    | undefined;
  return fromParam && tabs.includes(fromParam) ? fromParam : (tabs[0] ?? 'team');
}

/** Tab names as they appear in the address bar (pt-BR, like the paths). */
export const TAB_PARAMS: Record<TSettingsTab, string> = {
  team: 'equipe',
  clinic: 'clinica',
  policy: 'competencias',
  agenda: 'agenda',
};
