import {
  RISK_ACTION_LABELS,
  RISK_ACTIONS,
  RISK_BANDS,
  type TRiskAction,
  type TRiskActionPolicy,
  type TRiskBand,
} from '@clinia/contracts';
import { SectionCard } from '@clinia/ui';
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Paper,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAdjustmentsHorizontal } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryErrorState } from '../../shell/query-error-state';
import { toFormErrors } from '../../trpc/to-user-error';
import { useTRPC } from '../../trpc/trpc';
import {
  bandLimitsText,
  draftOf,
  isPolicyDirty,
  policyOf,
  type TPolicyDraft,
  type TPolicyField,
} from './policy-form';

const FIELDS: readonly TPolicyField[] = ['mediumFrom', 'highFrom', 'holdoutPercent'];

/** /faltas › Política de ações: band thresholds, actions per band and the holdout share. */
export function PolicyEditor({ canManage }: { canManage: boolean }) {
  const trpc = useTRPC();
  const policy = useQuery(trpc.prediction.policy.queryOptions());
  if (policy.isPending) {
    return <Skeleton height={360} radius="lg" />;
  }
  if (policy.isError) {
    return <QueryErrorState error={policy.error} onRetry={() => void policy.refetch()} />;
  }
  // Keyed on the saved policy: after a save (or a change elsewhere) the form starts from the new one.
  return <PolicyForm key={JSON.stringify(policy.data)} saved={policy.data} canManage={canManage} />;
}

function PolicyForm({ saved, canManage }: { saved: TRiskActionPolicy; canManage: boolean }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<TPolicyDraft>(() => draftOf(saved));
  const [localErrors, setLocalErrors] = useState<Partial<Record<TPolicyField, string>>>({});
  const save = useMutation(
    trpc.prediction.savePolicy.mutationOptions({
      onSuccess: (next) => {
        queryClient.setQueryData(trpc.prediction.policy.queryKey(), next);
        notifications.show({ color: 'sage', message: t('noshow.policy.saved') });
      },
    }),
  );
  const serverErrors = toFormErrors(save.error, t, FIELDS);
  const errors = { ...serverErrors.fields, ...localErrors };
  const dirty = isPolicyDirty(draft, saved);
  const limits = bandLimitsText(draft);
  const holdout =
    typeof draft.holdoutPercent === 'number' ? draft.holdoutPercent : Number(draft.holdoutPercent);

  const update = (next: Partial<TPolicyDraft>) => {
    setDraft((current) => ({ ...current, ...next }));
    setLocalErrors({});
    save.reset();
  };
  const toggle = (band: TRiskBand, action: TRiskAction, checked: boolean) =>
    update({
      actions: {
        ...draft.actions,
        [band]: checked ? [...draft.actions[band], action] : draft.actions[band].filter((a) => a !== action),
      },
    });
  const submit = () => {
    const checked = policyOf(draft);
    if (!checked.ok) {
      setLocalErrors(checked.errors);
      return;
    }
    save.mutate(checked.policy);
  };

  return (
    <SectionCard
      title={t('noshow.policy.title')}
      icon={<IconAdjustmentsHorizontal size={18} />}
      aside={
        canManage ? (
          <Badge
            variant="light"
            tt="none"
            color={dirty ? 'yellow' : 'sage'}
            data-testid="policy-state"
            data-dirty={dirty ? 'true' : 'false'}
          >
            {dirty ? t('noshow.policy.stateDirty') : t('noshow.policy.stateSaved')}
          </Badge>
        ) : null
      }
    >
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
        data-testid="policy-editor"
      >
        <Stack gap="lg">
          <Text size="sm" c="dimmed" maw={720}>
            {t('noshow.policy.description')}
          </Text>
          {!canManage ? (
            <Alert variant="light" color="gray">
              {t('noshow.policy.readOnly')}
            </Alert>
          ) : null}
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg" maw={480}>
            <NumberInput
              label={t('noshow.policy.mediumFrom')}
              value={draft.mediumPercent}
              onChange={(value) => update({ mediumPercent: value })}
              suffix="%"
              decimalSeparator=","
              min={1}
              max={99}
              decimalScale={1}
              error={errors.mediumFrom}
              readOnly={!canManage}
              hideControls={!canManage}
              data-testid="policy-medium"
            />
            <NumberInput
              label={t('noshow.policy.highFrom')}
              value={draft.highPercent}
              onChange={(value) => update({ highPercent: value })}
              suffix="%"
              decimalSeparator=","
              min={1}
              max={99}
              decimalScale={1}
              error={errors.highFrom}
              readOnly={!canManage}
              hideControls={!canManage}
              data-testid="policy-high"
            />
          </SimpleGrid>
          <Stack gap="xs">
            <Text fw={600}>{t('noshow.policy.bands')}</Text>
            <SimpleGrid cols={{ base: 1, md: 3 }} spacing="md">
              {RISK_BANDS.map((band) => (
                <Paper key={band} withBorder radius="md" p="md" data-testid="policy-band" data-band={band}>
                  <Text size="sm" fw={600} mb="sm">
                    {t(`noshow.policy.band.${band}`, limits)}
                  </Text>
                  <Stack gap="sm">
                    {RISK_ACTIONS.map((action) => (
                      <Checkbox
                        key={action}
                        label={RISK_ACTION_LABELS[action]}
                        checked={draft.actions[band].includes(action)}
                        onChange={(event) => toggle(band, action, event.currentTarget.checked)}
                        disabled={!canManage}
                        // Read-only, not faded: reception must be able to read the policy in force.
                        styles={
                          canManage
                            ? undefined
                            : { label: { color: 'var(--mantine-color-text)', cursor: 'default' } }
                        }
                        data-action={action}
                      />
                    ))}
                  </Stack>
                </Paper>
              ))}
            </SimpleGrid>
          </Stack>

          <Group align="flex-start" gap="lg" wrap="nowrap">
            <NumberInput
              label={t('noshow.policy.holdout')}
              w={160}
              style={{ flex: 'none' }}
              value={draft.holdoutPercent}
              onChange={(value) => update({ holdoutPercent: value })}
              suffix="%"
              min={0}
              max={50}
              allowDecimal={false}
              error={errors.holdoutPercent}
              readOnly={!canManage}
              hideControls={!canManage}
              data-testid="policy-holdout"
            />
            <Text size="sm" pt={26} maw={560} data-testid="policy-holdout-sentence">
              {holdout > 0
                ? t('noshow.policy.holdoutSentence', { percent: holdout })
                : t('noshow.policy.holdoutNone')}
            </Text>
          </Group>

          {serverErrors.form ? (
            <Alert color="red" role="alert">
              {serverErrors.form}
            </Alert>
          ) : null}
          {canManage ? (
            <Group gap="sm">
              <Button type="submit" loading={save.isPending} disabled={!dirty} data-testid="policy-save">
                {t('noshow.policy.save')}
              </Button>
              {dirty ? (
                <Button
                  variant="subtle"
                  onClick={() => {
                    setDraft(draftOf(saved));
                    setLocalErrors({});
                    save.reset();
                  }}
                >
                  {t('noshow.policy.discard')}
                </Button>
              ) : null}
            </Group>
          ) : null}
        </Stack>
      </form>
    </SectionCard>
  );
}
