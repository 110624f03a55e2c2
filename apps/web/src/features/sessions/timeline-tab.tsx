import { formatDateTime, SectionCard } from '@clinia/ui';
import { Badge, Button, Skeleton, Table, Text } from '@mantine/core';
import { IconTimeline } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryErrorState } from '../../shell/query-error-state';
import { useTRPC } from '../../trpc/trpc';
import { activeClinicOf, useSignedInUser } from '../identity/use-me';

const KIND_COLOR = { sessao: 'blue', produto: 'grape', foto: 'gray', intercorrencia: 'red' } as const;

/** Client page tab: every session, product with lot, photo and adverse event in order, and totals. */
export function TimelineTab({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const { timeZone } = activeClinicOf(useSignedInUser());
  const timeline = useQuery(trpc.sessions.timeline.queryOptions({ clientId }, { retry: false }));
  if (timeline.isPending) return <Skeleton height={240} radius="lg" />;
  if (timeline.isError)
    return <QueryErrorState error={timeline.error} onRetry={() => void timeline.refetch()} />;
  const { entries, totals } = timeline.data;
  return (
    <>
      <SectionCard title={t('sessions.timeline.totals')}>
        {totals.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('sessions.products.empty')}
          </Text>
        ) : (
          <Table fz="sm" data-testid="timeline-totals">
            <Table.Tbody>
              {totals.map((p) => (
                <Table.Tr key={p.productId}>
                  <Table.Td>{p.productName}</Table.Td>
                  <Table.Td fw={600}>
                    {p.total} {p.unit}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </SectionCard>
      <SectionCard title={t('sessions.timeline.title')} icon={<IconTimeline size={18} />}>
        {entries.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('sessions.timeline.empty')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="sm" fz="sm" striped data-testid="timeline-table">
              <Table.Tbody>
                {entries.map((e, index) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: entries are a read-only, ordered list
                  <Table.Tr key={index}>
                    <Table.Td>{formatDateTime(e.at, timeZone)}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Badge
                        color={KIND_COLOR[e.kind]}
                        variant="light"
                        styles={{ root: { overflow: 'visible' }, label: { overflow: 'visible' } }}
                      >
                        {t(`sessions.timeline.kind.${e.kind}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" fw={600}>
                        {e.title}
                        {e.quantity !== null ? ` · ${e.quantity} ${e.unit ?? ''}` : ''}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {e.detail}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {e.kind === 'sessao' && e.sessionId ? (
                        <Button
                          component={Link}
                          to={`/atendimentos/${e.sessionId}`}
                          size="lg"
                          variant="light"
                        >
                          {t('sessions.timeline.open')}
                        </Button>
                      ) : null}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </SectionCard>
    </>
  );
}
