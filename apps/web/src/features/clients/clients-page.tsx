import { EmptyState, PageHeader } from '@clinia/ui';
import { Anchor, Button, Center, Group, Paper, Skeleton, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconScale, IconSearch, IconUserPlus, IconUserSearch } from '@tabler/icons-react';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { QueryErrorState } from '../../shell/query-error-state';
import { appCodeOf } from '../../trpc/to-user-error';
import { type TRouterOutputs, useTRPC } from '../../trpc/trpc';
import { canDo, useSignedInUser } from '../identity/use-me';

export type TClientSummary = TRouterOutputs['clients']['search']['items'][number];

const PAGE_SIZE = 25;
const SEARCH_DEBOUNCE_MS = 300;
/** Denials that get the calm notice alone: there is nothing to search until they are resolved. */
const ACCESS_NOTICE_CODES = new Set([
  'LICENCE_NOT_VERIFIED',
  'MFA_REQUIRED',
  'MFA_ENROLMENT_REQUIRED',
  'FORBIDDEN',
]);

const numeric = { whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' } as const;

/** The client list: search by name, CPF or mobile, with masked identifiers as the server returns them. */
export function ClientsPage() {
  const { t } = useTranslation();
  // The request queue is the DPO's and the manager's (privacy.requests.manage); others get there by link only.
  const canSeeQueue = canDo(useSignedInUser(), 'privacy.requests.manage');
  const trpc = useTRPC();
  const [search, setSearch] = useState('');
  const [query] = useDebouncedValue(search.trim(), SEARCH_DEBOUNCE_MS);
  const clients = useInfiniteQuery(
    trpc.clients.search.infiniteQueryOptions(
      { query, limit: PAGE_SIZE },
      {
        getNextPageParam: (last) => last.nextCursor ?? undefined,
        placeholderData: keepPreviousData,
      },
    ),
  );

  if (clients.isError && ACCESS_NOTICE_CODES.has(appCodeOf(clients.error) ?? '')) {
    return (
      <>
        <PageHeader title={t('nav.clients')} />
        <QueryErrorState error={clients.error} />
      </>
    );
  }

  const items = clients.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <>
      <PageHeader title={t('nav.clients')} description={t('clients.description')} />
      <Stack gap="md">
        <Group justify="space-between" align="flex-end" gap="sm">
          <TextInput
            value={search}
            onChange={(event) => setSearch(event.currentTarget.value)}
            placeholder={t('clients.searchPlaceholder')}
            aria-label={t('clients.searchLabel')}
            leftSection={<IconSearch size={16} />}
            data-testid="clients-search"
            size="md"
            style={{ flex: 1 }}
          />
          <Group gap="sm">
            {canSeeQueue ? (
              <Button
                variant="default"
                size="md"
                component={Link}
                to="/clientes/solicitacoes"
                leftSection={<IconScale size={18} />}
              >
                {t('clients.queue.link')}
              </Button>
            ) : null}
            <Button size="md" component={Link} to="/clientes/novo" leftSection={<IconUserPlus size={18} />}>
              {t('clients.newClient')}
            </Button>
          </Group>
        </Group>
        {clients.isPending ? (
          <Stack gap="xs" aria-busy="true" data-testid="clients-loading">
            <Skeleton height={36} radius="md" />
            {Array.from({ length: 8 }, (_, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: static placeholder rows
              <Skeleton key={index} height={28} radius="sm" />
            ))}
          </Stack>
        ) : clients.isError ? (
          <QueryErrorState
            error={clients.error}
            onRetry={() => void clients.refetch()}
            isRetrying={clients.isRefetching}
          />
        ) : items.length === 0 ? (
          <EmptyState
            icon={<IconUserSearch size={28} stroke={1.5} />}
            title={t('clients.empty')}
            description={query ? t('clients.emptySearchHint') : t('clients.emptyHint')}
          >
            <Button component={Link} to="/clientes/novo" leftSection={<IconUserPlus size={18} />}>
              {t('clients.newClient')}
            </Button>
          </EmptyState>
        ) : (
          <Paper withBorder radius="lg" p={0} style={{ overflow: 'hidden' }}>
            <ClientsTable clients={items} isStale={clients.isPlaceholderData} />
          </Paper>
        )}
        {clients.hasNextPage && !clients.isPlaceholderData ? (
          <Center>
            <Button
              variant="default"
              loading={clients.isFetchingNextPage}
              onClick={() => void clients.fetchNextPage()}
            >
              {t('clients.loadMore')}
            </Button>
          </Center>
        ) : null}
      </Stack>
    </>
  );
}

type TClientsTableProps = {
  clients: readonly TClientSummary[];
  /** Rows of the previous search while the new one loads. */
  isStale: boolean;
};

function ClientsTable({ clients, isStale }: TClientsTableProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table
        verticalSpacing={6}
        horizontalSpacing="md"
        fz="sm"
        striped
        highlightOnHover
        data-testid="clients-table"
        aria-busy={isStale}
        style={{ opacity: isStale ? 0.6 : 1 }}
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('clients.columns.name')}</Table.Th>
            <Table.Th ta="right">{t('clients.columns.age')}</Table.Th>
            <Table.Th>{t('clients.columns.cpf')}</Table.Th>
            <Table.Th>{t('clients.columns.mobile')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {clients.map((client) => (
            <Table.Tr
              key={client.id}
              data-testid="client-row"
              style={{ cursor: 'pointer' }}
              onClick={() => void navigate(`/clientes/${client.id}`)}
            >
              <Table.Td>
                <Group gap={6} wrap="nowrap">
                  <Anchor
                    size="sm"
                    fw={500}
                    c="inherit"
                    underline="hover"
                    style={{ whiteSpace: 'nowrap' }}
                    component={Link}
                    to={`/clientes/${client.id}`}
                    onClick={(event) => event.stopPropagation()}
                  >
                    {client.fullName}
                  </Anchor>
                  {client.socialName ? (
                    <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                      {t('clients.socialName', { name: client.socialName })}
                    </Text>
                  ) : null}
                </Group>
              </Table.Td>
              <Table.Td ta="right" style={numeric}>
                {t('clients.age', { count: client.age })}
              </Table.Td>
              <Table.Td style={numeric}>{client.cpfMasked}</Table.Td>
              <Table.Td style={numeric}>{client.mobileMasked}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
