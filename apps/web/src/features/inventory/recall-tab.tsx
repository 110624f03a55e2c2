import type { TLot } from '@clinia/contracts';
import { formatDateTime, SectionCard } from '@clinia/ui';
import {
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  Select,
  Skeleton,
  Stack,
  Table,
  Text,
  Textarea,
} from '@mantine/core';
import { IconDownload, IconLock, IconLockOpen, IconRecycle, IconUsers } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { appCodeOf, toUserError } from '../../trpc/to-user-error';
import { useTRPC } from '../../trpc/trpc';
import { downloadBase64 } from '../clients/download';
import { StepUpCancelledError, useStepUp } from '../identity/step-up';
import { activeClinicOf, useSignedInUser } from '../identity/use-me';
import { BADGE_STYLES, ExpiryBadge, formatAmount, LotStatusBadge, numeric } from './stock-format';

type TAction = 'quarantine' | 'recall' | 'release';

/** Recall screen: pick a lot, block it, and list who received it (CSV and PDF for notifying them). */
export function RecallTab() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const withStepUp = useStepUp();
  const { timeZone } = activeClinicOf(useSignedInUser());
  const lots = useQuery(
    trpc.inventory.lots.queryOptions({ clinicId: null, productId: null, includeEmpty: true }),
  );
  const [lotId, setLotId] = useState<string | null>(null);
  const lot = lots.data?.find((l) => l.id === lotId);
  const trace = useQuery({
    ...trpc.inventory.traceability.queryOptions({ lotId: lotId ?? '' }),
    enabled: Boolean(lotId),
    retry: false,
  });
  const [action, setAction] = useState<TAction | null>(null);
  const [reason, setReason] = useState('');
  const invalidate = () => void queryClient.invalidateQueries({ queryKey: trpc.inventory.pathKey() });
  const quarantine = useMutation(trpc.inventory.quarantineLot.mutationOptions({ onSuccess: invalidate }));
  const recall = useMutation(trpc.inventory.recallLot.mutationOptions({ onSuccess: invalidate }));
  const release = useMutation(trpc.inventory.releaseLot.mutationOptions({ onSuccess: invalidate }));
  const mutation = action === 'quarantine' ? quarantine : action === 'recall' ? recall : release;
  const exporting = useMutation(
    trpc.inventory.exportTraceability.mutationOptions({
      onSuccess: (file) => downloadBase64(file.name, file.mediaType, file.base64),
    }),
  );

  const confirm = async () => {
    if (!lotId || !action) return;
    const input = { lotId, reason };
    try {
      if (action === 'quarantine') await quarantine.mutateAsync(input);
      else await withStepUp(() => (action === 'recall' ? recall : release).mutateAsync(input));
      setAction(null);
      setReason('');
    } catch (error) {
      if (error instanceof StepUpCancelledError) setAction(null);
    }
  };

  const lotLabel = (l: TLot) => `${l.lotNumber} — ${l.productName} (${l.clinicName})`;

  return (
    <Stack gap="lg">
      <SectionCard title={t('inventory.recall.title')} icon={<IconRecycle size={20} />}>
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            {t('inventory.recall.hint')}
          </Text>
          <Select
            label={t('inventory.recall.lot')}
            placeholder={t('inventory.recall.lotPlaceholder')}
            data={(lots.data ?? []).map((l) => ({ value: l.id, label: lotLabel(l) }))}
            value={lotId}
            onChange={setLotId}
            searchable
            maw={640}
            data-testid="recall-lot"
          />
          {lot ? (
            <Group gap="sm">
              <ExpiryBadge band={lot.expiryBand} date={lot.expiryDate} />
              <LotStatusBadge status={lot.status} />
              <Text size="sm" style={numeric}>
                {formatAmount(lot.onHand, lot.unit)}
              </Text>
              {lot.statusReason ? (
                <Text size="sm" c="dimmed">
                  {lot.statusReason}
                </Text>
              ) : null}
            </Group>
          ) : null}
          {lot ? (
            <Group gap="sm">
              {lot.status === 'ativo' ? (
                <Button
                  color="orange"
                  leftSection={<IconLock size={16} />}
                  onClick={() => setAction('quarantine')}
                  data-testid="recall-quarantine"
                >
                  {t('inventory.recall.quarantine')}
                </Button>
              ) : null}
              {lot.status !== 'recolhido' ? (
                <Button
                  color="red"
                  variant="light"
                  leftSection={<IconRecycle size={16} />}
                  onClick={() => setAction('recall')}
                >
                  {t('inventory.recall.recall')}
                </Button>
              ) : null}
              {lot.status === 'quarentena' ? (
                <Button
                  variant="default"
                  leftSection={<IconLockOpen size={16} />}
                  onClick={() => setAction('release')}
                >
                  {t('inventory.recall.release')}
                </Button>
              ) : null}
            </Group>
          ) : null}
        </Stack>
      </SectionCard>
      {lotId ? (
        <SectionCard
          title={
            trace.data
              ? t('inventory.recall.clients', { count: trace.data.clientCount })
              : t('inventory.recall.client')
          }
          icon={<IconUsers size={20} />}
          aside={
            trace.data ? (
              <Group gap="xs">
                <Button
                  size="xs"
                  variant="default"
                  leftSection={<IconDownload size={14} />}
                  onClick={() => exporting.mutate({ lotId, format: 'csv' })}
                  data-testid="recall-csv"
                >
                  {t('inventory.recall.csv')}
                </Button>
                <Button
                  size="xs"
                  variant="default"
                  leftSection={<IconDownload size={14} />}
                  onClick={() => exporting.mutate({ lotId, format: 'pdf' })}
                  data-testid="recall-pdf"
                >
                  {t('inventory.recall.pdf')}
                </Button>
              </Group>
            ) : null
          }
        >
          {trace.isPending ? (
            <Skeleton height={120} />
          ) : trace.isError ? (
            <Alert color={appCodeOf(trace.error) === 'FORBIDDEN' ? 'gray' : 'red'}>
              {appCodeOf(trace.error) === 'FORBIDDEN'
                ? t('inventory.recall.forbidden')
                : toUserError(trace.error, t)}
            </Alert>
          ) : (
            <Stack gap="sm">
              <Group gap="xs">
                <Text size="sm">{t('inventory.recall.status')}:</Text>
                {trace.data.lots.map((l) => (
                  <Badge
                    styles={BADGE_STYLES}
                    key={l.id}
                    variant="light"
                    color={l.status === 'ativo' ? 'gray' : l.status === 'quarentena' ? 'orange' : 'red'}
                  >
                    {l.clinicName}: {t(`inventory.recallStatus.${l.status}`)}
                  </Badge>
                ))}
              </Group>
              {trace.data.rows.length === 0 ? (
                <Text c="dimmed">{t('inventory.recall.noUses')}</Text>
              ) : (
                <Table.ScrollContainer minWidth={720}>
                  <Table verticalSpacing={4} fz="sm" striped data-testid="recall-rows">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{t('inventory.recall.when')}</Table.Th>
                        <Table.Th>{t('inventory.recall.client')}</Table.Th>
                        <Table.Th>{t('inventory.lots.clinic')}</Table.Th>
                        <Table.Th>{t('inventory.recall.professional')}</Table.Th>
                        <Table.Th>{t('inventory.recall.session')}</Table.Th>
                        <Table.Th ta="right">{t('inventory.recall.quantity')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {trace.data.rows.map((row) => (
                        <Table.Tr key={row.movementId}>
                          <Table.Td style={numeric}>{formatDateTime(row.occurredAt, timeZone)}</Table.Td>
                          <Table.Td>{row.clientName}</Table.Td>
                          <Table.Td>{row.clinicName}</Table.Td>
                          <Table.Td>{row.professionalName}</Table.Td>
                          <Table.Td style={numeric}>
                            {row.sessionId ? row.sessionId.slice(0, 8) : '—'}
                          </Table.Td>
                          <Table.Td ta="right" style={numeric}>
                            {formatAmount(row.quantity, row.unit)}
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              )}
            </Stack>
          )}
        </SectionCard>
      ) : null}
      <Modal
        opened={action !== null}
        onClose={() => setAction(null)}
        title={action ? t(`inventory.recall.${action}`) : ''}
        centered
        radius="lg"
      >
        <Stack gap="md">
          <Text size="sm">
            {action === 'quarantine'
              ? t('inventory.recall.confirmQuarantine', { lot: lot?.lotNumber ?? '' })
              : action === 'recall'
                ? t('inventory.recall.confirmRecall', { lot: lot?.lotNumber ?? '' })
                : t('inventory.recall.confirmRelease', { lot: lot?.lotNumber ?? '' })}
          </Text>
          <Textarea
            label={t('inventory.recall.reason')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            autosize
            minRows={2}
            data-testid="recall-reason"
          />
          {mutation.error ? (
            <Text c="red.8" size="sm" role="alert">
              {toUserError(mutation.error, t)}
            </Text>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setAction(null)}>
              {t('inventory.recall.cancel')}
            </Button>
            <Button
              color={action === 'release' ? 'blue' : action === 'recall' ? 'red' : 'orange'}
              loading={mutation.isPending}
              onClick={() => void confirm()}
              data-testid="recall-confirm"
            >
              {action ? t(`inventory.recall.${action}`) : ''}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
