import { formatDateTime, formatTime } from '@clinia/ui';
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Divider,
  Drawer,
  Group,
  SegmentedControl,
  Skeleton,
  Stack,
  Text,
  Textarea,
  Timeline,
} from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toUserError } from '../../trpc/to-user-error';
import { type TRouterOutputs, useTRPC } from '../../trpc/trpc';
import { MessageTimeline } from '../messaging/message-timeline';
import { AppointmentRisk } from '../prediction/appointment-risk';
import { NEXT_STATUS_ACTIONS, STATUS_STYLE } from './agenda-status';
import { formatLongDate, formatShortDay, localDateOf } from './agenda-time';
import touch from './appointment-drawer.module.css';
import { useInvalidateAgenda } from './use-agenda-live';

type TAppointment = TRouterOutputs['agenda']['get'];

export type TAppointmentDrawerProps = {
  appointmentId: string | null;
  timeZone: string;
  canBook: boolean;
  onClose: () => void;
  /** Opens another appointment (an earlier one this was rescheduled from). */
  onOpenOther: (id: string) => void;
};

/** One appointment: details, status actions (check-in first), cancel with reason, history. */
export function AppointmentDrawer({
  appointmentId,
  timeZone,
  canBook,
  onClose,
  onOpenOther,
}: TAppointmentDrawerProps) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const appointment = useQuery(
    trpc.agenda.get.queryOptions({ id: appointmentId ?? '' }, { enabled: appointmentId !== null }),
  );
  return (
    <Drawer
      opened={appointmentId !== null}
      onClose={onClose}
      position="right"
      size={420}
      title={t('agenda.drawer.title')}
      closeButtonProps={{ 'aria-label': t('agenda.drawer.close'), ...{ 'data-testid': 'drawer-close' } }}
      data-testid="appointment-drawer"
      classNames={{ content: touch.touch }}
    >
      {appointment.isPending ? (
        <Skeleton height={240} />
      ) : appointment.isError ? (
        <Alert color="red">{toUserError(appointment.error, t)}</Alert>
      ) : (
        <AppointmentDetails
          key={`${appointment.data.id}-${appointment.data.version}`}
          appointment={appointment.data}
          timeZone={timeZone}
          canBook={canBook}
          onOpenOther={onOpenOther}
        />
      )}
    </Drawer>
  );
}

/** Remarcar: the next free times for the same client and treatment; picking one moves the appointment. */
function Reschedule({
  appointment: a,
  timeZone,
  onMoved,
}: {
  appointment: TAppointment;
  timeZone: string;
  onMoved: (id: string) => void;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const invalidateAgenda = useInvalidateAgenda();
  const [open, setOpen] = useState(false);
  const [sameProfessional, setSameProfessional] = useState(true);
  const slots = useQuery(
    trpc.agenda.availability.queryOptions(
      {
        treatmentId: a.treatmentId,
        clientId: a.clientId,
        // A review moves to any free time; an application keeps the treatment's minimum interval.
        purpose: a.purpose,
        ...(sameProfessional ? { professionalId: a.professionalId } : {}),
        limit: 9,
      },
      { enabled: open },
    ),
  );
  const move = useMutation(
    trpc.agenda.move.mutationOptions({
      onSuccess: (result) => {
        void invalidateAgenda();
        onMoved(result.appointment.id);
      },
    }),
  );
  if (!open) {
    return (
      <Group gap="xs">
        <Button variant="default" onClick={() => setOpen(true)} data-testid="drawer-reschedule">
          {t('agenda.drawer.reschedule')}
        </Button>
        <Text size="xs" c="dimmed" style={{ flex: 1 }}>
          {t('agenda.drawer.rescheduleHint')}
        </Text>
      </Group>
    );
  }
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Text size="sm" fw={500}>
          {t('agenda.drawer.rescheduleTitle')}
        </Text>
        <Checkbox
          size="xs"
          label={t('agenda.drawer.sameProfessional')}
          checked={sameProfessional}
          onChange={(event) => setSameProfessional(event.currentTarget.checked)}
        />
      </Group>
      {slots.isPending ? (
        <Skeleton height={60} />
      ) : slots.isError ? (
        <Alert color="red">{toUserError(slots.error, t)}</Alert>
      ) : slots.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('agenda.booking.noSlots')}
        </Text>
      ) : (
        <Group gap={6}>
          {slots.data.map((slot) => (
            <Button
              key={`${slot.startsAt}|${slot.professionalId}|${slot.roomId ?? ''}`}
              variant="default"
              size="compact-sm"
              loading={move.isPending && move.variables?.startsAt === slot.startsAt}
              onClick={() =>
                move.mutate({
                  appointmentId: a.id,
                  startsAt: slot.startsAt,
                  professionalId: slot.professionalId,
                  roomId: slot.roomId,
                  version: a.version,
                })
              }
              title={slot.professionalName}
            >
              {formatShortDay(localDateOf(slot.startsAt, timeZone))} · {formatTime(slot.startsAt, timeZone)}
              {sameProfessional ? '' : ` · ${slot.professionalName.split(' ')[0]}`}
            </Button>
          ))}
        </Group>
      )}
      {move.error ? (
        <Alert color="red" role="alert">
          {toUserError(move.error, t)}
        </Alert>
      ) : null}
      <Group justify="flex-end">
        <Button variant="subtle" size="compact-sm" onClick={() => setOpen(false)}>
          {t('agenda.back')}
        </Button>
      </Group>
    </Stack>
  );
}

function AppointmentDetails({
  appointment: a,
  timeZone,
  canBook,
  onOpenOther,
}: {
  appointment: TAppointment;
  timeZone: string;
  canBook: boolean;
  onOpenOther: (id: string) => void;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const invalidateAgenda = useInvalidateAgenda();
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState('');
  const [by, setBy] = useState<'cliente' | 'clinica'>('cliente');
  const transition = useMutation(
    trpc.agenda.transition.mutationOptions({ onSuccess: () => void invalidateAgenda() }),
  );
  const cancel = useMutation(
    trpc.agenda.cancel.mutationOptions({
      onSuccess: () => {
        setCancelling(false);
        void invalidateAgenda();
      },
    }),
  );
  const previous = useQuery(
    trpc.agenda.get.queryOptions({ id: a.rescheduledFrom ?? '' }, { enabled: a.rescheduledFrom !== null }),
  );
  // Arrival is for today's appointments; a no-show only once the time has come.
  const now = Date.now();
  const isToday = localDateOf(new Date(now), timeZone) === localDateOf(a.startsAt, timeZone);
  const actions = (NEXT_STATUS_ACTIONS[a.status] ?? []).filter(
    (to) => (to !== 'chegou' || isToday) && (to !== 'faltou' || Date.parse(a.startsAt) <= now),
  );
  const canCancel = canBook && ['reservado', 'agendado', 'confirmado', 'chegou'].includes(a.status);
  const error = transition.error ?? cancel.error;
  const style = STATUS_STYLE[a.status];

  return (
    <Stack gap="md">
      <Stack gap={4}>
        <Group justify="space-between" wrap="nowrap">
          <Text fw={600} size="lg" data-testid="drawer-client">
            {a.clientName}
          </Text>
          <Badge
            variant="outline"
            style={{
              flex: 'none',
              background: style.background,
              borderColor: style.edge,
              color: 'var(--mantine-color-stone-9)',
            }}
            data-testid="drawer-status"
          >
            {t(`agenda.status.${a.status}`)}
          </Badge>
        </Group>
        <Text>
          {a.purpose === 'revisao'
            ? t('agenda.drawer.review', { treatment: a.treatmentName })
            : a.treatmentName}
        </Text>
        <Text size="sm" style={{ fontVariantNumeric: 'tabular-nums' }}>
          {formatLongDate(localDateOf(a.startsAt, timeZone))}, {formatTime(a.startsAt, timeZone)}–
          {formatTime(a.serviceEndsAt, timeZone)}
        </Text>
        <Text size="sm" c="dimmed">
          {[a.professionalName, a.roomName].filter(Boolean).join(' · ')}
        </Text>
        {a.notes ? (
          <Text size="sm" c="dimmed">
            {a.notes}
          </Text>
        ) : null}
      </Stack>

      {actions.length > 0 ? (
        <Group gap="xs">
          {actions.map((to, index) => (
            <Button
              key={to}
              variant={to === 'faltou' ? 'default' : index === 0 ? 'filled' : 'light'}
              color={to === 'faltou' ? 'red' : undefined}
              loading={transition.isPending && transition.variables?.to === to}
              onClick={() => transition.mutate({ appointmentId: a.id, to, version: a.version })}
            >
              {t(`agenda.drawer.actions.${to}`)}
            </Button>
          ))}
        </Group>
      ) : null}
      {canBook && ['agendado', 'confirmado'].includes(a.status) ? (
        <Reschedule appointment={a} timeZone={timeZone} onMoved={onOpenOther} />
      ) : null}

      {canCancel && !cancelling ? (
        <Button variant="subtle" color="red" onClick={() => setCancelling(true)} data-testid="drawer-cancel">
          {t('agenda.drawer.cancel')}
        </Button>
      ) : null}
      {cancelling ? (
        <Stack gap="xs">
          <SegmentedControl
            value={by}
            onChange={(value) => setBy(value as 'cliente' | 'clinica')}
            data={[
              { value: 'cliente', label: t('agenda.drawer.byClient') },
              { value: 'clinica', label: t('agenda.drawer.byClinic') },
            ]}
          />
          <Textarea
            label={t('agenda.drawer.reason')}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            autosize
            minRows={2}
            maxLength={300}
          />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={() => setCancelling(false)}>
              {t('agenda.back')}
            </Button>
            <Button
              color="red"
              disabled={reason.trim().length === 0}
              loading={cancel.isPending}
              onClick={() =>
                cancel.mutate({ appointmentId: a.id, by, reason: reason.trim(), version: a.version })
              }
              data-testid="drawer-confirm-cancel"
            >
              {t('agenda.drawer.confirmCancel')}
            </Button>
          </Group>
        </Stack>
      ) : null}

      {error ? (
        <Alert color="red" role="alert">
          {toUserError(error, t)}
        </Alert>
      ) : null}

      <AppointmentRisk appointment={a} timeZone={timeZone} canAct={canBook} />

      <Divider label={t('agenda.drawer.history')} labelPosition="left" />
      <Timeline bulletSize={12} lineWidth={2} active={-1}>
        <Timeline.Item title={t('agenda.drawer.booked', { channel: t(`agenda.channels.${a.channel}`) })}>
          {a.seriesId ? (
            <Text size="xs" c="dimmed">
              {t('agenda.drawer.inSeries')}
            </Text>
          ) : null}
        </Timeline.Item>
        {a.rescheduleCount > 0 ? (
          <Timeline.Item title={t('agenda.drawer.rescheduled', { count: a.rescheduleCount })}>
            {previous.data ? (
              <Button variant="subtle" size="compact-xs" px={0} onClick={() => onOpenOther(previous.data.id)}>
                {t('agenda.drawer.previous', { when: formatDateTime(previous.data.startsAt, timeZone) })}
              </Button>
            ) : null}
          </Timeline.Item>
        ) : null}
        {a.status === 'cancelado' ? (
          <Timeline.Item
            title={t('agenda.drawer.cancelledBy', {
              by: a.cancelledBy === 'clinica' ? t('agenda.drawer.byClinic') : t('agenda.drawer.byClient'),
            })}
          >
            <Text size="xs" c="dimmed">
              {a.cancellationReason}
              {a.cancelledLate ? ` · ${t('agenda.drawer.late')}` : ''}
            </Text>
          </Timeline.Item>
        ) : null}
        {!['agendado', 'reservado', 'cancelado'].includes(a.status) ? (
          <Timeline.Item title={t(`agenda.status.${a.status}`)} />
        ) : null}
      </Timeline>
      {canBook ? (
        <Stack gap="xs" data-testid="drawer-messages">
          <Divider label={t('agenda.drawer.messages')} labelPosition="left" />
          <MessageTimeline appointmentId={a.id} compact />
        </Stack>
      ) : null}
    </Stack>
  );
}
