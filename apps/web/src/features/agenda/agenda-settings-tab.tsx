import {
  ABSENCE_KIND_LABELS,
  ABSENCE_KINDS,
  EQUIPMENT_KIND_LABELS,
  EQUIPMENT_KINDS,
  ROOM_TYPE_LABELS,
  ROOM_TYPES,
} from '@clinia/contracts';
import { CopyField, formatDateTime, parsePtBrDate, SectionCard } from '@clinia/ui';
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  Select,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { DateInput, TimePicker } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconCopy, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateTimeField, instantOfLocal } from '../../shell/date-fields';
import { QueryErrorState } from '../../shell/query-error-state';
import { toUserError } from '../../trpc/to-user-error';
import { type TRouterOutputs, useTRPC } from '../../trpc/trpc';
import { activeClinicOf, useSignedInUser } from '../identity/use-me';
import { formatIsoLocalDate, parseClock } from './agenda-time';
import { useInvalidateAgenda } from './use-agenda-live';

type TResources = TRouterOutputs['agenda']['resources'];
type TSectionProps = { resources: TResources; canManage: boolean };

/** Monday first, as Brazilian calendars print the week. */
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 0] as const;

/** Configurações › Agenda: rooms, devices, working hours, absences, closures and the ICS link. */
export function AgendaSettingsTab({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const resources = useQuery(trpc.agenda.resources.queryOptions());
  if (resources.isPending) {
    return <Skeleton height={320} />;
  }
  if (resources.isError) {
    return <QueryErrorState error={resources.error} onRetry={() => void resources.refetch()} />;
  }
  return (
    <Stack gap="lg">
      {!canManage ? (
        <Text size="sm" c="dimmed">
          {t('agenda.settings.readOnly')}
        </Text>
      ) : null}
      <IcsSection professionals={resources.data.professionals} canManage={canManage} />
      <WorkingHoursSection resources={resources.data} canManage={canManage} />
      <RoomsSection resources={resources.data} canManage={canManage} />
      <EquipmentSection resources={resources.data} canManage={canManage} />
      <AbsencesSection resources={resources.data} canManage={canManage} />
      <ClosuresSection resources={resources.data} canManage={canManage} />
    </Stack>
  );
}

function useSaved() {
  const { t } = useTranslation();
  const invalidate = useInvalidateAgenda();
  return () => {
    void invalidate();
    notifications.show({ color: 'sage', message: t('agenda.settings.saved') });
  };
}

function IcsSection({
  professionals,
  canManage,
}: {
  professionals: TResources['professionals'];
  canManage: boolean;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const me = useSignedInUser();
  const isProfessional = professionals.some((p) => p.id === me.userId);
  const [professionalId, setProfessionalId] = useState<string | null>(
    isProfessional ? me.userId : (professionals[0]?.id ?? null),
  );
  const link = useQuery(
    trpc.agenda.icsLink.queryOptions(professionalId ? { professionalId } : {}, {
      enabled: professionalId !== null,
      retry: false,
    }),
  );
  return (
    <SectionCard title={t('agenda.settings.ics.title')}>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('agenda.settings.ics.description')}
        </Text>
        {canManage || !isProfessional ? (
          <Select
            label={t('agenda.booking.professional')}
            data={professionals.map((p) => ({ value: p.id, label: p.fullName }))}
            value={professionalId}
            onChange={setProfessionalId}
            allowDeselect={false}
            maw={360}
          />
        ) : (
          <Text size="sm" fw={500}>
            {t('agenda.settings.ics.yours')}
          </Text>
        )}
        {link.data ? (
          <CopyField
            value={`${window.location.origin}${link.data.path}`}
            copyLabel={t('agenda.settings.ics.copy')}
            copiedLabel={t('agenda.settings.ics.copied')}
            icons={{ copy: <IconCopy size={16} />, copied: <IconCheck size={16} /> }}
            testId="ics-link"
          />
        ) : link.isError ? (
          <Text size="sm" c="dimmed">
            {toUserError(link.error, t)}
          </Text>
        ) : null}
        <Text size="xs" c="dimmed">
          {t('agenda.settings.ics.privacy')}
        </Text>
      </Stack>
    </SectionCard>
  );
}

type TBand = { start: string; end: string; breakStart: string; breakEnd: string; works: boolean };
type TBandTime = Exclude<keyof TBand, 'works'>;

function bandsOf(resources: TResources, professionalId: string): Record<number, TBand> {
  const result: Record<number, TBand> = {};
  for (const weekday of WEEKDAYS) {
    const hours = resources.workingHours.filter(
      (h) => h.professionalId === professionalId && h.weekday === weekday,
    );
    const pause = resources.breaks.find((b) => b.professionalId === professionalId && b.weekday === weekday);
    const starts = hours.map((h) => h.start.slice(0, 5)).sort();
    const ends = hours.map((h) => h.end.slice(0, 5)).sort();
    result[weekday] = {
      works: hours.length > 0,
      start: starts[0] ?? '08:00',
      end: ends[ends.length - 1] ?? '18:00',
      breakStart: pause?.start.slice(0, 5) ?? '',
      breakEnd: pause?.end.slice(0, 5) ?? '',
    };
  }
  return result;
}

function WorkingHoursSection({ resources, canManage }: TSectionProps) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const saved = useSaved();
  const [professionalId, setProfessionalId] = useState<string | null>(resources.professionals[0]?.id ?? null);
  const [bands, setBands] = useState<Record<number, TBand> | null>(null);
  const current = bands ?? (professionalId ? bandsOf(resources, professionalId) : null);
  const save = useMutation(
    trpc.agenda.setWorkingHours.mutationOptions({
      onSuccess: () => {
        setBands(null);
        saved();
      },
    }),
  );
  const update = (weekday: number, patch: Partial<TBand>) => {
    if (current) {
      setBands({ ...current, [weekday]: { ...(current[weekday] as TBand), ...patch } });
    }
  };

  /** One time of a weekday's band, in 24 h; it can change only while the day is worked. */
  const bandTime = (weekday: number, band: TBand, field: TBandTime) => (
    <TimePicker
      format="24h"
      size="xs"
      w={84}
      value={band[field]}
      disabled={!canManage || !band.works}
      onChange={(next) => update(weekday, { [field]: next.slice(0, 5) })}
      aria-label={t(`agenda.settings.hours.${field}`)}
      hoursInputLabel={t('agenda.settings.hours.hours')}
      minutesInputLabel={t('agenda.settings.hours.minutes')}
    />
  );

  return (
    <SectionCard title={t('agenda.settings.hours.title')}>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('agenda.settings.hours.description')}
        </Text>
        <Select
          label={t('agenda.booking.professional')}
          data={resources.professionals.map((p) => ({ value: p.id, label: p.fullName }))}
          value={professionalId}
          onChange={(value) => {
            setProfessionalId(value);
            setBands(null);
          }}
          maw={360}
        />
        {current ? (
          <Table withTableBorder verticalSpacing={4} fz="sm" data-testid="working-hours-grid">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('agenda.settings.hours.day')}</Table.Th>
                <Table.Th>{t('agenda.settings.hours.works')}</Table.Th>
                <Table.Th>{t('agenda.settings.hours.start')}</Table.Th>
                <Table.Th>{t('agenda.settings.hours.end')}</Table.Th>
                <Table.Th>{t('agenda.settings.hours.break')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {WEEKDAYS.map((weekday) => {
                const band = current[weekday] as TBand;
                return (
                  <Table.Tr key={weekday}>
                    <Table.Td fw={500}>{t(`agenda.settings.weekdays.d${weekday}`)}</Table.Td>
                    <Table.Td>
                      <Checkbox
                        aria-label={t('agenda.settings.hours.worksOn', {
                          day: t(`agenda.settings.weekdays.d${weekday}`),
                        })}
                        checked={band.works}
                        disabled={!canManage}
                        onChange={(event) => update(weekday, { works: event.currentTarget.checked })}
                      />
                    </Table.Td>
                    <Table.Td>{bandTime(weekday, band, 'start')}</Table.Td>
                    <Table.Td>{bandTime(weekday, band, 'end')}</Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        {bandTime(weekday, band, 'breakStart')}
                        <Text size="xs">–</Text>
                        {bandTime(weekday, band, 'breakEnd')}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        ) : null}
        {save.error ? <Alert color="red">{toUserError(save.error, t)}</Alert> : null}
        {canManage && current && professionalId ? (
          <Group justify="flex-end">
            <Button
              loading={save.isPending}
              disabled={bands === null}
              onClick={() => {
                const days = WEEKDAYS.map((weekday) => ({ weekday, band: current[weekday] as TBand })).filter(
                  (d) => d.band.works,
                );
                save.mutate({
                  professionalId,
                  hours: days.map((d) => ({ weekday: d.weekday, start: d.band.start, end: d.band.end })),
                  breaks: days
                    .filter((d) => d.band.breakStart && d.band.breakEnd)
                    .filter((d) => parseClock(d.band.breakStart) < parseClock(d.band.breakEnd))
                    .map((d) => ({ weekday: d.weekday, start: d.band.breakStart, end: d.band.breakEnd })),
                });
              }}
            >
              {t('agenda.settings.save')}
            </Button>
          </Group>
        ) : null}
      </Stack>
    </SectionCard>
  );
}

function RoomsSection({ resources, canManage }: TSectionProps) {
  const trpc = useTRPC();
  const saved = useSaved();
  const save = useMutation(trpc.agenda.saveRoom.mutationOptions({ onSuccess: saved }));
  return (
    <ResourceListSection
      section="rooms"
      items={resources.rooms.map((room) => ({ ...room, type: room.roomType }))}
      types={ROOM_TYPES}
      typeLabels={ROOM_TYPE_LABELS}
      canManage={canManage}
      mutation={save}
      onSave={({ type, ...room }) => save.mutateAsync({ ...room, roomType: type })}
    />
  );
}

function EquipmentSection({ resources, canManage }: TSectionProps) {
  const trpc = useTRPC();
  const saved = useSaved();
  const save = useMutation(trpc.agenda.saveEquipment.mutationOptions({ onSuccess: saved }));
  return (
    <ResourceListSection
      section="equipment"
      items={resources.equipment.map((device) => ({ ...device, type: device.kind }))}
      types={EQUIPMENT_KINDS}
      typeLabels={EQUIPMENT_KIND_LABELS}
      canManage={canManage}
      mutation={save}
      onSave={({ type, ...device }) => save.mutateAsync({ ...device, kind: type })}
    />
  );
}

/**
 * Rooms and devices are the same kind of list: a name, a type, active or not. Managers add and
 * (de)activate them; everyone else reads the list. `onSave` gets the whole row to (de)activate it, or
 * a new one without an id.
 */
function ResourceListSection<
  TType extends string,
  TItem extends { id: string; name: string; isActive: boolean; type: TType },
>({
  section,
  items,
  types,
  typeLabels,
  canManage,
  mutation,
  onSave,
}: {
  section: 'rooms' | 'equipment';
  items: TItem[];
  types: readonly TType[];
  typeLabels: Record<TType, string>;
  canManage: boolean;
  mutation: { isPending: boolean; error: unknown };
  onSave: (item: TItem | { name: string; type: TType; isActive: true }) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [type, setType] = useState<TType>(types[0] as TType);
  return (
    <ListSection
      title={t(`agenda.settings.${section}.title`)}
      description={t(`agenda.settings.${section}.description`)}
      items={items}
      cells={(item) => (
        <>
          <Table.Td fw={500}>{item.name}</Table.Td>
          <Table.Td>{typeLabels[item.type]}</Table.Td>
        </>
      )}
      action={(item) =>
        canManage ? (
          <Button
            size="compact-xs"
            variant="subtle"
            color={item.isActive ? 'gray' : 'sage'}
            onClick={() => onSave({ ...item, isActive: !item.isActive }).catch(() => undefined)}
          >
            {item.isActive ? t('agenda.settings.deactivate') : t('agenda.settings.activate')}
          </Button>
        ) : !item.isActive ? (
          <Badge color="gray">{t('agenda.settings.inactive')}</Badge>
        ) : null
      }
      form={
        canManage ? (
          <>
            <TextInput
              label={t(`agenda.settings.${section}.name`)}
              value={name}
              onChange={(event) => setName(event.currentTarget.value)}
            />
            <Select
              label={t(`agenda.settings.${section}.type`)}
              data={types.map((value) => ({ value, label: typeLabels[value] }))}
              value={type}
              onChange={(value) => value && setType(value as TType)}
              allowDeselect={false}
            />
            <Button
              variant="light"
              loading={mutation.isPending}
              onClick={() =>
                onSave({ name, type, isActive: true }).then(
                  () => setName(''),
                  () => undefined,
                )
              }
            >
              {t(`agenda.settings.${section}.add`)}
            </Button>
          </>
        ) : null
      }
      error={mutation.error}
    />
  );
}

/**
 * The shape of every list on this tab: a sentence of context, the rows (or, with `empty`, a line saying
 * there are none), the managers' add form, an optional note, then the last save's error.
 */
function ListSection<TItem extends { id: string }>({
  title,
  description,
  empty,
  items,
  cells,
  action,
  form,
  note,
  error,
}: {
  title: string;
  description: string;
  empty?: string;
  items: readonly TItem[];
  /** The row's cells before its last one, which holds `action`. */
  cells: (item: TItem) => ReactNode;
  action: (item: TItem) => ReactNode;
  /** Null for those who only read. */
  form: ReactNode;
  note?: ReactNode;
  error: unknown;
}) {
  const { t } = useTranslation();
  return (
    <SectionCard title={title}>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {description}
        </Text>
        {empty !== undefined && items.length === 0 ? (
          <Text size="sm" c="dimmed">
            {empty}
          </Text>
        ) : (
          <Table withTableBorder verticalSpacing={4} fz="sm">
            <Table.Tbody>
              {items.map((item) => (
                <Table.Tr key={item.id}>
                  {cells(item)}
                  <Table.Td ta="right">{action(item)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {form ? (
          <Group align="flex-end" gap="sm">
            {form}
          </Group>
        ) : null}
        {note}
        {error ? <Alert color="red">{toUserError(error, t)}</Alert> : null}
      </Stack>
    </SectionCard>
  );
}

/** The trash button of a row that managers may remove. */
function RemoveButton({ onClick }: { onClick: () => void }) {
  const { t } = useTranslation();
  return (
    <ActionIcon variant="subtle" color="gray" aria-label={t('agenda.settings.remove')} onClick={onClick}>
      <IconTrash size={16} />
    </ActionIcon>
  );
}

/** "2026-12-03T14:30" (datetime-local, clinic wall time) → instant. */
function AbsencesSection({ resources, canManage }: TSectionProps) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const saved = useSaved();
  const { timeZone } = activeClinicOf(useSignedInUser());
  const [professionalId, setProfessionalId] = useState<string | null>(null);
  const [kind, setKind] = useState<(typeof ABSENCE_KINDS)[number]>('ferias');
  const [startsAt, setStartsAt] = useState('');
  const [endsAt, setEndsAt] = useState('');
  const add = useMutation(
    trpc.agenda.addAbsence.mutationOptions({
      onSuccess: () => {
        setStartsAt('');
        setEndsAt('');
        saved();
      },
    }),
  );
  const remove = useMutation(trpc.agenda.removeAbsence.mutationOptions({ onSuccess: saved }));
  const nameOf = (id: string) => resources.professionals.find((p) => p.id === id)?.fullName ?? '';
  const start = instantOfLocal(startsAt, timeZone);
  const end = instantOfLocal(endsAt, timeZone);
  return (
    <ListSection
      title={t('agenda.settings.absences.title')}
      description={t('agenda.settings.absences.description')}
      empty={t('agenda.settings.absences.empty')}
      items={resources.absences}
      cells={(a) => (
        <>
          <Table.Td fw={500}>{nameOf(a.professionalId)}</Table.Td>
          <Table.Td>{ABSENCE_KIND_LABELS[a.kind]}</Table.Td>
          <Table.Td style={{ fontVariantNumeric: 'tabular-nums' }}>
            {formatDateTime(a.startsAt, timeZone)} – {formatDateTime(a.endsAt, timeZone)}
          </Table.Td>
        </>
      )}
      action={(a) => (canManage ? <RemoveButton onClick={() => remove.mutate({ id: a.id })} /> : null)}
      form={
        canManage ? (
          <>
            <Select
              label={t('agenda.booking.professional')}
              data={resources.professionals.map((p) => ({ value: p.id, label: p.fullName }))}
              value={professionalId}
              onChange={setProfessionalId}
            />
            <Select
              label={t('agenda.settings.absences.kind')}
              data={ABSENCE_KINDS.map((k) => ({ value: k, label: ABSENCE_KIND_LABELS[k] }))}
              value={kind}
              onChange={(value) => value && setKind(value as (typeof ABSENCE_KINDS)[number])}
              allowDeselect={false}
              w={170}
            />
            <DateTimeField
              label={t('agenda.settings.absences.start')}
              value={startsAt}
              onChange={setStartsAt}
            />
            <DateTimeField label={t('agenda.settings.absences.end')} value={endsAt} onChange={setEndsAt} />
            <Button
              variant="light"
              loading={add.isPending}
              disabled={!professionalId || !start || !end}
              onClick={() =>
                professionalId &&
                start &&
                end &&
                add.mutate({ professionalId, kind, startsAt: start, endsAt: end })
              }
            >
              {t('agenda.settings.absences.add')}
            </Button>
          </>
        ) : null
      }
      error={add.error}
    />
  );
}

function ClosuresSection({ resources, canManage }: TSectionProps) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const saved = useSaved();
  const [date, setDate] = useState('');
  const [reason, setReason] = useState('');
  const add = useMutation(
    trpc.agenda.addClosure.mutationOptions({
      onSuccess: () => {
        setDate('');
        setReason('');
        saved();
      },
    }),
  );
  const remove = useMutation(trpc.agenda.removeClosure.mutationOptions({ onSuccess: saved }));
  return (
    <ListSection
      title={t('agenda.settings.closures.title')}
      description={t('agenda.settings.closures.description')}
      empty={t('agenda.settings.closures.empty')}
      items={resources.closures}
      cells={(c) => (
        <>
          <Table.Td fw={500} style={{ fontVariantNumeric: 'tabular-nums' }}>
            {formatIsoLocalDate(c.date)}
          </Table.Td>
          <Table.Td>{c.reason}</Table.Td>
        </>
      )}
      action={(c) => (canManage ? <RemoveButton onClick={() => remove.mutate({ id: c.id })} /> : null)}
      form={
        canManage ? (
          <>
            <DateInput
              label={t('agenda.settings.closures.date')}
              valueFormat="DD/MM/YYYY"
              dateParser={parsePtBrDate}
              value={date || null}
              onChange={(next) => setDate(next ?? '')}
              w={150}
            />
            <TextInput
              label={t('agenda.settings.closures.reason')}
              value={reason}
              onChange={(event) => setReason(event.currentTarget.value)}
              w={280}
            />
            <Button variant="light" loading={add.isPending} onClick={() => add.mutate({ date, reason })}>
              {t('agenda.settings.closures.add')}
            </Button>
          </>
        ) : null
      }
      note={
        <Text size="xs" c="dimmed">
          {resources.settings.closedOnNationalHolidays
            ? t('agenda.settings.closures.holidaysClosed')
            : t('agenda.settings.closures.holidaysOpen')}
        </Text>
      }
      error={add.error}
    />
  );
}
