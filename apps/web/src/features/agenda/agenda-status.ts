import type { TAppointmentStatus } from '@clinia/contracts';

/**
 * How each status looks on the grid: a calm light fill and a stronger left edge. The accent (sage) marks
 * the normal path; amber asks for attention (arrived, waiting); red only for a no-show.
 */
export const STATUS_STYLE: Record<
  TAppointmentStatus,
  { background: string; edge: string; text: string; dashed?: boolean }
> = {
  reservado: {
    background: 'var(--mantine-color-stone-0)',
    edge: 'var(--mantine-color-stone-5)',
    text: 'var(--mantine-color-stone-8)',
    dashed: true,
  },
  agendado: {
    background: 'var(--mantine-color-sage-0)',
    edge: 'var(--mantine-color-sage-4)',
    text: 'var(--mantine-color-stone-9)',
  },
  confirmado: {
    background: 'var(--mantine-color-sage-1)',
    edge: 'var(--mantine-color-sage-7)',
    text: 'var(--mantine-color-stone-9)',
  },
  chegou: {
    background: 'var(--mantine-color-yellow-0)',
    edge: 'var(--mantine-color-yellow-6)',
    text: 'var(--mantine-color-stone-9)',
  },
  em_atendimento: {
    background: 'var(--mantine-color-sage-7)',
    edge: 'var(--mantine-color-sage-9)',
    text: 'var(--mantine-color-white)',
  },
  concluido: {
    background: 'var(--mantine-color-stone-1)',
    edge: 'var(--mantine-color-stone-4)',
    text: 'var(--mantine-color-stone-7)',
  },
  cancelado: {
    background: 'var(--mantine-color-stone-0)',
    edge: 'var(--mantine-color-stone-3)',
    text: 'var(--mantine-color-stone-6)',
    dashed: true,
  },
  faltou: {
    background: 'var(--mantine-color-red-0)',
    edge: 'var(--mantine-color-red-6)',
    text: 'var(--mantine-color-stone-9)',
  },
  remarcado: {
    background: 'var(--mantine-color-stone-0)',
    edge: 'var(--mantine-color-stone-3)',
    text: 'var(--mantine-color-stone-6)',
    dashed: true,
  },
};

/** Statuses whose appointment can still be dragged to another time. */
export const MOVABLE_STATUSES: readonly TAppointmentStatus[] = ['agendado', 'confirmado'];

/** The status actions a receptionist sees for each status (cancel and reschedule are separate). */
export const NEXT_STATUS_ACTIONS: Partial<
  Record<TAppointmentStatus, readonly ('confirmado' | 'chegou' | 'em_atendimento' | 'concluido' | 'faltou')[]>
> = {
  agendado: ['confirmado', 'chegou', 'faltou'],
  confirmado: ['chegou', 'faltou'],
  chegou: ['em_atendimento'],
  em_atendimento: ['concluido'],
};
