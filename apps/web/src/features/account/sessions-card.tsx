import { formatDateTime, SectionCard } from '@clinia/ui';
import { Alert, Badge, Button, Skeleton, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDevices } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { QueryErrorState } from '../../shell/query-error-state';
import { toUserError } from '../../trpc/to-user-error';
import { useTRPC } from '../../trpc/trpc';
import { activeClinicOf, useSignedInUser } from '../identity/use-me';

/** The user's open sessions (devices), with a way to end the ones that are not this one. */
export function SessionsCard() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { timeZone } = activeClinicOf(useSignedInUser());
  const sessions = useQuery(trpc.auth.mySessions.queryOptions());
  const revoke = useMutation(
    trpc.auth.revokeMySession.mutationOptions({
      onSuccess: () => {
        notifications.show({ color: 'green', message: t('account.sessions.revoked') });
        return queryClient.invalidateQueries(trpc.auth.mySessions.queryFilter());
      },
    }),
  );

  return (
    <SectionCard title={t('account.sessions.title')} icon={<IconDevices size={18} />}>
      {sessions.isPending ? (
        <Stack gap="sm" aria-busy="true">
          <Skeleton height={18} />
          <Skeleton height={18} width="80%" />
        </Stack>
      ) : sessions.isError ? (
        <QueryErrorState error={sessions.error} onRetry={() => void sessions.refetch()} />
      ) : (
        <Stack gap="md">
          {revoke.isError ? (
            <Alert color="red" variant="light" role="alert">
              {toUserError(revoke.error, t)}
            </Alert>
          ) : null}
          <Table.ScrollContainer minWidth={560}>
            <Table verticalSpacing="sm" data-testid="sessions-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('account.sessions.device')}</Table.Th>
                  <Table.Th>{t('account.sessions.ip')}</Table.Th>
                  <Table.Th>{t('account.sessions.lastActivity')}</Table.Th>
                  <Table.Th w={140}>
                    <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {sessions.data.map((session) => (
                  <Table.Tr key={session.id}>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {session.device}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" c="dimmed" ff="monospace">
                        {session.ip ?? '—'}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" style={{ fontVariantNumeric: 'tabular-nums' }}>
                        {formatDateTime(session.lastSeenAt, timeZone)}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right">
                      {session.isCurrent ? (
                        <Badge tt="none" color="sage" variant="light">
                          {t('account.sessions.current')}
                        </Badge>
                      ) : (
                        <Button
                          size="xs"
                          variant="subtle"
                          color="red"
                          loading={revoke.isPending && revoke.variables?.sessionId === session.id}
                          onClick={() => revoke.mutate({ sessionId: session.id })}
                        >
                          {t('account.sessions.revoke')}
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Stack>
      )}
    </SectionCard>
  );
}
