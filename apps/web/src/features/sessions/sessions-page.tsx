import { APPOINTMENT_STATUS_LABELS } from '@clinia/contracts';
import { formatIsoDate, formatTime, PageHeader, SectionCard } from '@clinia/ui';
import { Alert, Badge, Button, Group, Skeleton, Stack, Text } from '@mantine/core';
import { IconCalendarEvent } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryErrorState } from '../../shell/query-error-state';
import { toUserError } from '../../trpc/to-user-error';
import { useTRPC } from '../../trpc/trpc';
import { activeClinicOf, useSignedInUser } from '../identity/use-me';

const CAN_CHECK_IN = new Set(['agendado', 'confirmado']);
const CAN_OPEN = new Set(['chegou', 'em_atendimento', 'concluido']);

/** Today's appointments (the professional sees their own): register arrival, open the session. */
export function SessionsPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { timeZone } = activeClinicOf(useSignedInUser());
  const date = formatIsoDate(new Date(), timeZone);
  const day = useQuery(trpc.agenda.day.queryOptions({ date, includeFreed: false }, { retry: false }));
  const checkIn = useMutation(
    trpc.agenda.transition.mutationOptions({
      onSuccess: () => void queryClient.invalidateQueries(trpc.agenda.day.queryFilter()),
    }),
  );
  return (
    <>
      <PageHeader title={t('nav.sessions')} description={t('sessions.today.description')} />
      <SectionCard title={t('sessions.today.title')} icon={<IconCalendarEvent size={18} />}>
        {day.isPending ? <Skeleton height={160} radius="md" /> : null}
        {day.isError ? <QueryErrorState error={day.error} onRetry={() => void day.refetch()} /> : null}
        {day.data && day.data.appointments.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('sessions.today.empty')}
          </Text>
        ) : null}
        <Stack gap="sm" data-testid="today-appointments">
          {day.data?.appointments.map((a) => (
            <Group
              key={a.id}
              justify="space-between"
              wrap="nowrap"
              p="sm"
              data-testid="today-appointment"
              style={{ border: '1px solid #e9ecef', borderRadius: 10 }}
            >
              <Stack gap={0} style={{ flex: 1, minWidth: 0 }}>
                <Text fw={600}>
                  {formatTime(a.startsAt, timeZone)} · {a.clientName}
                </Text>
                <Text size="sm" c="dimmed">
                  {a.treatmentName} · {a.professionalName}
                </Text>
              </Stack>
              <Group gap="sm" wrap="nowrap">
                <Badge variant="light" size="lg">
                  {APPOINTMENT_STATUS_LABELS[a.status]}
                </Badge>
                {CAN_CHECK_IN.has(a.status) ? (
                  <Button
                    size="lg"
                    variant="light"
                    loading={checkIn.isPending && checkIn.variables?.appointmentId === a.id}
                    onClick={() => checkIn.mutate({ appointmentId: a.id, to: 'chegou', version: a.version })}
                  >
                    {t('sessions.today.checkIn')}
                  </Button>
                ) : null}
                {CAN_OPEN.has(a.status) ? (
                  <Button size="lg" component={Link} to={`/atendimentos/agendamento/${a.id}`}>
                    {t('sessions.today.open')}
                  </Button>
                ) : null}
              </Group>
            </Group>
          ))}
        </Stack>
        {checkIn.error ? (
          <Alert color="red" mt="md">
            {toUserError(checkIn.error, t)}
          </Alert>
        ) : null}
      </SectionCard>
    </>
  );
}
