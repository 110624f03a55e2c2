import { PageHeader } from '@clinia/ui';
import { Alert, Button, Card, SimpleGrid, Skeleton, Stack } from '@mantine/core';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useNow } from '../../shell/use-now';
import { useSystemInfo } from '../../shell/use-system-info';
import { toUserError } from '../../trpc/to-user-error';
import { ClinicCard } from './clinic-card';
import { dayPeriodAt } from './greeting';
import { SystemStatusCard } from './system-status-card';
import { TodayCard } from './today-card';

function CardSkeleton() {
  return (
    <Card withBorder radius="lg" padding="lg" aria-hidden>
      <Skeleton height={22} width="45%" mb="lg" />
      <Stack gap="md">
        <Skeleton height={14} />
        <Skeleton height={14} width="85%" />
        <Skeleton height={14} width="70%" />
        <Skeleton height={14} width="80%" />
      </Stack>
    </Card>
  );
}

export function HomePage() {
  const { t } = useTranslation();
  const now = useNow();
  const { data, error, isPending, isError, refetch, isRefetching } = useSystemInfo();

  if (isPending) {
    return (
      <div aria-busy="true">
        <Skeleton height={32} width={220} mb="xs" />
        <Skeleton height={16} width={280} mb="xl" />
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <CardSkeleton />
          <CardSkeleton />
        </SimpleGrid>
      </div>
    );
  }

  if (isError) {
    return (
      <Alert
        color="red"
        variant="light"
        radius="lg"
        icon={<IconAlertTriangle />}
        title={t('home.loadError.title')}
        maw={640}
      >
        <Stack gap="md" align="flex-start">
          {toUserError(error, t)}
          <Button
            variant="white"
            color="red"
            leftSection={<IconRefresh size={16} />}
            loading={isRefetching}
            onClick={() => void refetch()}
          >
            {t('errors.retry')}
          </Button>
        </Stack>
      </Alert>
    );
  }

  const timeZone = data.clinic?.timeZone ?? 'America/Sao_Paulo';

  return (
    <>
      <PageHeader title={t(`home.greeting.${dayPeriodAt(now, timeZone)}`)} description={t('home.welcome')} />
      <Stack gap="lg">
        <TodayCard />
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <ClinicCard clinic={data.clinic} />
          <SystemStatusCard info={data} />
        </SimpleGrid>
      </Stack>
    </>
  );
}
