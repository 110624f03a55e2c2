import { EmptyState, formatDate, formatDateTime, PageHeader } from '@clinia/ui';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Drawer,
  Group,
  Paper,
  SegmentedControl,
  Skeleton,
  Stack,
  Table,
  Text,
  Textarea,
} from '@mantine/core';
import { IconDownload, IconInbox, IconScale } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryStates } from '../../shell/query-states';
import { toFormErrors, toUserError } from '../../trpc/to-user-error';
import { type TRouterOutputs, useTRPC } from '../../trpc/trpc';
import { StepUpCancelledError, useStepUp } from '../identity/step-up';
import { activeClinicOf, useSignedInUser } from '../identity/use-me';
import { downloadBase64 } from './download';

type TRequest = TRouterOutputs['privacy']['requests'][number];
const STATUS_COLOR = { recebida: 'blue', em_analise: 'violet', respondida: 'teal' } as const;
const PACKAGE_KINDS = new Set(['acesso', 'portabilidade', 'confirmacao']);

/** The DPO's queue of data-subject requests: due in 15 days, overdue first and in red, answered on demand. */
export function PrivacyRequestsPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const { timeZone } = activeClinicOf(useSignedInUser());
  const [filter, setFilter] = useState<'abertas' | 'todas'>('abertas');
  // The request stays open in the drawer after it is answered (it then leaves the "open" list).
  const [selected, setSelected] = useState<TRequest | null>(null);
  const requests = useQuery(
    trpc.privacy.requests.queryOptions({ includeAnswered: filter === 'todas' }, { retry: false }),
  );
  return (
    <>
      <PageHeader
        title={t('clients.queue.title')}
        description={t('clients.queue.description')}
        icon={<IconScale size={22} stroke={1.6} />}
      />
      <Stack gap="md">
        <SegmentedControl
          w="fit-content"
          value={filter}
          onChange={(v) => setFilter(v as typeof filter)}
          data={[
            { value: 'abertas', label: t('clients.queue.open') },
            { value: 'todas', label: t('clients.queue.all') },
          ]}
        />
        <QueryStates
          query={requests}
          loading={<Skeleton height={240} radius="lg" />}
          empty={
            <EmptyState
              icon={<IconInbox size={28} stroke={1.5} />}
              title={t('clients.queue.empty')}
              description={t('clients.queue.emptyHint')}
            />
          }
        >
          {(items) => (
            <Paper withBorder radius="lg" p={0} style={{ overflow: 'hidden' }}>
              <Table.ScrollContainer minWidth={760}>
                <Table
                  verticalSpacing="sm"
                  horizontalSpacing="md"
                  fz="sm"
                  highlightOnHover
                  data-testid="requests-table"
                >
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('clients.queue.due')}</Table.Th>
                      <Table.Th>{t('clients.queue.client')}</Table.Th>
                      <Table.Th>{t('clients.queue.kind')}</Table.Th>
                      <Table.Th>{t('clients.queue.received')}</Table.Th>
                      <Table.Th>{t('clients.queue.status')}</Table.Th>
                      <Table.Th />
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {items.map((r) => (
                      <Table.Tr
                        key={r.id}
                        data-testid="request-row"
                        data-overdue={r.isOverdue}
                        bg={r.isOverdue ? 'var(--mantine-color-red-0)' : undefined}
                      >
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>
                          <Text size="sm" fw={600} c={r.isOverdue ? 'red.8' : undefined}>
                            {formatDate(r.dueAt, timeZone)}
                          </Text>
                          <Text size="xs" c={r.isOverdue ? 'red.8' : 'dimmed'}>
                            {r.status === 'respondida'
                              ? t('clients.queue.answeredOn', {
                                  date: r.answeredAt ? formatDate(r.answeredAt, timeZone) : '—',
                                })
                              : r.isOverdue
                                ? t('clients.queue.overdue', { count: -r.daysLeft })
                                : t('clients.queue.daysLeft', { count: r.daysLeft })}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          <Anchor component={Link} to={`/clientes/${r.clientId}`} size="sm" fw={500}>
                            {r.clientName}
                          </Anchor>
                          <Text size="xs" c="dimmed">
                            {t(`clients.requests.requesters.${r.requester}`)}
                          </Text>
                        </Table.Td>
                        <Table.Td>{t(`clients.requests.kinds.${r.kind}`)}</Table.Td>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>
                          {formatDateTime(r.receivedAt, timeZone)}
                        </Table.Td>
                        <Table.Td>
                          <Badge color={r.isOverdue ? 'red' : STATUS_COLOR[r.status]} variant="light">
                            {r.isOverdue
                              ? t('clients.queue.overdueBadge')
                              : t(`clients.queue.statuses.${r.status}`)}
                          </Badge>
                        </Table.Td>
                        <Table.Td ta="right">
                          <Button
                            size="sm"
                            variant={r.status === 'respondida' ? 'default' : 'filled'}
                            onClick={() => setSelected(r)}
                          >
                            {r.status === 'respondida' ? t('clients.queue.view') : t('clients.queue.answer')}
                          </Button>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            </Paper>
          )}
        </QueryStates>
      </Stack>
      <Drawer
        opened={selected !== null}
        onClose={() => setSelected(null)}
        position="right"
        size="lg"
        title={<Text fw={600}>{selected ? t(`clients.requests.kinds.${selected.kind}`) : ''}</Text>}
      >
        {selected ? <RequestDetail key={selected.id} request={selected} /> : null}
      </Drawer>
    </>
  );
}

function RequestDetail({ request }: { request: TRequest }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const withStepUp = useStepUp();
  const { timeZone } = activeClinicOf(useSignedInUser());
  const [answer, setAnswer] = useState('');
  const respond = useMutation(
    trpc.privacy.answerRequest.mutationOptions({
      onSuccess: () => void queryClient.invalidateQueries(trpc.privacy.requests.pathFilter()),
    }),
  );
  const exportData = useMutation(trpc.privacy.exportClientData.mutationOptions());
  const review = useMutation(
    trpc.privacy.startReview.mutationOptions({
      onSuccess: () => void queryClient.invalidateQueries(trpc.privacy.requests.pathFilter()),
    }),
  );
  const status = review.isSuccess ? 'em_analise' : request.status;
  const [exportError, setExportError] = useState<string | null>(null);
  const errors = toFormErrors(respond.error, t, ['answer'] as const);
  const isDeletion = request.kind === 'eliminacao' || request.kind === 'anonimizacao_bloqueio';
  const answered = respond.data ?? (request.status === 'respondida' ? request : null);

  const download = async () => {
    setExportError(null);
    try {
      const result = await withStepUp(() => exportData.mutateAsync({ clientId: request.clientId }));
      for (const file of result.files) downloadBase64(file.name, file.mediaType, file.base64);
    } catch (error) {
      if (!(error instanceof StepUpCancelledError)) setExportError(toUserError(error, t));
    }
  };

  return (
    <Stack gap="md">
      <Text size="sm">
        {t('clients.queue.detailClient')}{' '}
        <Anchor component={Link} to={`/clientes/${request.clientId}`}>
          {request.clientName}
        </Anchor>
      </Text>
      <Text size="sm" c="dimmed">
        {t('clients.queue.detailDates', {
          received: formatDateTime(request.receivedAt, timeZone),
          due: formatDate(request.dueAt, timeZone),
        })}
      </Text>
      <Group gap="sm">
        <Badge
          color={STATUS_COLOR[respond.isSuccess ? 'respondida' : status]}
          variant="light"
          size="lg"
          tt="none"
        >
          {t(`clients.queue.statuses.${respond.isSuccess ? 'respondida' : status}`)}
        </Badge>
        {status === 'recebida' && !respond.isSuccess ? (
          <Button
            variant="default"
            size="sm"
            loading={review.isPending}
            onClick={() => review.mutate({ requestId: request.id })}
          >
            {t('clients.queue.startReview')}
          </Button>
        ) : null}
      </Group>
      {status === 'recebida' && !respond.isSuccess ? (
        <Text size="xs" c="dimmed">
          {t('clients.queue.startReviewHint')}
        </Text>
      ) : null}
      {review.isError ? (
        <Alert color="red" role="alert">
          {toUserError(review.error, t)}
        </Alert>
      ) : null}
      {PACKAGE_KINDS.has(request.kind) ? (
        <Stack gap={4}>
          <Button
            variant="light"
            leftSection={<IconDownload size={16} />}
            onClick={() => void download()}
            loading={exportData.isPending}
            w="fit-content"
          >
            {t('clients.queue.download')}
          </Button>
          <Text size="xs" c="dimmed">
            {exportData.data
              ? t('clients.queue.downloaded', { hash: exportData.data.manifestSha256 })
              : t('clients.queue.downloadHint')}
          </Text>
          {exportError ? (
            <Alert color="red" role="alert">
              {exportError}
            </Alert>
          ) : null}
        </Stack>
      ) : null}
      {answered ? (
        <Alert color="teal" title={t('clients.queue.answerTitle')} data-testid="request-answer">
          <Stack gap="xs">
            <Text size="sm">{answered.answer}</Text>
            {answered.legalBasis ? (
              <Text size="sm" data-testid="request-legal-basis">
                <b>{t('clients.queue.legalBasis')}</b> {answered.legalBasis}
              </Text>
            ) : null}
            {answered.packageSha256 ? (
              <Text size="xs" ff="monospace" style={{ wordBreak: 'break-all' }}>
                SHA-256: {answered.packageSha256}
              </Text>
            ) : null}
          </Stack>
        </Alert>
      ) : (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            respond.mutate({ requestId: request.id, ...(answer.trim() ? { answer } : {}) });
          }}
        >
          <Stack gap="md">
            {isDeletion ? <Alert color="yellow">{t('clients.queue.deletionNote')}</Alert> : null}
            <Textarea
              size="md"
              label={t('clients.queue.answerLabel')}
              description={
                [
                  'eliminacao',
                  'anonimizacao_bloqueio',
                  'revogacao',
                  'acesso',
                  'portabilidade',
                  'confirmacao',
                ].includes(request.kind)
                  ? t('clients.queue.answerAuto')
                  : t('clients.queue.answerManual')
              }
              autosize
              minRows={3}
              value={answer}
              onChange={(event) => setAnswer(event.currentTarget.value)}
              error={errors.fields.answer}
            />
            {errors.form ? (
              <Alert color="red" role="alert">
                {errors.form}
              </Alert>
            ) : null}
            <Group justify="flex-end">
              <Button
                type="submit"
                size="md"
                loading={respond.isPending}
                color={isDeletion ? 'red' : undefined}
              >
                {t('clients.queue.submitAnswer')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Stack>
  );
}
