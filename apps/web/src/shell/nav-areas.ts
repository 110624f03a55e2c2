import type { TPermissionAction } from '@clinia/contracts';
import {
  IconCalendarEvent,
  IconCash,
  IconChartBar,
  IconChartDots3,
  IconHome2,
  IconMessageCircle,
  IconPackage,
  IconSettings,
  IconShieldCheck,
  IconSparkles,
  IconStethoscope,
  IconUsers,
} from '@tabler/icons-react';
import type { ComponentType } from 'react';

export type TAreaKey =
  | 'agenda'
  | 'clients'
  | 'messages'
  | 'sessions'
  | 'treatments'
  | 'inventory'
  | 'billing'
  | 'compliance'
  | 'reports'
  | 'noshow'
  | 'settings';

export type TNavItem = {
  key: 'home' | TAreaKey;
  path: string;
  icon: ComponentType<{ size?: number | string; stroke?: number | string }>;
  /** Only who may take this action sees the item (the server refuses the area's data to the others). */
  action?: TPermissionAction;
};

/** The product's areas in the order the navbar shows them; paths are pt-BR because users read them. */
export const navItems: readonly TNavItem[] = [
  { key: 'home', path: '/', icon: IconHome2 },
  { key: 'agenda', path: '/agenda', icon: IconCalendarEvent },
  { key: 'clients', path: '/clientes', icon: IconUsers },
  { key: 'messages', path: '/mensagens', icon: IconMessageCircle },
  { key: 'sessions', path: '/atendimentos', icon: IconStethoscope },
  { key: 'treatments', path: '/tratamentos', icon: IconSparkles },
  { key: 'inventory', path: '/estoque', icon: IconPackage },
  { key: 'billing', path: '/financeiro', icon: IconCash },
  { key: 'compliance', path: '/conformidade', icon: IconShieldCheck, action: 'audit.read' },
  { key: 'reports', path: '/relatorios', icon: IconChartBar },
  { key: 'noshow', path: '/faltas', icon: IconChartDots3, action: 'agenda.noshow.read' },
  { key: 'settings', path: '/configuracoes', icon: IconSettings },
];

export function isNavItemActive(itemPath: string, pathname: string): boolean {
  if (itemPath === '/') {
    return pathname === '/';
  }
  return pathname === itemPath || pathname.startsWith(`${itemPath}/`);
}

/** Areas whose pages are time grids and get the full width of the window. */
const WIDE_PATHS: readonly string[] = ['/agenda'];

export function isWidePath(pathname: string): boolean {
  return WIDE_PATHS.some((path) => isNavItemActive(path, pathname));
}
