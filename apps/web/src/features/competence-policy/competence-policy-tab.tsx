import type { TCompetenceDecision } from '@clinia/contracts';
import { formatDateTime, SectionCard } from '@clinia/ui';
import { Alert, Badge, Button, Group, Paper, Skeleton, Stack, Text, Textarea, Timeline } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconHistory, IconPencil } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryErrorState } from '../../shell/query-error-state';
import { appCodeOf, toFormErrors } from '../../trpc/to-user-error';
import { type TRouterOutputs, useTRPC } from '../../trpc/trpc';
import { useStepUp } from '../identity/step-up';
import { activeClinicOf, useSignedInUser } from '../identity/use-me';
import { DECISION_COLOR } from './decision-badge';
import { PolicyMatrix } from './policy-matrix';
import { applyEdits, countChanges, type TCellKey } from './policy-matrix-model';

type TPolicy = TRouterOutputs['organizations']['competencePolicy'];

const MIN_NOTE_LENGTH = 5;

export type TCompetencePolicyTabProps = {
  canManage: boolean;
};

/** Who may perform which category of procedure: the active version, its history, and (for managers) a new version. */
export function CompetencePolicyTab({ canManage }: TCompetencePolicyTabProps) {
  const trpc = useTRPC();
  const policy = useQuery(trpc.organizations.competencePolicy.queryOptions());

  if (policy.isPending) {
    return <Skeleton height={420} radius="lg" aria-busy="true" />;
  }
  if (policy.isError) {
    return <QueryErrorState error={policy.error} onRetry={() => void policy.refetch()} />;
  }
  return <CompetencePolicy key={policy.data.version} policy={policy.data} canManage={canManage} />;
}

function CompetencePolicy({ policy, canManage }: { policy: TPolicy; canManage: boolean }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const withStepUp = useStepUp();
  const { timeZone } = activeClinicOf(useSignedInUser());
  const [isEditing, setIsEditing] = useState(false);
  const [edits, setEdits] = useState<Map<TCellKey, TCompetenceDecision>>(() => new Map());
  const [note, setNote] = useState('');
  const save = useMutation(trpc.organizations.saveCompetencePolicy.mutationOptions());
  const errors = toFormErrors(save.error, t, ['note', 'rules'] as const);
  const isStepUpError = appCodeOf(save.error) === 'STEP_UP_REQUIRED';
  const changes = countChanges(policy.rules, edits);
  const active = policy.history.find((h) => h.isActive);

  const cancel = () => {
    setIsEditing(false);
    setEdits(new Map());
    setNote('');
    save.reset();
  };

  const submit = () => {
    const reason = note.trim();
    const rules = applyEdits(policy.rules, edits, t('policy.changeCitation', { note: reason }));
    withStepUp(() => save.mutateAsync({ note: reason, rules }))
      .then(async (result) => {
        notifications.show({ color: 'green', message: t('policy.saved', { version: result.version }) });
        await queryClient.invalidateQueries(trpc.organizations.competencePolicy.queryFilter());
      })
      .catch(() => {
        // Shown from `save.error`; a cancelled confirmation needs no message.
      });
  };

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start" gap="md">
        <Stack gap={4} maw={720}>
          <Group gap="sm">
            <Text fw={600} size="lg">
              {t('policy.version', { version: policy.version })}
            </Text>
            {active ? (
              <Text size="sm" c="dimmed">
                {t('policy.since', { date: formatDateTime(active.createdAt, timeZone) })}
              </Text>
            ) : null}
          </Group>
          <Text size="sm" c="dimmed">
            {policy.note}
          </Text>
        </Stack>
        {canManage && !isEditing ? (
          <Button variant="light" leftSection={<IconPencil size={18} />} onClick={() => setIsEditing(true)}>
            {t('policy.edit')}
          </Button>
        ) : null}
      </Group>

      <Group gap="md">
        {(['permitido', 'requer_habilitacao', 'proibido'] as const).map((decision) => (
          <Group key={decision} gap={6}>
            <Badge color={DECISION_COLOR[decision]} variant="light" size="sm" tt="none" fw={600}>
              {t(`policy.decision.${decision}`)}
            </Badge>
            <Text size="xs" c="dimmed">
              {t(`policy.legend.${decision}`)}
            </Text>
          </Group>
        ))}
      </Group>

      {isEditing ? (
        <Alert color="sage" variant="light">
          {t('policy.editingHint')}
        </Alert>
      ) : null}

      <Paper withBorder radius="lg" style={{ overflow: 'hidden' }}>
        <PolicyMatrix
          rules={policy.rules}
          editing={
            isEditing
              ? {
                  edits,
                  onEdit: (key, decision) => setEdits((current) => new Map(current).set(key, decision)),
                }
              : undefined
          }
        />
      </Paper>

      {isEditing ? (
        <Paper withBorder radius="lg" p="lg">
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              submit();
            }}
          >
            <Stack gap="md">
              <Textarea
                label={t('policy.note')}
                description={t('policy.noteHint')}
                autosize
                minRows={2}
                value={note}
                onChange={(event) => setNote(event.currentTarget.value)}
                error={isStepUpError ? undefined : errors.fields.note}
                required
              />
              {errors.form && !isStepUpError ? (
                <Alert color="red" variant="light" icon={<IconAlertCircle />} role="alert">
                  {errors.form}
                </Alert>
              ) : null}
              <Group justify="space-between">
                <Text size="sm" c="dimmed">
                  {t('policy.changes', { count: changes })}
                </Text>
                <Group gap="sm">
                  <Button variant="default" onClick={cancel}>
                    {t('common.cancel')}
                  </Button>
                  <Button
                    type="submit"
                    loading={save.isPending}
                    disabled={changes === 0 || note.trim().length < MIN_NOTE_LENGTH}
                  >
                    {t('policy.save')}
                  </Button>
                </Group>
              </Group>
            </Stack>
          </form>
        </Paper>
      ) : null}

      <SectionCard title={t('policy.history')} icon={<IconHistory size={18} />}>
        <Timeline active={0} bulletSize={14} lineWidth={2}>
          {policy.history.map((entry) => (
            <Timeline.Item
              key={entry.version}
              title={
                <Group gap="xs">
                  <Text fw={600} size="sm">
                    {t('policy.version', { version: entry.version })}
                  </Text>
                  {entry.isActive ? (
                    <Badge tt="none" size="xs" variant="light">
                      {t('policy.active')}
                    </Badge>
                  ) : null}
                </Group>
              }
            >
              <Text size="sm">{entry.note}</Text>
              <Text size="xs" c="dimmed" mt={2}>
                {entry.createdByName
                  ? t('policy.createdBy', {
                      date: formatDateTime(entry.createdAt, timeZone),
                      name: entry.createdByName,
                    })
                  : formatDateTime(entry.createdAt, timeZone)}
              </Text>
            </Timeline.Item>
          ))}
        </Timeline>
      </SectionCard>
    </Stack>
  );
}
