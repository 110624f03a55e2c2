import { formatDateTime, SectionCard } from '@clinia/ui';
import { Badge, Skeleton, Stack, Table, Text } from '@mantine/core';
import { IconHistory } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { QueryErrorState } from '../../shell/query-error-state';
import { useTRPC } from '../../trpc/trpc';
import { activeClinicOf, useSignedInUser } from '../identity/use-me';
import { consentLabel } from './consents-tab';

/** The consent evidence trail: every grant and withdrawal with version, hash, channel, signer, collector. */
export function HistoryTab({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const { timeZone } = activeClinicOf(useSignedInUser());
  const consents = useQuery(trpc.clients.consents.queryOptions({ clientId }, { retry: false }));
  if (consents.isPending) return <Skeleton height={240} radius="lg" />;
  if (consents.isError)
    return <QueryErrorState error={consents.error} onRetry={() => void consents.refetch()} />;
  const events = consents.data.events;
  return (
    <SectionCard title={t('clients.history.title')} icon={<IconHistory size={18} />}>
      <Text size="sm" c="dimmed" mb="md">
        {t('clients.history.hint')}
      </Text>
      {events.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('clients.history.empty')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table verticalSpacing="sm" fz="sm" striped data-testid="history-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('clients.history.when')}</Table.Th>
                <Table.Th>{t('clients.history.what')}</Table.Th>
                <Table.Th>{t('clients.history.document')}</Table.Th>
                <Table.Th>{t('clients.history.evidence')}</Table.Th>
                <Table.Th>{t('clients.history.collectedBy')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {events.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {formatDateTime(e.occurredAt, timeZone)}
                  </Table.Td>
                  <Table.Td>
                    <Stack gap={2}>
                      <Badge color={e.action === 'grant' ? 'teal' : 'gray'} variant="light" w="fit-content">
                        {t(`clients.history.actions.${e.action}`)}
                      </Badge>
                      <Text size="sm">{consentLabel(e.purpose, e.procedureCategory)}</Text>
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{t('clients.consents.version', { version: e.documentVersion })}</Text>
                    <Text size="xs" c="dimmed" ff="monospace">
                      {e.documentSha256.slice(0, 16)}…
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {e.typedName} ({t(`clients.history.signers.${e.signer as 'client' | 'guardian'}`)})
                    </Text>
                    <Text size="xs" c="dimmed">
                      {t(
                        `clients.history.channels.${e.channel as 'presencial_tablet' | 'presencial_papel' | 'portal'}`,
                      )}
                      {e.hasDrawnSignature ? ` · ${t('clients.history.drawn')}` : ''}
                    </Text>
                  </Table.Td>
                  <Table.Td>{e.collectedByName ?? '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </SectionCard>
  );
}
