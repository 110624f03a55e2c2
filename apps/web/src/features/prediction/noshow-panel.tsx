import type { TNoShowPanelItem } from '@clinia/contracts';
import { EmptyState, formatTime, parsePtBrDate } from '@clinia/ui';
import { Button, Group, Paper, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { IconCalendarCheck, IconCalendarEvent } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryErrorState } from '../../shell/query-error-state';
import { useTRPC } from '../../trpc/trpc';
import { formatLongDate } from '../agenda/agenda-time';
import { RiskActions } from './risk-actions';
import { RiskBadge, RiskFactorList } from './risk-badge';

const numeric = { whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' } as const;

export type TNoShowPanelProps = {
  /** The day shown (clinic-local YYYY-MM-DD) and tomorrow's, to title the panel and offer the way back. */
  date: string;
  tomorrow: string;
  timeZone: string;
  canAct: boolean;
  onDateChange: (date: string) => void;
};

/** /faltas › Risco de falta: a day's 'alto'/'medio' appointments with the policy's suggested actions. */
export function NoShowPanel({ date, tomorrow, timeZone, canAct, onDateChange }: TNoShowPanelProps) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const panel = useQuery(
    trpc.scheduling.noShowPanel.queryOptions({ date }, { placeholderData: keepPreviousData }),
  );
  const isTomorrow = date === tomorrow;
  const items = panel.data?.items ?? [];

  return (
    <Paper withBorder radius="lg" p="lg" data-testid="noshow-panel">
      <Group justify="space-between" align="flex-end" mb="md" wrap="wrap" gap="md">
        <Stack gap={4}>
          <Title order={2} fz="lg">
            {isTomorrow
              ? t('noshow.panel.titleTomorrow')
              : // Mid-sentence the weekday is lower case in pt-BR: "Risco de falta em segunda-feira, …".
                t('noshow.panel.titleDay', { date: formatLongDate(date).toLocaleLowerCase('pt-BR') })}
          </Title>
          <Text size="sm" c="dimmed" maw={640}>
            {t('noshow.panel.description')}
          </Text>
          {!canAct ? (
            <Text size="sm" c="dimmed">
              {t('noshow.panel.readOnly')}
            </Text>
          ) : null}
        </Stack>
        <Group gap="xs" align="flex-end">
          {!isTomorrow ? (
            <Button variant="default" onClick={() => onDateChange(tomorrow)}>
              {t('noshow.panel.tomorrow')}
            </Button>
          ) : null}
          <DateInput
            label={t('noshow.panel.date')}
            valueFormat="DD/MM/YYYY"
            dateParser={parsePtBrDate}
            value={date}
            onChange={(next) => next && onDateChange(next)}
            leftSection={<IconCalendarEvent size={16} />}
            w={170}
            data-testid="noshow-date"
          />
        </Group>
      </Group>

      {panel.isError ? (
        <QueryErrorState error={panel.error} onRetry={() => void panel.refetch()} />
      ) : panel.isPending ? (
        <Skeleton height={200} radius="md" />
      ) : items.length === 0 ? (
        <EmptyState
          title={t('noshow.panel.emptyTitle')}
          description={isTomorrow ? t('noshow.panel.emptyTomorrow') : t('noshow.panel.emptyDay')}
          icon={<IconCalendarCheck />}
        />
      ) : (
        <Stack gap="xs">
          <Text size="sm" c="dimmed" data-testid="noshow-count">
            {t('noshow.panel.count', { count: items.length })}
          </Text>
          <Table.ScrollContainer minWidth={960}>
            <Table verticalSpacing="sm" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('noshow.panel.columns.time')}</Table.Th>
                  <Table.Th>{t('noshow.panel.columns.client')}</Table.Th>
                  <Table.Th>{t('noshow.panel.columns.professional')}</Table.Th>
                  <Table.Th>{t('noshow.panel.columns.risk')}</Table.Th>
                  <Table.Th>{t('noshow.panel.columns.factors')}</Table.Th>
                  <Table.Th>{t('noshow.panel.columns.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((item) => (
                  <PanelRow
                    key={item.appointment.id}
                    item={item}
                    timeZone={timeZone}
                    canAct={canAct}
                    date={date}
                  />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Stack>
      )}
    </Paper>
  );
}

function PanelRow({
  item,
  timeZone,
  canAct,
  date,
}: {
  item: TNoShowPanelItem;
  timeZone: string;
  canAct: boolean;
  date: string;
}) {
  const a = item.appointment;
  return (
    <Table.Tr
      data-testid="noshow-item"
      data-appointment-id={a.id}
      data-band={a.risk?.band ?? ''}
      style={{ verticalAlign: 'top' }}
    >
      <Table.Td style={numeric}>
        <Text
          component={Link}
          to={`/agenda?data=${date}`}
          size="sm"
          fw={600}
          c="inherit"
          style={{ textDecoration: 'none' }}
        >
          {formatTime(a.startsAt, timeZone)}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" fw={500}>
          {a.clientName}
        </Text>
        <Text size="xs" c="dimmed">
          {a.treatmentName}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{a.professionalName}</Text>
      </Table.Td>
      <Table.Td style={numeric}>{a.risk ? <RiskBadge risk={a.risk} static size="sm" /> : null}</Table.Td>
      <Table.Td miw={220} maw={320}>
        {a.risk ? <RiskFactorList factors={a.risk.factors} limit={3} size="xs" /> : null}
      </Table.Td>
      <Table.Td miw={260}>
        <RiskActions actions={item.actions} canAct={canAct} />
      </Table.Td>
    </Table.Tr>
  );
}
