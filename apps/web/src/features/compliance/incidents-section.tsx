import {
  INCIDENT_DATA_CATEGORIES,
  INCIDENT_DATA_CATEGORY_LABELS,
  INCIDENT_RISK_CRITERIA,
  INCIDENT_RISK_CRITERION_LABELS,
  INCIDENT_STATUS_LABELS,
  isReportableIncident,
  type TIncidentDataCategory,
  type TIncidentRiskCriterion,
} from '@clinia/contracts';
import { EmptyState, formatDateTime, SectionCard } from '@clinia/ui';
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  NumberInput,
  SegmentedControl,
  Skeleton,
  Stack,
  Table,
  Text,
  Textarea,
} from '@mantine/core';
import { IconAlertOctagon, IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateTimeField, instantOfLocal } from '../../shell/date-fields';
import { QueryErrorState } from '../../shell/query-error-state';
import { toFormErrors } from '../../trpc/to-user-error';
import { useTRPC } from '../../trpc/trpc';
import { activeClinicOf, canDo, useSignedInUser } from '../identity/use-me';
import { DeadlineText } from './deadline-text';
import { IncidentDrawer } from './incident-drawer';

const STATUS_COLOR = { aberto: 'orange', comunicado: 'blue', encerrado: 'teal' } as const;

/** The register of security incidents: each one's deadline to the ANPD, its communication and closing. */
export function IncidentsSection() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const me = useSignedInUser();
  const { timeZone } = activeClinicOf(me);
  const [recording, setRecording] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const incidents = useQuery(trpc.compliance.incidents.queryOptions(undefined, { retry: false }));
  const canManage = canDo(me, 'incidents.manage');
  return (
    <SectionCard
      title={t('compliance.incidents.title')}
      icon={<IconAlertOctagon size={18} />}
      aside={
        canManage ? (
          <Button
            leftSection={<IconPlus size={16} />}
            onClick={() => setRecording(true)}
            data-testid="incident-new"
          >
            {t('compliance.incidents.new')}
          </Button>
        ) : null
      }
    >
      <Text size="sm" c="dimmed" mb="md">
        {t('compliance.incidents.hint')}
      </Text>
      {incidents.isPending ? (
        <Skeleton height={120} radius="md" />
      ) : incidents.isError ? (
        <QueryErrorState error={incidents.error} onRetry={() => void incidents.refetch()} />
      ) : incidents.data.length === 0 ? (
        <EmptyState
          title={t('compliance.incidents.empty')}
          description={t('compliance.incidents.emptyHint')}
        />
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing={8} fz="sm" highlightOnHover data-testid="incident-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('compliance.incidents.column.knownAt')}</Table.Th>
                <Table.Th>{t('compliance.incidents.column.data')}</Table.Th>
                <Table.Th>{t('compliance.incidents.column.status')}</Table.Th>
                <Table.Th>{t('compliance.incidents.column.deadline')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {incidents.data.map((incident) => (
                <Table.Tr
                  key={incident.id}
                  onClick={() => setOpenId(incident.id)}
                  style={{ cursor: 'pointer' }}
                  data-testid="incident-row"
                >
                  <Table.Td style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
                    {formatDateTime(incident.knownAt, timeZone)}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {incident.dataCategories
                        .map((c) => INCIDENT_DATA_CATEGORY_LABELS[c].split(' (')[0])
                        .join(', ')}
                    </Text>
                    {incident.subjectsAffected !== null ? (
                      <Text size="xs" c="dimmed">
                        {t('compliance.incidents.subjects', { count: incident.subjectsAffected })}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    <Badge color={STATUS_COLOR[incident.status]} variant="light">
                      {INCIDENT_STATUS_LABELS[incident.status]}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <DeadlineText incident={incident} timeZone={timeZone} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <RecordIncidentModal opened={recording} onClose={() => setRecording(false)} />
      <IncidentDrawer incidentId={openId} onClose={() => setOpenId(null)} canManage={canManage} />
    </SectionCard>
  );
}

const FIELDS = [
  'knownAt',
  'occurredAt',
  'description',
  'measures',
  'dataCategories',
  'subjectsAffected',
  'significantImpact',
  'criteria',
] as const;

type TForm = {
  knownAt: string;
  occurredAt: string;
  description: string;
  measures: string;
  dataCategories: TIncidentDataCategory[];
  subjectsAffected: number | null;
  significantImpact: boolean | null;
  criteria: TIncidentRiskCriterion[];
};
const EMPTY: TForm = {
  knownAt: '',
  occurredAt: '',
  description: '',
  measures: '',
  dataCategories: [],
  subjectsAffected: null,
  significantImpact: null,
  criteria: [],
};

function RecordIncidentModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { timeZone } = activeClinicOf(useSignedInUser());
  const [form, setForm] = useState<TForm>(EMPTY);
  // Fields changed since the last attempt: their old error no longer applies.
  const [edited, setEdited] = useState<ReadonlySet<keyof TForm>>(new Set());
  const set = <K extends keyof TForm>(key: K, value: TForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setEdited((current) => new Set(current).add(key));
  };
  const record = useMutation(
    trpc.compliance.recordIncident.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries({ queryKey: trpc.compliance.incidents.queryKey() });
        setForm(EMPTY);
        onClose();
      },
    }),
  );
  const allErrors = toFormErrors(record.error, t, FIELDS);
  const errors = {
    ...allErrors,
    fields: Object.fromEntries(
      Object.entries(allErrors.fields).filter(([field]) => !edited.has(field as keyof TForm)),
    ) as typeof allErrors.fields,
  };
  const reportable = isReportableIncident({
    significantImpact: form.significantImpact === true,
    criteria: form.criteria,
  });
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('compliance.incidents.new')}
      size="lg"
      centered
      radius="lg"
    >
      <Stack gap="sm" data-testid="incident-form">
        <Group grow align="flex-start">
          <DateTimeField
            label={t('compliance.incidents.knownAt')}
            value={form.knownAt}
            onChange={(value) => set('knownAt', value)}
            required
            error={errors.fields.knownAt}
            data-testid="incident-known"
          />
          <DateTimeField
            label={t('compliance.incidents.occurredAt')}
            value={form.occurredAt}
            onChange={(value) => set('occurredAt', value)}
            error={errors.fields.occurredAt}
            data-testid="incident-occurred"
          />
        </Group>
        <Text size="xs" c="dimmed" mt={-6}>
          {t('compliance.incidents.knownAtHint')}
        </Text>
        <Textarea
          label={t('compliance.incidents.description')}
          value={form.description}
          onChange={(e) => set('description', e.currentTarget.value)}
          autosize
          minRows={3}
          required
          error={errors.fields.description}
          data-testid="incident-description"
        />
        <Textarea
          label={t('compliance.incidents.measures')}
          value={form.measures}
          onChange={(e) => set('measures', e.currentTarget.value)}
          autosize
          minRows={2}
          required
          error={errors.fields.measures}
          data-testid="incident-measures"
        />
        <Checkbox.Group
          label={t('compliance.incidents.dataCategories')}
          value={form.dataCategories}
          onChange={(value) => set('dataCategories', value as TIncidentDataCategory[])}
          required
          error={errors.fields.dataCategories}
        >
          <Stack gap={6} mt={6}>
            {INCIDENT_DATA_CATEGORIES.map((c) => (
              <Checkbox key={c} value={c} label={INCIDENT_DATA_CATEGORY_LABELS[c]} />
            ))}
          </Stack>
        </Checkbox.Group>
        <NumberInput
          label={t('compliance.incidents.subjectsAffected')}
          value={form.subjectsAffected ?? ''}
          onChange={(value) => set('subjectsAffected', typeof value === 'number' ? value : null)}
          min={0}
          allowDecimal={false}
          thousandSeparator="."
          decimalSeparator=","
          w={300}
          error={errors.fields.subjectsAffected}
          data-testid="incident-subjects"
        />
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t('compliance.incidents.significantImpact')}
          </Text>
          <SegmentedControl
            w="fit-content"
            value={form.significantImpact === null ? '' : form.significantImpact ? 'sim' : 'nao'}
            onChange={(v) => set('significantImpact', v === 'sim')}
            data={[
              { value: 'sim', label: t('compliance.incidents.yes') },
              { value: 'nao', label: t('compliance.incidents.no') },
            ]}
            data-testid="incident-impact"
          />
          {errors.fields.significantImpact ? (
            <Text size="xs" c="red">
              {errors.fields.significantImpact}
            </Text>
          ) : null}
        </Stack>
        <Checkbox.Group
          label={t('compliance.incidents.criteria')}
          value={form.criteria}
          onChange={(value) => set('criteria', value as TIncidentRiskCriterion[])}
          error={errors.fields.criteria}
        >
          <Stack gap={6} mt={6}>
            {INCIDENT_RISK_CRITERIA.map((c) => (
              <Checkbox key={c} value={c} label={INCIDENT_RISK_CRITERION_LABELS[c]} />
            ))}
          </Stack>
        </Checkbox.Group>
        <Alert color={reportable ? 'orange' : 'gray'} variant="light" data-testid="incident-verdict">
          {reportable
            ? t('compliance.incidents.verdictReportableNoDate')
            : t('compliance.incidents.verdictRegister')}
        </Alert>
        {errors.form ? <Alert color="red">{errors.form}</Alert> : null}
        <Group justify="flex-end">
          <Button
            loading={record.isPending}
            data-testid="incident-save"
            onClick={() => {
              setEdited(new Set());
              record.mutate({
                knownAt: instantOfLocal(form.knownAt, timeZone) ?? '',
                occurredAt: form.occurredAt ? (instantOfLocal(form.occurredAt, timeZone) ?? '') : undefined,
                description: form.description,
                measures: form.measures,
                dataCategories: form.dataCategories,
                subjectsAffected: form.subjectsAffected,
                // Unanswered reads as the server's own question (a boolean is required).
                significantImpact: form.significantImpact as boolean,
                criteria: form.criteria,
              });
            }}
          >
            {t('compliance.incidents.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
