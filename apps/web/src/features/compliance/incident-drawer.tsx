import {
  INCIDENT_DATA_CATEGORY_LABELS,
  INCIDENT_RISK_CRITERION_LABELS,
  INCIDENT_STATUS_LABELS,
} from '@clinia/contracts';
import { DetailList, formatDate, formatDateTime } from '@clinia/ui';
import {
  Alert,
  Badge,
  Button,
  Divider,
  Drawer,
  Group,
  Skeleton,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateTimeField, instantOfLocal } from '../../shell/date-fields';
import { QueryErrorState } from '../../shell/query-error-state';
import { toFormErrors } from '../../trpc/to-user-error';
import { useTRPC } from '../../trpc/trpc';
import { activeClinicOf, useSignedInUser } from '../identity/use-me';
import { DeadlineText } from './deadline-text';

const COMMUNICATION_FIELDS = ['anpdCommunicatedAt', 'anpdProtocol', 'subjectsCommunicatedAt'] as const;
const CLOSE_FIELDS = ['conclusion'] as const;

/** One incident: its account (opened from the sealed record, and audited), communication and closing. */
export function IncidentDrawer({
  incidentId,
  onClose,
  canManage,
}: {
  incidentId: string | null;
  onClose: () => void;
  canManage: boolean;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { timeZone } = activeClinicOf(useSignedInUser());
  const detail = useQuery({
    ...trpc.compliance.incident.queryOptions({ incidentId: incidentId ?? '' }, { retry: false }),
    enabled: incidentId !== null,
  });
  const [communication, setCommunication] = useState({ anpdAt: '', protocol: '', subjectsAt: '' });
  const [conclusion, setConclusion] = useState('');
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.compliance.incidents.queryKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.compliance.incident.queryKey() });
  };
  const communicate = useMutation(
    trpc.compliance.recordCommunication.mutationOptions({ onSuccess: refresh }),
  );
  const close = useMutation(trpc.compliance.closeIncident.mutationOptions({ onSuccess: refresh }));
  const communicationErrors = toFormErrors(communicate.error, t, COMMUNICATION_FIELDS);
  const closeErrors = toFormErrors(close.error, t, CLOSE_FIELDS);
  const incident = detail.data;
  return (
    <Drawer
      opened={incidentId !== null}
      onClose={onClose}
      position="right"
      size="lg"
      title={t('compliance.incidents.drawerTitle')}
      data-testid="incident-drawer"
    >
      {detail.isPending ? (
        <Skeleton height={300} radius="md" />
      ) : detail.isError ? (
        <QueryErrorState error={detail.error} onRetry={() => void detail.refetch()} />
      ) : incident ? (
        <Stack gap="md">
          <Group gap="sm">
            <Badge variant="light" data-testid="incident-status">
              {INCIDENT_STATUS_LABELS[incident.status]}
            </Badge>
            <DeadlineText incident={incident} timeZone={timeZone} />
          </Group>
          <DetailList
            items={[
              {
                id: 'known',
                label: t('compliance.incidents.knownAt'),
                value: formatDateTime(incident.knownAt, timeZone),
              },
              ...(incident.occurredAt
                ? [
                    {
                      id: 'occurred',
                      label: t('compliance.incidents.occurredAt'),
                      value: formatDateTime(incident.occurredAt, timeZone),
                    },
                  ]
                : []),
              {
                id: 'data',
                label: t('compliance.incidents.dataCategories'),
                value: incident.dataCategories.map((c) => INCIDENT_DATA_CATEGORY_LABELS[c]).join('; '),
              },
              ...(incident.subjectsAffected !== null
                ? [
                    {
                      id: 'subjects',
                      label: t('compliance.incidents.subjectsAffected'),
                      value: t('compliance.incidents.subjects', { count: incident.subjectsAffected }),
                    },
                  ]
                : []),
              {
                id: 'criteria',
                label: t('compliance.incidents.criteria'),
                value:
                  incident.criteria.map((c) => INCIDENT_RISK_CRITERION_LABELS[c]).join('; ') ||
                  t('compliance.incidents.no'),
              },
            ]}
            labelWidth={170}
          />
          <Stack gap={4}>
            <Text size="sm" fw={600}>
              {t('compliance.incidents.description')}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="incident-description-text">
              {incident.description}
            </Text>
          </Stack>
          <Stack gap={4}>
            <Text size="sm" fw={600}>
              {t('compliance.incidents.measures')}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {incident.measures}
            </Text>
          </Stack>
          <Text size="xs" c="dimmed">
            {t('compliance.incidents.recordedBy', {
              name: incident.recordedByName ?? '—',
              date: formatDateTime(incident.createdAt, timeZone),
            })}
          </Text>
          {incident.anpdProtocol ? (
            <Alert color="blue" variant="light">
              <Text size="sm">{t('compliance.incidents.protocol', { protocol: incident.anpdProtocol })}</Text>
              {incident.supplementDueAt && incident.status !== 'encerrado' ? (
                <Text size="xs" mt={4}>
                  {t('compliance.incidents.supplementDue', {
                    date: formatDate(incident.supplementDueAt, timeZone),
                  })}
                </Text>
              ) : null}
            </Alert>
          ) : null}
          {incident.status === 'encerrado' ? (
            <Alert color="teal" variant="light" data-testid="incident-closed">
              <Text size="sm" fw={500}>
                {t('compliance.incidents.closedOn', {
                  date: formatDateTime(incident.closedAt ?? '', timeZone),
                })}
              </Text>
              <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap' }}>
                {incident.conclusion}
              </Text>
            </Alert>
          ) : canManage ? (
            <>
              {incident.status === 'aberto' && incident.reportable ? (
                <>
                  <Divider label={t('compliance.incidents.communicate')} labelPosition="left" />
                  <DateTimeField
                    label={t('compliance.incidents.anpdCommunicatedAt')}
                    value={communication.anpdAt}
                    onChange={(anpdAt) => setCommunication((c) => ({ ...c, anpdAt }))}
                    required
                    error={communicationErrors.fields.anpdCommunicatedAt}
                    data-testid="incident-anpd-at"
                  />
                  <TextInput
                    label={t('compliance.incidents.anpdProtocol')}
                    value={communication.protocol}
                    onChange={(e) => setCommunication((c) => ({ ...c, protocol: e.currentTarget.value }))}
                    required
                    error={communicationErrors.fields.anpdProtocol}
                    data-testid="incident-protocol"
                  />
                  <DateTimeField
                    label={t('compliance.incidents.subjectsCommunicatedAt')}
                    value={communication.subjectsAt}
                    onChange={(subjectsAt) => setCommunication((c) => ({ ...c, subjectsAt }))}
                    error={communicationErrors.fields.subjectsCommunicatedAt}
                    data-testid="incident-subjects-at"
                  />
                  {communicationErrors.form ? <Alert color="red">{communicationErrors.form}</Alert> : null}
                  <Button
                    w="fit-content"
                    loading={communicate.isPending}
                    data-testid="incident-communicate"
                    onClick={() =>
                      communicate.mutate({
                        incidentId: incident.id,
                        anpdCommunicatedAt: instantOfLocal(communication.anpdAt, timeZone) ?? '',
                        anpdProtocol: communication.protocol,
                        subjectsCommunicatedAt: communication.subjectsAt
                          ? (instantOfLocal(communication.subjectsAt, timeZone) ?? '')
                          : undefined,
                      })
                    }
                  >
                    {t('compliance.incidents.saveCommunication')}
                  </Button>
                </>
              ) : null}
              <Divider label={t('compliance.incidents.close')} labelPosition="left" />
              {incident.reportable && incident.anpdCommunicatedAt === null ? (
                <Text size="sm" c="dimmed">
                  {t('compliance.incidents.mustCommunicate')}
                </Text>
              ) : (
                <>
                  <Textarea
                    label={t('compliance.incidents.conclusion')}
                    value={conclusion}
                    onChange={(e) => setConclusion(e.currentTarget.value)}
                    autosize
                    minRows={2}
                    required
                    error={closeErrors.fields.conclusion ?? closeErrors.form}
                    data-testid="incident-conclusion"
                  />
                  <Button
                    w="fit-content"
                    variant="light"
                    loading={close.isPending}
                    data-testid="incident-close"
                    onClick={() => close.mutate({ incidentId: incident.id, conclusion })}
                  >
                    {t('compliance.incidents.saveClose')}
                  </Button>
                </>
              )}
            </>
          ) : null}
        </Stack>
      ) : null}
    </Drawer>
  );
}
