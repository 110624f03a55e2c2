import { formatDateTime, SectionCard } from '@clinia/ui';
import { Badge, Button, SegmentedControl, Skeleton, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconInbox, IconRefresh } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryStates } from '../../shell/query-states';
import { toUserError } from '../../trpc/to-user-error';
import { useTRPC } from '../../trpc/trpc';
import { activeClinicOf, useSignedInUser } from '../identity/use-me';
import { channelLabel, kindLabel, reasonLabel, STATUS_COLORS, statusLabel } from './message-labels';

/** The send queue for the manager: dead letters and failures (with retry), or what is waiting. */
export function OutboxTab() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { timeZone } = activeClinicOf(useSignedInUser());
  const [view, setView] = useState<'dead_letters' | 'pending'>('dead_letters');
  const outbox = useQuery(trpc.messaging.outbox.queryOptions({ view, limit: 100 }, { retry: false }));
  const retry = useMutation(
    trpc.messaging.retry.mutationOptions({
      onSuccess: async () => {
        notifications.show({ color: 'green', message: t('messaging.outbox.retried') });
        await queryClient.invalidateQueries(trpc.messaging.outbox.queryFilter());
      },
      onError: (error) => notifications.show({ color: 'red', message: toUserError(error, t) }),
    }),
  );
  return (
    <SectionCard title={t('messaging.tabs.fila')} icon={<IconInbox size={18} />}>
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {t('messaging.outbox.hint')}
        </Text>
        <SegmentedControl
          w="fit-content"
          value={view}
          onChange={(v) => setView(v as 'dead_letters' | 'pending')}
          data={[
            { value: 'dead_letters', label: t('messaging.outbox.deadLetters') },
            { value: 'pending', label: t('messaging.outbox.pending') },
          ]}
        />
        <QueryStates
          query={outbox}
          loading={<Skeleton height={160} radius="lg" />}
          empty={
            <Text size="sm" c="dimmed">
              {t('messaging.outbox.empty')}
            </Text>
          }
        >
          {(messages) => (
            <Table.ScrollContainer minWidth={720}>
              <Table verticalSpacing="sm" fz="sm" striped data-testid="outbox-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('messaging.timeline.when')}</Table.Th>
                    <Table.Th>{t('messaging.timeline.what')}</Table.Th>
                    <Table.Th>{t('messaging.timeline.channel')}</Table.Th>
                    <Table.Th>{t('messaging.timeline.status')}</Table.Th>
                    <Table.Th>{t('messaging.outbox.attempts')}</Table.Th>
                    <Table.Th>{t('messaging.outbox.reason')}</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {messages.map((m) => (
                    <Table.Tr key={m.id}>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        {formatDateTime(m.updatedAt, timeZone)}
                      </Table.Td>
                      <Table.Td>{kindLabel(m.kind)}</Table.Td>
                      <Table.Td>{channelLabel(m.channel)}</Table.Td>
                      <Table.Td>
                        <Badge color={STATUS_COLORS[m.status]} variant="light">
                          {statusLabel(m.status)}
                        </Badge>
                      </Table.Td>
                      <Table.Td>{m.attempts}</Table.Td>
                      <Table.Td>{reasonLabel(m.lastError) ?? '—'}</Table.Td>
                      <Table.Td>
                        {(m.status === 'dead' || m.status === 'failed') && (
                          <Button
                            size="xs"
                            variant="light"
                            leftSection={<IconRefresh size={14} />}
                            loading={retry.isPending && retry.variables?.id === m.id}
                            onClick={() => retry.mutate({ id: m.id })}
                          >
                            {t('messaging.outbox.retry')}
                          </Button>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </QueryStates>
      </Stack>
    </SectionCard>
  );
}
