import { PageHeader, SectionCard } from '@clinia/ui';
import { Alert, Button, Skeleton, Text } from '@mantine/core';
import { IconStethoscope } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useParams } from 'react-router';
import { QueryErrorState } from '../../shell/query-error-state';
import { toUserError } from '../../trpc/to-user-error';
import { useTRPC } from '../../trpc/trpc';

/** From a checked-in appointment: opens its session, or starts it (chegou → em atendimento). */
export function StartSessionPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const navigate = useNavigate();
  const { appointmentId = '' } = useParams();
  const existing = useQuery(trpc.sessions.byAppointment.queryOptions({ appointmentId }, { retry: false }));
  const start = useMutation(
    trpc.sessions.start.mutationOptions({
      onSuccess: (session) => void navigate(`/atendimentos/${session.id}`, { replace: true }),
    }),
  );
  if (existing.isPending) return <Skeleton height={200} radius="lg" />;
  if (existing.isError)
    return <QueryErrorState error={existing.error} onRetry={() => void existing.refetch()} />;
  if (existing.data) return <Navigate to={`/atendimentos/${existing.data.id}`} replace />;
  return (
    <>
      <PageHeader title={t('sessions.start.title')} />
      <SectionCard title={t('sessions.start.title')} icon={<IconStethoscope size={18} />}>
        <Text size="sm" c="dimmed" mb="md">
          {t('sessions.start.hint')}
        </Text>
        <Button
          size="xl"
          loading={start.isPending}
          data-testid="start-session"
          onClick={() => start.mutate({ appointmentId })}
        >
          {t('sessions.start.button')}
        </Button>
        {start.error ? (
          <Alert color="red" mt="md">
            {toUserError(start.error, t)}
          </Alert>
        ) : null}
      </SectionCard>
    </>
  );
}
