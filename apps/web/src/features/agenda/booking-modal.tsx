import type { TPeriodOfDay, TWarning } from '@clinia/contracts';
import { formatTime, parsePtBrDate } from '@clinia/ui';
import {
  Alert,
  Button,
  Checkbox,
  Group,
  Loader,
  Modal,
  SegmentedControl,
  Select,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconClockPlus, IconInfoCircle } from '@tabler/icons-react';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { TRPCClientError } from '@trpc/client';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { appCodeOf, toUserError } from '../../trpc/to-user-error';
import { type TRouterOutputs, useTRPC } from '../../trpc/trpc';
import { formatShortDay, instantAt, localDateOf } from './agenda-time';
import { useInvalidateAgenda } from './use-agenda-live';

export type TBookingPrefill = {
  professionalId?: string;
  /** Suggestions start from here (a click on the grid). */
  from?: string;
};

type TSlot = TRouterOutputs['agenda']['availability'][number];
type TAppointment = TRouterOutputs['agenda']['book']['appointment'];

export type TBookingModalProps = {
  prefill: TBookingPrefill;
  timeZone: string;
  professionals: readonly { id: string; fullName: string }[];
  onClose: () => void;
  onBooked: (appointment: TAppointment) => void;
};

function warningsOf(error: unknown): TWarning[] {
  if (error instanceof TRPCClientError && appCodeOf(error) === 'WARNINGS_NOT_ACKNOWLEDGED') {
    const details = (error.data as { details?: { warnings?: TWarning[] } } | undefined)?.details;
    return details?.warnings ?? [];
  }
  return [];
}

const slotKey = (slot: TSlot) => `${slot.startsAt}|${slot.professionalId}|${slot.roomId ?? ''}`;

/** New appointment: client, treatment, then the next free slots as chips; warnings before booking. */
export function BookingModal({ prefill, timeZone, professionals, onClose, onBooked }: TBookingModalProps) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const invalidateAgenda = useInvalidateAgenda();
  const [clientSearch, setClientSearch] = useState('');
  const [query] = useDebouncedValue(clientSearch.trim(), 250);
  const [clientId, setClientId] = useState<string | null>(null);
  const [clientLabel, setClientLabel] = useState('');
  const [treatmentId, setTreatmentId] = useState<string | null>(null);
  const [professionalId, setProfessionalId] = useState<string | null>(prefill.professionalId ?? null);
  const [period, setPeriod] = useState<TPeriodOfDay | 'any'>('any');
  // "A partir de": a day the client asked for; suggestions never start in the past.
  const [fromDate, setFromDate] = useState(prefill.from ? localDateOf(prefill.from, timeZone) : '');
  const fromInstant = (() => {
    if (prefill.from && fromDate === localDateOf(prefill.from, timeZone)) {
      return prefill.from;
    }
    return /^\d{4}-\d{2}-\d{2}$/.test(fromDate) ? instantAt(fromDate, 0, timeZone).toISOString() : null;
  })();
  const [slot, setSlot] = useState<TSlot | null>(null);
  const [acknowledged, setAcknowledged] = useState(false);

  const clients = useQuery(
    trpc.clients.search.queryOptions({ query, limit: 10 }, { placeholderData: keepPreviousData }),
  );
  const treatments = useQuery(trpc.catalog.list.queryOptions({ includeInactive: false }));
  const treatment = treatments.data?.find((tr) => tr.id === treatmentId) ?? null;
  const ready = clientId !== null && treatmentId !== null;
  const suggestions = useQuery(
    trpc.agenda.availability.queryOptions(
      {
        treatmentId: treatmentId ?? '',
        ...(clientId ? { clientId } : {}),
        ...(professionalId ? { professionalId } : {}),
        ...(period !== 'any' ? { periodOfDay: period } : {}),
        ...(fromInstant && Date.parse(fromInstant) > Date.now() ? { from: fromInstant } : {}),
        limit: 12,
      },
      { enabled: ready },
    ),
  );
  // Contraindications from the intake; only those who may read the intake get them from the server.
  const contraindications = useQuery(
    trpc.catalog.checkContraindications.queryOptions(
      { treatmentId: treatmentId ?? '', clientId: clientId ?? '' },
      { enabled: ready, retry: false },
    ),
  );

  const book = useMutation(
    trpc.agenda.book.mutationOptions({
      onSuccess: (result) => {
        void invalidateAgenda();
        const extra = result.warnings.map((w) => w.message).join(' ');
        notifications.show({
          color: 'sage',
          title: t('agenda.booking.doneTitle'),
          message: `${t('agenda.booking.done', {
            client: result.appointment.clientName,
            date: formatShortDay(localDateOf(result.appointment.startsAt, timeZone)),
            time: formatTime(result.appointment.startsAt, timeZone),
          })}${extra ? ` ${extra}` : ''}`,
        });
        onBooked(result.appointment);
      },
    }),
  );
  const waitlistAdd = useMutation(
    trpc.agenda.waitlistAdd.mutationOptions({
      onSuccess: () => {
        void invalidateAgenda();
        notifications.show({ color: 'sage', message: t('agenda.booking.waitlisted') });
        onClose();
      },
    }),
  );

  const pendingWarnings = warningsOf(book.error);
  const bookError = book.error && pendingWarnings.length === 0 ? toUserError(book.error, t) : null;

  function submit() {
    if (!slot || !clientId || !treatmentId) {
      return;
    }
    book.mutate({
      clientId,
      treatmentId,
      professionalId: slot.professionalId,
      roomId: slot.roomId,
      equipmentIds: slot.equipmentIds,
      startsAt: slot.startsAt,
      channel: 'recepcao',
      acknowledgeWarnings: acknowledged,
    });
  }

  const clientOptions = (clients.data?.items ?? []).map((c) => ({ value: c.id, label: c.fullName }));
  if (clientId && !clientOptions.some((o) => o.value === clientId)) {
    clientOptions.unshift({ value: clientId, label: clientLabel });
  }

  return (
    <Modal opened onClose={onClose} title={t('agenda.booking.title')} size="lg" data-testid="booking-modal">
      <Stack gap="md">
        <Select
          label={t('agenda.booking.client')}
          placeholder={t('agenda.booking.clientPlaceholder')}
          searchable
          data={clientOptions}
          value={clientId}
          searchValue={clientSearch}
          onSearchChange={setClientSearch}
          onChange={(value, option) => {
            setClientId(value);
            setClientLabel(option?.label ?? '');
            setSlot(null);
            book.reset();
          }}
          filter={({ options }) => options}
          nothingFoundMessage={
            clients.isFetching ? t('agenda.booking.searching') : t('agenda.booking.noClient')
          }
          rightSection={clients.isFetching ? <Loader size={14} /> : null}
          data-testid="booking-client"
        />
        <Select
          label={t('agenda.booking.treatment')}
          placeholder={t('agenda.booking.treatmentPlaceholder')}
          searchable
          data={(treatments.data ?? []).map((tr) => ({
            value: tr.id,
            label: tr.name,
          }))}
          value={treatmentId}
          onChange={(value) => {
            setTreatmentId(value);
            setSlot(null);
            book.reset();
          }}
          data-testid="booking-treatment"
        />
        {treatment ? (
          <Text size="sm" c="dimmed">
            {t('agenda.booking.treatmentInfo', {
              duration: treatment.durationMin,
              buffer: treatment.bufferMin,
            })}
            {treatment.minIntervalDays > 0
              ? ` ${t('agenda.booking.minInterval', { count: treatment.minIntervalDays })}`
              : ''}
          </Text>
        ) : null}
        <Group gap="sm" grow align="flex-end">
          <Select
            label={t('agenda.booking.professional')}
            placeholder={t('agenda.booking.anyProfessional')}
            clearable
            data={professionals.map((p) => ({ value: p.id, label: p.fullName }))}
            value={professionalId}
            onChange={(value) => {
              setProfessionalId(value);
              setSlot(null);
            }}
          />
          <DateInput
            label={t('agenda.booking.from')}
            valueFormat="DD/MM/YYYY"
            dateParser={parsePtBrDate}
            placeholder={t('agenda.booking.fromNow')}
            clearable
            value={fromDate || null}
            onChange={(next) => {
              setFromDate(next ?? '');
              setSlot(null);
            }}
            data-testid="booking-from"
          />
        </Group>
        <Group gap="sm" align="flex-end">
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              {t('agenda.booking.period')}
            </Text>
            <SegmentedControl
              value={period}
              onChange={(value) => {
                setPeriod(value as TPeriodOfDay | 'any');
                setSlot(null);
              }}
              data={[
                { value: 'any', label: t('agenda.booking.anyPeriod') },
                { value: 'manha', label: t('agenda.booking.periods.manha') },
                { value: 'tarde', label: t('agenda.booking.periods.tarde') },
                { value: 'noite', label: t('agenda.booking.periods.noite') },
              ]}
            />
          </Stack>
        </Group>

        {(contraindications.data ?? []).length > 0 ? (
          <Alert
            color="yellow"
            icon={<IconAlertTriangle size={18} />}
            title={t('agenda.booking.contraindications')}
            data-testid="booking-contraindications"
          >
            <Stack gap={2}>
              {(contraindications.data ?? []).map((c) => (
                <Text key={c.rule} size="sm">
                  {c.message}
                </Text>
              ))}
            </Stack>
          </Alert>
        ) : null}

        {ready ? (
          <Stack gap={6}>
            <Text size="sm" fw={500}>
              {t('agenda.booking.suggestions')}
            </Text>
            {suggestions.isPending ? (
              <Group gap="xs">
                <Loader size="sm" />
                <Text size="sm" c="dimmed">
                  {t('agenda.booking.searchingSlots')}
                </Text>
              </Group>
            ) : suggestions.isError ? (
              <Alert color="red">{toUserError(suggestions.error, t)}</Alert>
            ) : suggestions.data.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('agenda.booking.noSlots')}
              </Text>
            ) : (
              <Group gap={8} data-testid="booking-suggestions">
                {suggestions.data.map((s) => {
                  const selected = slot !== null && slotKey(slot) === slotKey(s);
                  return (
                    <UnstyledButton
                      key={slotKey(s)}
                      onClick={() => {
                        setSlot(s);
                        book.reset();
                      }}
                      aria-pressed={selected}
                      data-testid="booking-slot"
                      data-date={localDateOf(s.startsAt, timeZone)}
                      data-professional={s.professionalName}
                      px={10}
                      py={6}
                      style={{
                        borderRadius: 8,
                        border: `1px solid ${selected ? 'var(--mantine-color-sage-7)' : 'var(--mantine-color-stone-3)'}`,
                        background: selected ? 'var(--mantine-color-sage-7)' : 'var(--mantine-color-white)',
                        color: selected ? 'var(--mantine-color-white)' : undefined,
                      }}
                    >
                      <Text
                        size="sm"
                        fw={600}
                        style={{ fontVariantNumeric: 'tabular-nums', textTransform: 'capitalize' }}
                      >
                        {formatShortDay(localDateOf(s.startsAt, timeZone))} ·{' '}
                        {formatTime(s.startsAt, timeZone)}
                      </Text>
                      <Text size="xs" style={{ opacity: 0.8 }}>
                        {s.professionalName}
                      </Text>
                    </UnstyledButton>
                  );
                })}
              </Group>
            )}
          </Stack>
        ) : (
          <Alert color="gray" variant="light" icon={<IconInfoCircle size={18} />}>
            {t('agenda.booking.pickFirst')}
          </Alert>
        )}

        {pendingWarnings.length > 0 ? (
          <Alert
            color="yellow"
            icon={<IconAlertTriangle size={18} />}
            title={t('agenda.booking.warningsTitle')}
          >
            <Stack gap={6}>
              {pendingWarnings.map((w) => (
                <Text key={w.message} size="sm">
                  {w.message}
                </Text>
              ))}
              <Checkbox
                label={t('agenda.booking.acknowledge')}
                checked={acknowledged}
                onChange={(event) => setAcknowledged(event.currentTarget.checked)}
              />
            </Stack>
          </Alert>
        ) : null}
        {bookError ? (
          <Alert color="red" role="alert" data-testid="booking-error">
            {bookError}
          </Alert>
        ) : null}
        {waitlistAdd.error ? (
          <Alert color="red" role="alert" data-testid="waitlist-error">
            {toUserError(waitlistAdd.error, t)}
          </Alert>
        ) : null}

        <Group justify="space-between">
          <Button
            variant="subtle"
            leftSection={<IconClockPlus size={16} />}
            disabled={!ready}
            loading={waitlistAdd.isPending}
            onClick={() =>
              clientId &&
              treatmentId &&
              waitlistAdd.mutate({
                clientId,
                treatmentId,
                ...(professionalId ? { professionalId } : {}),
                windows: period === 'any' ? [] : [{ weekdays: [], period }],
              })
            }
            data-testid="booking-waitlist"
          >
            {t('agenda.booking.addToWaitlist')}
          </Button>
          <Group gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('agenda.cancel')}
            </Button>
            <Button
              onClick={submit}
              disabled={!slot || (pendingWarnings.length > 0 && !acknowledged)}
              loading={book.isPending}
              data-testid="booking-submit"
            >
              {slot
                ? t('agenda.booking.submitAt', {
                    time: formatTime(slot.startsAt, timeZone),
                    date: formatShortDay(localDateOf(slot.startsAt, timeZone)),
                  })
                : t('agenda.booking.submit')}
            </Button>
          </Group>
        </Group>
      </Stack>
    </Modal>
  );
}
