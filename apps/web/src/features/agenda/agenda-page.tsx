import type { TAppointmentStatus } from '@clinia/contracts';
import { formatTimeZoneLabel, PageHeader } from '@clinia/ui';
import {
  ActionIcon,
  Alert,
  Box,
  Button,
  Group,
  Paper,
  SegmentedControl,
  Select,
  Skeleton,
  Stack,
  Text,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconAlertTriangle,
  IconCalendarEvent,
  IconCalendarPlus,
  IconChevronLeft,
  IconChevronRight,
  IconListDetails,
} from '@tabler/icons-react';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { QueryErrorState } from '../../shell/query-error-state';
import { useNow } from '../../shell/use-now';
import { appCodeOf, toUserError } from '../../trpc/to-user-error';
import { type TRouterInputs, type TRouterOutputs, useTRPC } from '../../trpc/trpc';
import { activeClinicOf, canDo, useSignedInUser } from '../identity/use-me';
import { NoShowAgendaEntry } from '../prediction/noshow-entry';
import { AgendaGrid, type TAgendaAppointment, type TGridColumn, type TGridDrop } from './agenda-grid';
import { STATUS_STYLE } from './agenda-status';
import {
  formatLongDate,
  formatShortDay,
  localDateOf,
  minutesOfDay,
  parseClock,
  shiftDate,
  weekdayOfDate,
} from './agenda-time';
import { AppointmentDrawer } from './appointment-drawer';
import { BookingModal, type TBookingPrefill } from './booking-modal';
import { useAgendaLive, useInvalidateAgenda } from './use-agenda-live';
import { WaitlistPanel } from './waitlist-panel';

type TResources = TRouterOutputs['agenda']['resources'];
type TMode = 'day' | 'week';
type TBy = 'professionals' | 'rooms';

const LEGEND: readonly TAppointmentStatus[] = [
  'agendado',
  'confirmado',
  'chegou',
  'em_atendimento',
  'concluido',
  'faltou',
  'reservado',
];

/** Bands a professional works on a local date: hours minus breaks, nothing on a clinic closure. */
function openBandsOf(resources: TResources, professionalId: string | null, date: string) {
  if (resources.closures.some((c) => c.date === date)) {
    return [];
  }
  const weekday = weekdayOfDate(date);
  const hours = resources.workingHours.filter(
    (h) => h.weekday === weekday && (professionalId === null || h.professionalId === professionalId),
  );
  if (professionalId === null) {
    // A room is open while anyone works: from the earliest start to the latest end.
    if (hours.length === 0) {
      return [];
    }
    return [
      {
        start: Math.min(...hours.map((h) => parseClock(h.start))),
        end: Math.max(...hours.map((h) => parseClock(h.end))),
      },
    ];
  }
  const breaks = resources.breaks.filter((b) => b.weekday === weekday && b.professionalId === professionalId);
  const bands: { start: number; end: number }[] = [];
  for (const h of hours) {
    let pieces = [{ start: parseClock(h.start), end: parseClock(h.end) }];
    for (const b of breaks) {
      const bs = parseClock(b.start);
      const be = parseClock(b.end);
      pieces = pieces.flatMap((p) =>
        be <= p.start || bs >= p.end
          ? [p]
          : [
              ...(bs > p.start ? [{ start: p.start, end: bs }] : []),
              ...(be < p.end ? [{ start: be, end: p.end }] : []),
            ],
      );
    }
    bands.push(...pieces);
  }
  return bands;
}

/** "Helena Duarte Vasconcellos" → "Helena Vasconcellos": column headers are narrow. */
function shortName(fullName: string): string {
  const parts = fullName.trim().split(/\s+/);
  return parts.length > 2 ? `${parts[0]} ${parts[parts.length - 1]}` : fullName;
}

/** /agenda: the clinic's day or week, by professional or by room, live. */
export function AgendaPage() {
  const { t } = useTranslation();
  const me = useSignedInUser();
  const clinic = activeClinicOf(me);
  const timeZone = clinic.timeZone;
  const trpc = useTRPC();
  const now = useNow();
  const today = localDateOf(now, timeZone);
  // Date and view live in the address (?data=AAAA-MM-DD&modo=semana) so a link or a reload keeps them.
  const [params, setParams] = useSearchParams();
  const dateParam = params.get('data');
  const date = dateParam && /^\d{4}-\d{2}-\d{2}$/.test(dateParam) ? dateParam : today;
  const mode: TMode = params.get('modo') === 'semana' ? 'week' : 'day';
  const setView = (next: { date?: string; mode?: TMode }) =>
    setParams(
      (current) => {
        const updated = new URLSearchParams(current);
        if (next.date) {
          updated.set('data', next.date);
        }
        if (next.mode === 'week') {
          updated.set('modo', 'semana');
        } else if (next.mode === 'day') {
          updated.delete('modo');
        }
        return updated;
      },
      { replace: true },
    );
  const setDate = (next: string) => setView({ date: next });
  const setMode = (next: TMode) => setView({ mode: next });
  const [by, setBy] = useState<TBy>('professionals');
  const [professionalFilter, setProfessionalFilter] = useState<string | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const [booking, setBooking] = useState<TBookingPrefill | null>(null);
  const [showWaitlist, setShowWaitlist] = useState(true);
  const retryColumn = useRef('');
  const [pending, setPending] = useState<{ id: string; columnKey: string; minutes: number } | null>(null);
  const [moveRefusal, setMoveRefusal] = useState<{
    message: string;
    /** Set when only warnings refused the move (minimum interval): the user may confirm them. */
    retry: TRouterInputs['agenda']['move'] | null;
  } | null>(null);
  const canBook = canDo(me, 'agenda.book');

  useAgendaLive(clinic.id);
  const invalidateAgenda = useInvalidateAgenda();

  const resources = useQuery(trpc.agenda.resources.queryOptions(undefined, { staleTime: 60_000 }));
  const rangeInput = { date };
  const view = useQuery(
    mode === 'day'
      ? trpc.agenda.day.queryOptions(rangeInput, { placeholderData: keepPreviousData })
      : trpc.agenda.week.queryOptions(rangeInput, { placeholderData: keepPreviousData }),
  );

  const move = useMutation(
    trpc.agenda.move.mutationOptions({
      onSettled: () => {
        setPending(null);
        void invalidateAgenda();
      },
    }),
  );

  const layout = useMemo(() => {
    if (!resources.data || !view.data) {
      return null;
    }
    const res = resources.data;
    const appointments = view.data.appointments;
    const days = mode === 'day' ? [date] : view.data.days;
    const step = res.settings.slotStepMinutes;
    let columns: TGridColumn[];
    let columnOf: (a: TAgendaAppointment) => string;
    if (by === 'rooms') {
      const rooms = res.rooms.filter((r) => r.isActive);
      columns = days.flatMap((day) =>
        rooms.map((room) => ({
          key: `${day}|${room.id}`,
          date: day,
          resourceId: room.id,
          title: room.name,
          ...(mode === 'week' ? { group: formatShortDay(day) } : {}),
          openBands: openBandsOf(res, null, day),
        })),
      );
      columnOf = (a) => `${localDateOf(a.startsAt, timeZone)}|${a.roomId ?? ''}`;
    } else {
      const busy = new Set(appointments.map((a) => a.professionalId));
      const working = new Set(
        res.workingHours
          .filter((h) => days.some((d) => weekdayOfDate(d) === h.weekday))
          .map((h) => h.professionalId),
      );
      const professionals = res.professionals.filter(
        (p) =>
          (professionalFilter === null || p.id === professionalFilter) &&
          (busy.has(p.id) || working.has(p.id)),
      );
      // One professional's week reads as plain day columns; several get the day above each name.
      const single = mode === 'week' && professionals.length === 1;
      columns = days.flatMap((day) =>
        professionals.map((p) => ({
          key: `${day}|${p.id}`,
          date: day,
          resourceId: p.id,
          title: single ? formatShortDay(day) : shortName(p.fullName),
          ...(mode === 'week' && !single ? { group: formatShortDay(day) } : {}),
          openBands: openBandsOf(res, p.id, day),
        })),
      );
      columnOf = (a) => `${localDateOf(a.startsAt, timeZone)}|${a.professionalId}`;
    }
    const starts = [
      ...res.workingHours.map((h) => parseClock(h.start)),
      ...appointments.map((a) => minutesOfDay(a.startsAt, timeZone)),
    ];
    const ends = [
      ...res.workingHours.map((h) => parseClock(h.end)),
      ...appointments.map((a) => minutesOfDay(a.endsAt, timeZone) || 24 * 60),
    ];
    const startMinutes = Math.floor((starts.length ? Math.min(...starts) : 8 * 60) / 60) * 60;
    const endMinutes = Math.min(24 * 60, Math.ceil((ends.length ? Math.max(...ends) : 20 * 60) / 60) * 60);
    return { columns, columnOf, step, startMinutes, endMinutes, appointments };
  }, [resources.data, view.data, mode, by, date, professionalFilter, timeZone]);

  function runMove(input: TRouterInputs['agenda']['move'], columnKey: string) {
    setPending({ id: input.appointmentId, columnKey, minutes: minutesOfDay(input.startsAt, timeZone) });
    move.mutate(input, {
      onSuccess: (result) => {
        setMoveRefusal(null);
        // A move keeps history: the old appointment becomes "remarcado", the new one opens from here.
        notifications.show({
          color: 'sage',
          title: t('agenda.move.doneTitle'),
          message: t('agenda.move.done', { client: result.appointment.clientName }),
        });
      },
      onError: (error) => {
        // The card snaps back (pending cleared); the server's reason stays on screen until dismissed.
        setMoveRefusal({
          message: toUserError(error, t),
          retry:
            appCodeOf(error) === 'WARNINGS_NOT_ACKNOWLEDGED' ? { ...input, acknowledgeWarnings: true } : null,
        });
        retryColumn.current = columnKey;
      },
    });
  }

  function onDrop(drop: TGridDrop) {
    const { appointment, column, startsAt } = drop;
    runMove(
      {
        appointmentId: appointment.id,
        startsAt: startsAt.toISOString(),
        version: appointment.version,
        ...(by === 'professionals' && column.resourceId !== appointment.professionalId
          ? { professionalId: column.resourceId }
          : {}),
        ...(by === 'rooms' && column.resourceId !== appointment.roomId ? { roomId: column.resourceId } : {}),
      },
      column.key,
    );
  }

  const error = resources.error ?? view.error;
  const professionals = resources.data?.professionals ?? [];
  const title =
    mode === 'day'
      ? formatLongDate(date)
      : t('agenda.weekOf', { date: formatShortDay(view.data?.days[0] ?? date) });

  return (
    <>
      <PageHeader
        title={t('nav.agenda')}
        description={t('agenda.description', { zone: formatTimeZoneLabel(timeZone) })}
        icon={<IconCalendarEvent size={24} />}
      />
      <Stack gap="sm">
        <Group justify="space-between" gap="sm" wrap="wrap">
          <Group gap="xs" wrap="nowrap">
            <Button
              variant="default"
              onClick={() => setDate(today)}
              disabled={date === today && mode === 'day'}
            >
              {t('agenda.today')}
            </Button>
            <ActionIcon
              variant="default"
              size={36}
              aria-label={mode === 'day' ? t('agenda.previousDay') : t('agenda.previousWeek')}
              onClick={() => setDate(shiftDate(date, mode === 'day' ? -1 : -7))}
            >
              <IconChevronLeft size={18} />
            </ActionIcon>
            <ActionIcon
              variant="default"
              size={36}
              aria-label={mode === 'day' ? t('agenda.nextDay') : t('agenda.nextWeek')}
              onClick={() => setDate(shiftDate(date, mode === 'day' ? 1 : 7))}
            >
              <IconChevronRight size={18} />
            </ActionIcon>
            <Text fw={600} size="lg" ml="xs" data-testid="agenda-title">
              {title}
            </Text>
            {canBook ? <NoShowAgendaEntry tomorrow={shiftDate(today, 1)} /> : null}
          </Group>
          <Group gap="xs" wrap="wrap">
            <SegmentedControl
              value={mode}
              onChange={(value) => setMode(value as TMode)}
              data={[
                { value: 'day', label: t('agenda.modes.day') },
                { value: 'week', label: t('agenda.modes.week') },
              ]}
            />
            <SegmentedControl
              value={by}
              onChange={(value) => setBy(value as TBy)}
              data={[
                { value: 'professionals', label: t('agenda.by.professionals') },
                { value: 'rooms', label: t('agenda.by.rooms') },
              ]}
            />
            {by === 'professionals' ? (
              <Select
                aria-label={t('agenda.professionalFilter')}
                placeholder={t('agenda.allProfessionals')}
                clearable
                value={professionalFilter}
                onChange={setProfessionalFilter}
                data={professionals.map((p) => ({ value: p.id, label: p.fullName }))}
                w={220}
              />
            ) : null}
            <Tooltip label={showWaitlist ? t('agenda.waitlist.hide') : t('agenda.waitlist.show')}>
              <ActionIcon
                variant={showWaitlist ? 'light' : 'default'}
                size={36}
                aria-label={t('agenda.waitlist.title')}
                aria-pressed={showWaitlist}
                onClick={() => setShowWaitlist((v) => !v)}
              >
                <IconListDetails size={18} />
              </ActionIcon>
            </Tooltip>
            {canBook ? (
              <Button
                leftSection={<IconCalendarPlus size={18} />}
                onClick={() => setBooking({})}
                data-testid="agenda-new-booking"
              >
                {t('agenda.newBooking')}
              </Button>
            ) : null}
          </Group>
        </Group>

        <Group gap="md" wrap="wrap" aria-label={t('agenda.legend')}>
          {LEGEND.map((status) => (
            <Group key={status} gap={6} wrap="nowrap">
              <Box
                w={12}
                h={12}
                style={{
                  borderRadius: 3,
                  background: STATUS_STYLE[status].background,
                  border: `1px ${STATUS_STYLE[status].dashed ? 'dashed' : 'solid'} ${STATUS_STYLE[status].edge}`,
                  borderLeftWidth: 3,
                }}
              />
              <Text size="xs" c="dimmed">
                {t(`agenda.status.${status}`)}
              </Text>
            </Group>
          ))}
        </Group>

        {moveRefusal ? (
          <Alert
            color="red"
            variant="light"
            icon={<IconAlertTriangle size={18} />}
            title={t('agenda.move.refusedTitle')}
            withCloseButton
            closeButtonLabel={t('agenda.close')}
            onClose={() => setMoveRefusal(null)}
            role="alert"
            data-testid="agenda-move-refused"
          >
            <Stack gap="xs">
              <Text size="sm">{moveRefusal.message}</Text>
              {moveRefusal.retry ? (
                <Group>
                  <Button
                    size="compact-sm"
                    variant="light"
                    color="red"
                    loading={move.isPending}
                    onClick={() => moveRefusal.retry && runMove(moveRefusal.retry, retryColumn.current)}
                  >
                    {t('agenda.move.anyway')}
                  </Button>
                </Group>
              ) : null}
            </Stack>
          </Alert>
        ) : null}

        {error ? (
          <QueryErrorState error={error} onRetry={() => void invalidateAgenda()} />
        ) : (
          <Group align="flex-start" gap="md" wrap="nowrap">
            <Box style={{ flex: 1, minWidth: 0 }}>
              {!layout ? (
                <Skeleton height={480} radius="md" />
              ) : layout.columns.length === 0 ? (
                <Paper withBorder p="xl" radius="md">
                  <Text c="dimmed" ta="center">
                    {by === 'rooms' ? t('agenda.noRooms') : t('agenda.noProfessionals')}
                  </Text>
                </Paper>
              ) : (
                <AgendaGrid
                  columns={layout.columns}
                  appointments={layout.appointments}
                  columnOf={layout.columnOf}
                  timeZone={timeZone}
                  startMinutes={layout.startMinutes}
                  endMinutes={layout.endMinutes}
                  step={layout.step}
                  now={now}
                  today={today}
                  canDrag={canBook && !move.isPending}
                  pending={pending}
                  dense={mode === 'week'}
                  onOpen={(a) => setOpenId(a.id)}
                  onDrop={onDrop}
                  {...(canBook
                    ? {
                        onEmptyClick: (column: TGridColumn, startsAt: Date) =>
                          setBooking({
                            from: startsAt.toISOString(),
                            ...(by === 'professionals' ? { professionalId: column.resourceId } : {}),
                          }),
                      }
                    : {})}
                />
              )}
            </Box>
            {showWaitlist ? (
              <Box w={280} style={{ flex: 'none' }}>
                <WaitlistPanel timeZone={timeZone} canManage={canBook} professionals={professionals} />
              </Box>
            ) : null}
          </Group>
        )}
      </Stack>

      <AppointmentDrawer
        appointmentId={openId}
        timeZone={timeZone}
        canBook={canBook}
        onClose={() => setOpenId(null)}
        onOpenOther={(id) => setOpenId(id)}
      />
      {booking ? (
        <BookingModal
          prefill={booking}
          timeZone={timeZone}
          professionals={professionals}
          onClose={() => setBooking(null)}
          onBooked={(appointment) => {
            setBooking(null);
            setView({ date: localDateOf(appointment.startsAt, timeZone), mode: 'day' });
          }}
        />
      ) : null}
    </>
  );
}
