import type { TMessageTimeline } from '@clinia/contracts';
import { formatDateTime, SectionCard } from '@clinia/ui';
import { Badge, Group, Skeleton, Stack, Table, Text } from '@mantine/core';
import { IconMessageCircle } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { QueryErrorState } from '../../shell/query-error-state';
import { useTRPC } from '../../trpc/trpc';
import { activeClinicOf, useSignedInUser } from '../identity/use-me';
import { channelLabel, kindLabel, reasonLabel, STATUS_COLORS, statusLabel } from './message-labels';

export type TMessageTimelineProps = { clientId: string } | { appointmentId: string; compact?: boolean };

/** Messages to one client (profile tab) or about one appointment (agenda), with statuses and replies. */
export function MessageTimeline(props: TMessageTimelineProps) {
  const trpc = useTRPC();
  const forClient = 'clientId' in props;
  const byClient = useQuery(
    trpc.messaging.clientTimeline.queryOptions(
      { clientId: forClient ? props.clientId : '' },
      { enabled: forClient, retry: false },
    ),
  );
  const byAppointment = useQuery(
    trpc.messaging.appointmentTimeline.queryOptions(
      { appointmentId: forClient ? '' : props.appointmentId },
      { enabled: !forClient, retry: false },
    ),
  );
  const query = forClient ? byClient : byAppointment;
  if (query.isPending) return <Skeleton height={200} radius="lg" />;
  if (query.isError) return <QueryErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (!forClient && props.compact) return <CompactTimeline data={query.data} />;
  return <TimelineView data={query.data} emptyKey={forClient ? 'empty' : 'emptyAppointment'} />;
}

/** The same messages as a narrow list, for the agenda's side drawer. */
function CompactTimeline({ data }: { data: TMessageTimeline }) {
  const { t } = useTranslation();
  const { timeZone } = activeClinicOf(useSignedInUser());
  const when = (iso: string | null) => (iso ? formatDateTime(iso, timeZone) : null);
  if (data.messages.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t('messaging.timeline.emptyAppointment')}
      </Text>
    );
  return (
    <Stack gap="xs" data-testid="message-timeline">
      {[...data.messages]
        .sort((a, b) => (a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : 0))
        .map((m) => (
          <Group key={m.id} justify="space-between" wrap="nowrap" align="flex-start">
            <Stack gap={0}>
              <Text size="sm">{kindLabel(m.kind)}</Text>
              <Text size="xs" c="dimmed">
                {channelLabel(m.channel)} ·{' '}
                {m.status === 'queued'
                  ? t('messaging.timeline.due', { date: when(m.dueAt) })
                  : (when(m.readAt ?? m.deliveredAt ?? m.sentAt ?? m.dueAt) ?? '')}
              </Text>
              {reasonLabel(m.lastError) ? (
                <Text size="xs" c="dimmed">
                  {reasonLabel(m.lastError)}
                </Text>
              ) : null}
            </Stack>
            <Badge color={STATUS_COLORS[m.status]} variant="light" style={{ flexShrink: 0 }}>
              {statusLabel(m.status)}
            </Badge>
          </Group>
        ))}
      {data.replies.map((r) => (
        <Text key={r.id} size="sm">
          {when(r.receivedAt)} · {t(`messaging.timeline.intents.${r.intent}`)}
          {r.outcome in OUTCOMES ? ` (${t(`messaging.timeline.outcomes.${r.outcome as TOutcome}`)})` : ''}
        </Text>
      ))}
    </Stack>
  );
}

export function TimelineView({
  data,
  emptyKey,
}: {
  data: TMessageTimeline;
  emptyKey: 'empty' | 'emptyAppointment';
}) {
  const { t } = useTranslation();
  const { timeZone } = activeClinicOf(useSignedInUser());
  const when = (iso: string | null) => (iso ? formatDateTime(iso, timeZone) : null);
  return (
    <SectionCard title={t('messaging.timeline.title')} icon={<IconMessageCircle size={18} />}>
      <Text size="sm" c="dimmed" mb="md">
        {t('messaging.timeline.hint')}
      </Text>
      {data.messages.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t(`messaging.timeline.${emptyKey}`)}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table verticalSpacing="sm" fz="sm" striped data-testid="message-timeline">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('messaging.timeline.when')}</Table.Th>
                <Table.Th>{t('messaging.timeline.what')}</Table.Th>
                <Table.Th>{t('messaging.timeline.channel')}</Table.Th>
                <Table.Th>{t('messaging.timeline.status')}</Table.Th>
                <Table.Th>{t('messaging.timeline.details')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.messages.map((m) => (
                <Table.Tr key={m.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{when(m.sentAt ?? m.dueAt)}</Table.Td>
                  <Table.Td>{kindLabel(m.kind)}</Table.Td>
                  <Table.Td>{channelLabel(m.channel)}</Table.Td>
                  <Table.Td>
                    <Badge color={STATUS_COLORS[m.status]} variant="light">
                      {statusLabel(m.status)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Stack gap={2}>
                      {m.status === 'queued' && (
                        <Text size="xs">{t('messaging.timeline.due', { date: when(m.dueAt) })}</Text>
                      )}
                      {m.deliveredAt && (
                        <Text size="xs">
                          {t('messaging.timeline.deliveredAt', { date: when(m.deliveredAt) })}
                        </Text>
                      )}
                      {m.readAt && (
                        <Text size="xs">{t('messaging.timeline.readAt', { date: when(m.readAt) })}</Text>
                      )}
                      {reasonLabel(m.lastError) && (
                        <Text size="xs" c="dimmed">
                          {reasonLabel(m.lastError)}
                        </Text>
                      )}
                      {m.consentVersion !== null && (
                        <Text size="xs" c="dimmed">
                          {t('messaging.timeline.consent', { version: m.consentVersion })}
                        </Text>
                      )}
                    </Stack>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {data.replies.length > 0 && (
        <Stack gap="xs" mt="lg">
          <Text fw={600} size="sm">
            {t('messaging.timeline.replies')}
          </Text>
          {data.replies.map((r) => (
            <Text key={r.id} size="sm">
              {when(r.receivedAt)} · {t(`messaging.timeline.intents.${r.intent}`)}
              {r.outcome in OUTCOMES ? ` (${t(`messaging.timeline.outcomes.${r.outcome as TOutcome}`)})` : ''}
            </Text>
          ))}
        </Stack>
      )}
    </SectionCard>
  );
}

const OUTCOMES = {
  confirmed: true,
  cancelled: true,
  opted_out: true,
  offer_expired: true,
  unchanged: true,
  not_found: true,
  none: true,
} as const;
type TOutcome = keyof typeof OUTCOMES;
