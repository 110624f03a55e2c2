import { ZClinicSettingsInput } from '@clinia/contracts';
import { DetailList, formatTimeZoneLabel, SectionCard } from '@clinia/ui';
import { Alert, Button, Group, Select, SimpleGrid, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconBuildingHospital, IconClock, IconFileCertificate } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryErrorState } from '../../shell/query-error-state';
import { toFormErrors } from '../../trpc/to-user-error';
import { isProcedureKey, useTRPC } from '../../trpc/trpc';
import { useSignedInUser } from '../identity/use-me';
import { formatAddress, formatClinicCnpj, type TClinicSettings } from './clinic-address';
import { fromWeek, invalidDays, type TDayHours, toWeek, weekdayKey } from './opening-hours';
import { OpeningHoursEditor } from './opening-hours-editor';

type TTimeZone = (typeof ZClinicSettingsInput.shape.timeZone.options)[number];

const timeZoneOptions = ZClinicSettingsInput.shape.timeZone.options.map((zone) => ({
  value: zone,
  label: formatTimeZoneLabel(zone),
}));

export type TClinicSettingsTabProps = {
  canManage: boolean;
};

/** The active clinic's name, time zone, opening hours and technical director; CNPJ and address read-only. */
export function ClinicSettingsTab({ canManage }: TClinicSettingsTabProps) {
  const trpc = useTRPC();
  const me = useSignedInUser();
  const settings = useQuery(trpc.organizations.clinicSettings.queryOptions({ clinicId: me.clinicId }));

  if (settings.isPending) {
    return (
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg" aria-busy="true">
        <Skeleton height={280} radius="lg" />
        <Skeleton height={280} radius="lg" />
      </SimpleGrid>
    );
  }
  if (settings.isError) {
    return <QueryErrorState error={settings.error} onRetry={() => void settings.refetch()} />;
  }
  return canManage ? (
    <ClinicSettingsForm key={settings.dataUpdatedAt} settings={settings.data} />
  ) : (
    <ClinicSettingsView settings={settings.data} />
  );
}

function directorLabel(candidate: TClinicSettings['technicalDirectorCandidates'][number]): string {
  return `${candidate.fullName} — ${candidate.crm}`;
}

function RegistrationCard({ settings }: { settings: TClinicSettings }) {
  const { t } = useTranslation();
  return (
    <SectionCard title={t('clinic.registration.title')} icon={<IconFileCertificate size={18} />}>
      <Stack gap="sm">
        <DetailList
          items={[
            { id: 'cnpj', label: t('clinic.registration.cnpj'), value: formatClinicCnpj(settings.cnpj) },
            {
              id: 'address',
              label: t('clinic.registration.address'),
              value: formatAddress(settings.address),
            },
          ]}
        />
        <Text size="xs" c="dimmed">
          {t('clinic.registration.readOnly')}
        </Text>
      </Stack>
    </SectionCard>
  );
}

function ClinicSettingsView({ settings }: { settings: TClinicSettings }) {
  const { t } = useTranslation();
  const director = settings.technicalDirectorCandidates.find(
    (c) => c.userId === settings.technicalDirectorUserId,
  );
  const week = toWeek(settings.openingHours);
  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <SectionCard title={t('clinic.general.title')} icon={<IconBuildingHospital size={18} />}>
          <DetailList
            items={[
              { id: 'name', label: t('clinic.general.name'), value: settings.name },
              {
                id: 'zone',
                label: t('clinic.general.timeZone'),
                value: formatTimeZoneLabel(settings.timeZone),
              },
              {
                id: 'director',
                label: t('clinic.general.director'),
                value: director ? directorLabel(director) : t('clinic.general.noDirector'),
              },
            ]}
          />
        </SectionCard>
        <SectionCard title={t('clinic.hours.title')} icon={<IconClock size={18} />}>
          <DetailList
            labelWidth={110}
            items={week.map((day) => ({
              id: String(day.weekday),
              label: t(`weekdays.${weekdayKey(day.weekday)}`),
              value: day.isOpen
                ? [{ opens: day.opens, closes: day.closes }, ...day.otherIntervals]
                    .map((i) => `${i.opens}–${i.closes}`)
                    .join(', ')
                : t('clinic.hours.closed'),
            }))}
          />
        </SectionCard>
      </SimpleGrid>
      <RegistrationCard settings={settings} />
    </Stack>
  );
}

const FIELDS = ['name', 'timeZone', 'openingHours', 'technicalDirectorUserId'] as const;

function ClinicSettingsForm({ settings }: { settings: TClinicSettings }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState(settings.name);
  const [timeZone, setTimeZone] = useState<string>(settings.timeZone);
  const [week, setWeek] = useState<TDayHours[]>(() => toWeek(settings.openingHours));
  const [directorId, setDirectorId] = useState<string | null>(settings.technicalDirectorUserId);
  const update = useMutation(
    trpc.organizations.updateClinicSettings.mutationOptions({
      onSuccess: async () => {
        notifications.show({ color: 'green', message: t('clinic.saved') });
        await queryClient.invalidateQueries(trpc.organizations.clinicSettings.queryFilter());
        // The header shows the clinic's name and clock from `auth.me`.
        await queryClient.invalidateQueries({ predicate: (q) => isProcedureKey(q.queryKey, 'auth.me') });
      },
    }),
  );
  const errors = toFormErrors(update.error, t, FIELDS);
  const invalid = invalidDays(week);
  const directorOptions = settings.technicalDirectorCandidates.map((c) => ({
    value: c.userId,
    label: directorLabel(c),
  }));

  const submit = () => {
    if (invalid.length > 0) {
      return;
    }
    update.mutate({
      clinicId: settings.id,
      name,
      timeZone: timeZone as TTimeZone,
      openingHours: fromWeek(week),
      technicalDirectorUserId: directorId,
    });
  };

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <Stack gap="lg">
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <SectionCard title={t('clinic.general.title')} icon={<IconBuildingHospital size={18} />}>
            <Stack gap="md">
              <TextInput
                label={t('clinic.general.name')}
                value={name}
                onChange={(event) => setName(event.currentTarget.value)}
                error={errors.fields.name}
              />
              <Select
                label={t('clinic.general.timeZone')}
                data={timeZoneOptions}
                value={timeZone}
                onChange={(value) => value && setTimeZone(value)}
                allowDeselect={false}
                searchable
                error={errors.fields.timeZone}
              />
              <Select
                label={t('clinic.general.director')}
                description={t('clinic.general.directorHint')}
                placeholder={t('clinic.general.noDirector')}
                data={directorOptions}
                value={directorId}
                onChange={setDirectorId}
                clearable
                error={errors.fields.technicalDirectorUserId}
              />
            </Stack>
          </SectionCard>
          <SectionCard title={t('clinic.hours.title')} icon={<IconClock size={18} />}>
            <OpeningHoursEditor week={week} onChange={setWeek} invalid={invalid} />
            {errors.fields.openingHours ? (
              <Text size="sm" c="red.8" mt="xs" role="alert">
                {errors.fields.openingHours}
              </Text>
            ) : null}
          </SectionCard>
        </SimpleGrid>
        <RegistrationCard settings={settings} />
        {errors.form ? (
          <Alert color="red" variant="light" icon={<IconAlertCircle />} role="alert">
            {errors.form}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button type="submit" size="md" loading={update.isPending} disabled={invalid.length > 0}>
            {t('clinic.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
