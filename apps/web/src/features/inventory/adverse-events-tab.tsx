import {
  ADVERSE_OUTCOME_LABELS,
  ADVERSE_OUTCOMES,
  ADVERSE_SEVERITIES,
  ADVERSE_SEVERITY_LABELS,
  NOTIFICATION_CHANNEL_LABELS,
  type TAdverseEvent,
  type TAdverseOutcome,
  type TAdverseSeverity,
} from '@clinia/contracts';
import { EmptyState, formatDateTime, SectionCard } from '@clinia/ui';
import {
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconAlertTriangle, IconFileDescription, IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateTimeField, instantOfLocal } from '../../shell/date-fields';
import { QueryErrorState } from '../../shell/query-error-state';
import { toFormErrors, toUserError } from '../../trpc/to-user-error';
import { useTRPC } from '../../trpc/trpc';
import { activeClinicOf, useSignedInUser } from '../identity/use-me';
import { BADGE_STYLES, brDate } from './stock-format';

const SEVERITY_COLORS: Record<TAdverseSeverity, string> = {
  leve: 'gray',
  moderado: 'yellow',
  grave: 'orange',
  obito: 'red',
};

/** Adverse events with their notification deadline; record, follow the deadline, register the notice. */
export function AdverseEventsTab() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const { timeZone } = activeClinicOf(useSignedInUser());
  const events = useQuery(trpc.inventory.adverseEvents.queryOptions());
  const [isFormOpen, setFormOpen] = useState(false);
  const [notifying, setNotifying] = useState<TAdverseEvent | null>(null);
  const [reportId, setReportId] = useState<string | null>(null);
  if (events.isError) return <QueryErrorState error={events.error} onRetry={() => void events.refetch()} />;
  return (
    <SectionCard
      title={t('inventory.adverse.title')}
      icon={<IconAlertTriangle size={20} />}
      aside={
        <Button
          leftSection={<IconPlus size={16} />}
          onClick={() => setFormOpen(true)}
          data-testid="adverse-new"
        >
          {t('inventory.adverse.new')}
        </Button>
      }
    >
      <Text size="sm" c="dimmed" mb="sm">
        {t('inventory.adverse.hint')}
      </Text>
      {events.isPending ? (
        <Skeleton height={120} />
      ) : events.data.length === 0 ? (
        <EmptyState
          icon={<IconAlertTriangle size={28} stroke={1.5} />}
          title={t('inventory.adverse.empty')}
        />
      ) : (
        <Table.ScrollContainer minWidth={1000}>
          <Table verticalSpacing={4} fz="sm" striped data-testid="adverse-list">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('inventory.adverse.onsetAt')}</Table.Th>
                <Table.Th>{t('inventory.adverse.client')}</Table.Th>
                <Table.Th>{t('inventory.adverse.product')}</Table.Th>
                <Table.Th>{t('inventory.adverse.severity')}</Table.Th>
                <Table.Th>{t('inventory.adverse.outcome')}</Table.Th>
                <Table.Th>{t('inventory.adverse.channel')}</Table.Th>
                <Table.Th>{t('inventory.adverse.due')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {events.data.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td>{formatDateTime(e.onsetAt, timeZone)}</Table.Td>
                  <Table.Td>{e.clientName}</Table.Td>
                  <Table.Td>
                    {e.productName ?? '—'}
                    {e.lotNumber ? (
                      <Text size="xs" c="dimmed">{`${t('inventory.adverse.lot')} ${e.lotNumber}`}</Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    <Badge styles={BADGE_STYLES} color={SEVERITY_COLORS[e.severity]} variant="light">
                      {ADVERSE_SEVERITY_LABELS[e.severity]}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{ADVERSE_OUTCOME_LABELS[e.outcome]}</Table.Td>
                  <Table.Td>{NOTIFICATION_CHANNEL_LABELS[e.channel]}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{formatDateTime(e.dueAt, timeZone)}</Text>
                    {e.notifiedAt ? (
                      <Badge styles={BADGE_STYLES} color="teal" variant="light" size="sm">
                        {t('inventory.adverse.notified', { protocol: e.notificationProtocol ?? '' })}
                      </Badge>
                    ) : e.isOverdue ? (
                      <Badge styles={BADGE_STYLES} color="red" size="sm">
                        {t('inventory.adverse.overdue')}
                      </Badge>
                    ) : (
                      <Badge styles={BADGE_STYLES} color="yellow" variant="light" size="sm">
                        {t('inventory.adverse.pending')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Stack gap={4} align="flex-start">
                      <Button
                        size="compact-xs"
                        variant="default"
                        leftSection={<IconFileDescription size={14} />}
                        onClick={() => setReportId(e.id)}
                      >
                        {t('inventory.adverse.report')}
                      </Button>
                      {e.notifiedAt ? null : (
                        <Button size="compact-xs" variant="light" onClick={() => setNotifying(e)}>
                          {t('inventory.adverse.markNotified')}
                        </Button>
                      )}
                    </Stack>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <AdverseEventForm opened={isFormOpen} onClose={() => setFormOpen(false)} />
      <NotifyModal event={notifying} onClose={() => setNotifying(null)} />
      <ReportModal id={reportId} onClose={() => setReportId(null)} />
    </SectionCard>
  );
}

const FIELDS = [
  'clientId',
  'productId',
  'lotId',
  'severity',
  'onsetAt',
  'description',
  'outcome',
  'followUp',
] as const;

function AdverseEventForm({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { timeZone } = activeClinicOf(useSignedInUser());
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [search, setSearch] = useState('');
  const [query] = useDebouncedValue(search.trim(), 300);
  const clients = useQuery({
    ...trpc.clients.search.queryOptions({ query, limit: 10 }),
    enabled: opened && query.length >= 2,
  });
  const products = useQuery({ ...trpc.inventory.products.queryOptions(), enabled: opened });
  const [form, setForm] = useState({
    clientId: '',
    productId: '',
    lotId: '',
    severity: 'leve' as TAdverseSeverity,
    onsetAt: '',
    description: '',
    outcome: 'em_acompanhamento' as TAdverseOutcome,
    followUp: '',
  });
  const lots = useQuery({
    ...trpc.inventory.lots.queryOptions({
      clinicId: null,
      productId: form.productId || null,
      includeEmpty: true,
    }),
    enabled: opened && Boolean(form.productId),
  });
  const record = useMutation(
    trpc.inventory.recordAdverseEvent.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries({ queryKey: trpc.inventory.adverseEvents.queryKey() });
        onClose();
      },
    }),
  );
  const errors = toFormErrors(record.error, t, FIELDS);
  const set = <K extends keyof typeof form>(key: K, value: (typeof form)[K]) =>
    setForm((f) => ({ ...f, [key]: value }));
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('inventory.adverse.new')}
      size="lg"
      centered
      radius="lg"
    >
      <Stack gap="sm">
        <Select
          label={t('inventory.adverse.client')}
          placeholder={t('inventory.adverse.clientPlaceholder')}
          searchable
          searchValue={search}
          onSearchChange={setSearch}
          data={(clients.data?.items ?? []).map((c) => ({
            value: c.id,
            label: `${c.fullName} · ${c.cpfMasked}`,
          }))}
          value={form.clientId || null}
          onChange={(v) => set('clientId', v ?? '')}
          filter={({ options }) => options}
          required
          error={errors.fields.clientId}
          data-testid="adverse-client"
        />
        <SimpleGrid cols={2}>
          <Select
            label={t('inventory.adverse.product')}
            data={(products.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
            value={form.productId || null}
            onChange={(v) => setForm((f) => ({ ...f, productId: v ?? '', lotId: '' }))}
            searchable
            clearable
            data-testid="adverse-product"
            error={errors.fields.productId}
          />
          <Select
            label={t('inventory.adverse.lot')}
            data={(lots.data ?? []).map((l) => ({
              value: l.id,
              label: `${l.lotNumber} (${brDate(l.expiryDate)})`,
            }))}
            value={form.lotId || null}
            onChange={(v) => set('lotId', v ?? '')}
            disabled={!form.productId}
            clearable
            error={errors.fields.lotId}
          />
        </SimpleGrid>
        <SimpleGrid cols={2}>
          <Select
            label={t('inventory.adverse.severity')}
            data={ADVERSE_SEVERITIES.map((s) => ({ value: s, label: ADVERSE_SEVERITY_LABELS[s] }))}
            value={form.severity}
            onChange={(v) => set('severity', (v ?? 'leve') as TAdverseSeverity)}
            allowDeselect={false}
            data-testid="adverse-severity"
            error={errors.fields.severity}
          />
          <Select
            label={t('inventory.adverse.outcome')}
            data={ADVERSE_OUTCOMES.map((o) => ({ value: o, label: ADVERSE_OUTCOME_LABELS[o] }))}
            value={form.outcome}
            onChange={(v) => set('outcome', (v ?? 'em_acompanhamento') as TAdverseOutcome)}
            allowDeselect={false}
            error={errors.fields.outcome}
          />
        </SimpleGrid>
        <DateTimeField
          label={t('inventory.adverse.onsetAt')}
          value={form.onsetAt}
          onChange={(value) => set('onsetAt', value)}
          required
          data-testid="adverse-onset"
          error={errors.fields.onsetAt}
        />
        <Textarea
          label={t('inventory.adverse.description')}
          value={form.description}
          onChange={(e) => set('description', e.currentTarget.value)}
          autosize
          minRows={3}
          required
          data-testid="adverse-description"
          error={errors.fields.description}
        />
        <Textarea
          label={t('inventory.adverse.followUp')}
          value={form.followUp}
          onChange={(e) => set('followUp', e.currentTarget.value)}
          autosize
          minRows={2}
          error={errors.fields.followUp}
        />
        {errors.form ? <Alert color="red">{errors.form}</Alert> : null}
        <Group justify="flex-end">
          <Button
            loading={record.isPending}
            data-testid="adverse-save"
            onClick={() =>
              record.mutate({
                clientId: form.clientId,
                productId: form.productId || null,
                lotId: form.lotId || null,
                severity: form.severity,
                // datetime-local is the browser's wall clock; the browser turns it into an instant.
                onsetAt: instantOfLocal(form.onsetAt, timeZone) ?? '',
                description: form.description,
                outcome: form.outcome,
                followUp: form.followUp,
              })
            }
          >
            {t('inventory.adverse.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function NotifyModal({ event, onClose }: { event: TAdverseEvent | null; onClose: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [protocol, setProtocol] = useState('');
  const notify = useMutation(
    trpc.inventory.markAdverseEventNotified.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries({ queryKey: trpc.inventory.adverseEvents.queryKey() });
        setProtocol('');
        onClose();
      },
    }),
  );
  return (
    <Modal
      opened={event !== null}
      onClose={onClose}
      title={t('inventory.adverse.markNotified')}
      centered
      radius="lg"
    >
      <Stack gap="md">
        <TextInput
          label={t('inventory.adverse.protocol')}
          value={protocol}
          onChange={(e) => setProtocol(e.currentTarget.value)}
        />
        {notify.error ? <Alert color="red">{toUserError(notify.error, t)}</Alert> : null}
        <Group justify="flex-end">
          <Button
            loading={notify.isPending}
            onClick={() => event && notify.mutate({ id: event.id, protocol })}
          >
            {t('inventory.adverse.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function ReportModal({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const { timeZone } = activeClinicOf(useSignedInUser());
  const report = useQuery({
    ...trpc.inventory.adverseEventReport.queryOptions({ id: id ?? '' }),
    enabled: Boolean(id),
  });
  const r = report.data;
  return (
    <Modal
      opened={id !== null}
      onClose={onClose}
      title={t('inventory.adverse.report')}
      size="lg"
      centered
      radius="lg"
    >
      {report.isError ? (
        <Alert color="red">{toUserError(report.error, t)}</Alert>
      ) : !r ? (
        <Skeleton height={160} />
      ) : (
        <Stack gap={6}>
          <Text fw={600}>
            {NOTIFICATION_CHANNEL_LABELS[r.channel]} · {t('inventory.adverse.due')}:{' '}
            {formatDateTime(r.dueAt, timeZone)}
            {r.isOverdue ? ` · ${t('inventory.adverse.overdue')}` : ''}
          </Text>
          <Text size="sm">
            {t('inventory.adverse.reportPatient', {
              initials: r.patient.initials,
              age: r.patient.ageYears,
              sex: r.patient.sex,
            })}
          </Text>
          <Text size="sm">
            {t('inventory.adverse.reportEstablishment', {
              name: r.establishment.name,
              cnpj: r.establishment.cnpj,
            })}
          </Text>
          {r.product ? (
            <Text size="sm">
              {t('inventory.adverse.reportProduct', {
                name: r.product.name,
                manufacturer: r.product.manufacturer,
                number: r.product.anvisaNumberFormatted,
              })}
            </Text>
          ) : null}
          {r.lot ? (
            <Text size="sm">
              {t('inventory.adverse.reportLot', { number: r.lot.number, expiry: brDate(r.lot.expiryDate) })}
            </Text>
          ) : null}
          <Text size="sm">
            {t('inventory.adverse.severity')}: {ADVERSE_SEVERITY_LABELS[r.severity]} ·{' '}
            {t('inventory.adverse.onsetAt')}: {formatDateTime(r.onsetAt, timeZone)}
          </Text>
          <Text size="sm" fw={500}>
            {t('inventory.adverse.description')}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {r.description}
          </Text>
          <Text size="sm">
            {t('inventory.adverse.outcome')}: {ADVERSE_OUTCOME_LABELS[r.outcome]}
            {r.outcomeNotes ? ` — ${r.outcomeNotes}` : ''}
          </Text>
          {r.followUp ? (
            <Text size="sm">
              {t('inventory.adverse.followUp')}: {r.followUp}
            </Text>
          ) : null}
        </Stack>
      )}
    </Modal>
  );
}
