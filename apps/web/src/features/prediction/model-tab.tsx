import { RISK_ACTION_LABELS } from '@clinia/contracts';
import { EmptyState, formatDate, formatDateTime } from '@clinia/ui';
import {
  Badge,
  Button,
  Group,
  Paper,
  Progress,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChartDots3, IconPlayerPlay } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { QueryErrorState } from '../../shell/query-error-state';
import { QueryStates } from '../../shell/query-states';
import { toUserError } from '../../trpc/to-user-error';
import { type TRouterOutputs, useTRPC } from '../../trpc/trpc';
import { activeClinicOf, useSignedInUser } from '../identity/use-me';
import { CalibrationCaption, CalibrationPlot } from './calibration-plot';

/** Dates and times in the clinic's zone, as everywhere else (not the browser's). */
function useClinicFormat() {
  const timeZone = activeClinicOf(useSignedInUser()).timeZone;
  return {
    day: (iso: string | null) => (iso ? formatDate(iso, timeZone) : '—'),
    when: (iso: string) => formatDateTime(iso, timeZone),
  };
}

type TVersion = TRouterOutputs['prediction']['modelVersions'][number];

const numeric = { whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' } as const;
const fmt3 = (v: number | null | undefined) =>
  v === null || v === undefined
    ? '—'
    : v.toLocaleString('pt-BR', { minimumFractionDigits: 3, maximumFractionDigits: 3 });
const pct = (v: number | null) =>
  v === null ? '—' : `${(v * 100).toLocaleString('pt-BR', { maximumFractionDigits: 1 })}%`;

/** /faltas › Modelo: version in use, its holdout metrics and calibration, training history, action comparison. */
export function ModelTab({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const { when } = useClinicFormat();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const versions = useQuery(trpc.prediction.modelVersions.queryOptions());
  const runs = useQuery({
    ...trpc.prediction.trainingRuns.queryOptions(),
    // Poll while a run is queued or running, so progress moves on screen.
    refetchInterval: (query) =>
      (query.state.data ?? []).some((r) => r.state === 'queued' || r.state === 'running') ? 2000 : false,
  });
  const comparison = useQuery(trpc.prediction.comparison.queryOptions());
  const start = useMutation(trpc.prediction.startTraining.mutationOptions());

  const train = () => {
    start
      .mutateAsync({ clinicId: null })
      .then(async () => {
        notifications.show({ color: 'green', message: t('prediction.training.started') });
        await queryClient.invalidateQueries(trpc.prediction.trainingRuns.queryFilter());
      })
      .catch((error: unknown) => notifications.show({ color: 'red', message: toUserError(error, t) }));
  };

  if (versions.isError) {
    return <QueryErrorState error={versions.error} />;
  }
  const current = versions.data?.find((v) => v.status === 'promoted') ?? null;
  // Once runs finish, the version list may have a new entry.
  const finishedRuns = runs.data?.filter((r) => r.state === 'succeeded').length ?? 0;
  const knownVersions = versions.data?.length ?? 0;
  if (versions.isSuccess && runs.isSuccess && finishedRuns > knownVersions) {
    void queryClient.invalidateQueries(trpc.prediction.modelVersions.queryFilter());
  }

  return (
    <Stack gap="xl">
      <Text c="dimmed" maw={760}>
        {t('prediction.description')}
      </Text>
      {versions.isPending ? (
        <Skeleton h={220} />
      ) : current ? (
        <CurrentVersion version={current} />
      ) : (
        <EmptyState
          title={t('prediction.current')}
          description={t('prediction.none')}
          icon={<IconChartDots3 />}
        />
      )}

      <Paper withBorder radius="lg" p="lg">
        <Group justify="space-between" mb="md">
          <Title order={2} fz="lg">
            {t('prediction.training.title')}
          </Title>
          {canManage ? (
            <Button leftSection={<IconPlayerPlay size={16} />} onClick={train} loading={start.isPending}>
              {t('prediction.training.start')}
            </Button>
          ) : null}
        </Group>
        <QueryStates
          query={runs}
          loading={<Skeleton h={80} />}
          empty={<Text c="dimmed">{t('prediction.training.empty')}</Text>}
        >
          {(items) => (
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('prediction.training.columns.createdAt')}</Table.Th>
                  <Table.Th>{t('prediction.training.columns.trigger')}</Table.Th>
                  <Table.Th>{t('prediction.training.columns.state')}</Table.Th>
                  <Table.Th>{t('prediction.training.columns.progress')}</Table.Th>
                  <Table.Th>{t('prediction.training.columns.decision')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((run) => (
                  <Table.Tr key={run.id}>
                    <Table.Td style={numeric}>{when(run.createdAt)}</Table.Td>
                    <Table.Td>{t(`prediction.training.trigger.${run.trigger}`)}</Table.Td>
                    <Table.Td>{t(`prediction.training.state.${run.state}`)}</Table.Td>
                    <Table.Td miw={140}>
                      <Progress
                        value={Math.round(run.progress * 100)}
                        color={run.state === 'failed' ? 'red' : undefined}
                        aria-label={t('prediction.training.columns.progress')}
                      />
                    </Table.Td>
                    <Table.Td>
                      {run.decision ? t(`prediction.training.decision.${run.decision}`) : '—'}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </QueryStates>
      </Paper>

      <Paper withBorder radius="lg" p="lg">
        <Title order={2} fz="lg" mb={4}>
          {t('prediction.comparison.title')}
        </Title>
        <Text size="sm" c="dimmed" mb="md">
          {t('prediction.comparison.caption')}
        </Text>
        <QueryStates
          query={comparison}
          loading={<Skeleton h={80} />}
          empty={<Text c="dimmed">{t('prediction.comparison.empty')}</Text>}
        >
          {(rows) => (
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('prediction.comparison.action')}</Table.Th>
                  <Table.Th>{t('prediction.comparison.treated')}</Table.Th>
                  <Table.Th>{t('prediction.comparison.holdout')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((row) => (
                  <Table.Tr key={row.action}>
                    <Table.Td>{RISK_ACTION_LABELS[row.action]}</Table.Td>
                    <Table.Td style={numeric}>
                      {t('prediction.comparison.cell', {
                        rate: pct(row.treated.rate),
                        count: row.treated.appointments,
                      })}
                    </Table.Td>
                    <Table.Td style={numeric}>
                      {t('prediction.comparison.cell', {
                        rate: pct(row.holdout.rate),
                        count: row.holdout.appointments,
                      })}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </QueryStates>
      </Paper>
    </Stack>
  );
}

function CurrentVersion({ version }: { version: TVersion }) {
  const { t } = useTranslation();
  const { day } = useClinicFormat();
  return (
    <Paper withBorder radius="lg" p="lg">
      <Group gap="sm" mb="xs">
        <Title order={2} fz="lg">
          {t('prediction.version', { version: version.version })}
        </Title>
        <Badge variant="light">{t(`prediction.status.${version.status}`)}</Badge>
        <Badge variant="outline" color="gray">
          {t(`prediction.method.${version.method}`)}
        </Badge>
      </Group>
      <Text size="sm" c="dimmed">
        {t('prediction.window', { from: day(version.windowFrom), to: day(version.windowTo) })} ·{' '}
        {t('prediction.trainedOn', { count: version.nTrain })}
      </Text>
      <SimpleGrid cols={{ base: 1, md: 2 }} mt="lg" spacing="xl">
        <Stack gap="sm">
          <Title order={3} fz="md">
            {t('prediction.metrics.title')}
          </Title>
          {version.holdout ? (
            <>
              <Group gap="xl">
                <Metric
                  label={t('prediction.metrics.auc')}
                  value={fmt3(version.holdout.auc)}
                  hint={t('prediction.metrics.aucHint')}
                />
                <Metric
                  label={t('prediction.metrics.brier')}
                  value={fmt3(version.holdout.brier)}
                  hint={t('prediction.metrics.brierHint')}
                />
                <Metric label={t('prediction.metrics.n')} value={version.holdout.n.toLocaleString('pt-BR')} />
              </Group>
              {version.holdoutFrom ? (
                <Text size="sm" c="dimmed" data-testid="model-holdout-period">
                  {t('prediction.metrics.period', { from: day(version.holdoutFrom) })}
                </Text>
              ) : null}
              {version.comparedWith ? (
                <Text size="sm" c="dimmed">
                  {t('prediction.metrics.comparedWith', {
                    version: version.comparedWith.version,
                    auc: fmt3(version.comparedWith.metrics.auc),
                    brier: fmt3(version.comparedWith.metrics.brier),
                  })}
                </Text>
              ) : null}
            </>
          ) : (
            <Text c="dimmed">{t('prediction.metrics.noHoldout')}</Text>
          )}
        </Stack>
        <Stack gap="sm">
          <Title order={3} fz="md">
            {t('prediction.calibration.title')}
          </Title>
          {version.calibration.length > 0 ? (
            <>
              <CalibrationPlot
                points={version.calibration}
                labels={{
                  title: t('prediction.calibration.title'),
                  predicted: t('prediction.calibration.predicted'),
                  observed: t('prediction.calibration.observed'),
                }}
              />
              <CalibrationCaption>{t('prediction.calibration.caption')}</CalibrationCaption>
            </>
          ) : (
            <Text c="dimmed">{t('prediction.calibration.empty')}</Text>
          )}
        </Stack>
      </SimpleGrid>
    </Paper>
  );
}

function Metric({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <Stack gap={0} title={hint}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fz={24} fw={600} style={numeric}>
        {value}
      </Text>
    </Stack>
  );
}
