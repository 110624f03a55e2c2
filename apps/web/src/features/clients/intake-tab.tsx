import { type TIntakeData, ZIntakeData } from '@clinia/contracts';
import { EmptyState, formatDateTime, formatIsoDate, SectionCard } from '@clinia/ui';
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Chip,
  Group,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconAlertTriangle, IconClipboardHeart, IconHistory, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../shell/date-fields';
import { QueryErrorState } from '../../shell/query-error-state';
import { toFormErrors } from '../../trpc/to-user-error';
import { type TRouterOutputs, useTRPC } from '../../trpc/trpc';
import { activeClinicOf, useSignedInUser } from '../identity/use-me';
import {
  intakeAlerts,
  intakeFormOf,
  newMedicationRow,
  type TIntakeFormState,
  toIntakeInput,
} from './intake-form';

type TIntakeVersion = TRouterOutputs['clients']['intakeHistory'][number];
const FITZPATRICK = ['I', 'II', 'III', 'IV', 'V', 'VI'] as const;
const FLAGS = ['pregnant', 'breastfeeding', 'keloidTendency', 'autoimmuneDisease'] as const;

/** The health intake: the current version to edit (saving adds a version), risks called out, history. */
export function IntakeTab({ clientId }: { clientId: string }) {
  const trpc = useTRPC();
  const history = useQuery(trpc.clients.intakeHistory.queryOptions({ clientId }, { retry: false }));
  const [viewing, setViewing] = useState<number | null>(null);

  if (history.isPending) return <Skeleton height={320} radius="lg" />;
  if (history.isError) {
    return (
      <QueryErrorState
        error={history.error}
        onRetry={() => void history.refetch()}
        isRetrying={history.isRefetching}
      />
    );
  }
  const versions = history.data;
  const latest = versions[0];
  const shown = viewing === null ? undefined : versions.find((v) => v.version === viewing);
  return (
    <SimpleGrid cols={{ base: 1, lg: 3 }} spacing="lg">
      <Stack gap="lg" style={{ gridColumn: 'span 2' }}>
        {latest ? <IntakeAlerts data={latest.data} /> : null}
        {shown && shown.version !== latest?.version ? (
          <IntakeReadOnly version={shown} onBack={() => setViewing(null)} />
        ) : (
          <IntakeEditor key={latest?.version ?? 0} clientId={clientId} latest={latest} />
        )}
      </Stack>
      <IntakeHistory versions={versions} viewing={viewing ?? latest?.version ?? null} onView={setViewing} />
    </SimpleGrid>
  );
}

function IntakeAlerts({ data }: { data: TIntakeData }) {
  const { t } = useTranslation();
  const { timeZone } = activeClinicOf(useSignedInUser());
  const alerts = intakeAlerts(data, formatIsoDate(new Date(), timeZone));
  if (alerts.length === 0) return null;
  return (
    <Alert
      color="red"
      variant="light"
      icon={<IconAlertTriangle size={20} />}
      title={t('clients.intake.alertsTitle')}
      data-testid="intake-alerts"
    >
      <Group gap="xs">
        {alerts.map((a) => (
          <Badge
            key={`${a.kind}-${'name' in a ? a.name : a.flag}`}
            color="red"
            variant="filled"
            size="lg"
            radius="sm"
            tt="none"
          >
            {a.kind === 'medication'
              ? `${t(`clients.intake.medicationKinds.${a.medicationKind}`)}: ${a.name}`
              : a.kind === 'flag'
                ? t(`clients.intake.flags.${a.flag}`)
                : t('clients.intake.allergyAlert', { name: a.name })}
          </Badge>
        ))}
      </Group>
    </Alert>
  );
}

function IntakeEditor({ clientId, latest }: { clientId: string; latest: TIntakeVersion | undefined }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<TIntakeFormState>(() => intakeFormOf(latest?.data));
  const [localError, setLocalError] = useState<string | null>(null);
  const [savedVersion, setSavedVersion] = useState<number | null>(null);
  const save = useMutation(
    trpc.clients.saveIntake.mutationOptions({
      onSuccess: (result) => {
        setSavedVersion(result.version);
        void queryClient.invalidateQueries(trpc.clients.intakeHistory.queryFilter({ clientId }));
      },
    }),
  );
  const errors = toFormErrors(save.error, t, ['data.fitzpatrick'] as const);
  const set = <K extends keyof TIntakeFormState>(key: K, value: TIntakeFormState[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setSavedVersion(null);
  };

  const submit = () => {
    const parsed = ZIntakeData.safeParse(toIntakeInput(form));
    if (!parsed.success) {
      setLocalError(parsed.error.issues.map((i) => i.message).join(' '));
      return;
    }
    setLocalError(null);
    save.mutate({ clientId, data: parsed.data });
  };

  return (
    <SectionCard
      title={
        latest ? t('clients.intake.editTitle', { version: latest.version }) : t('clients.intake.newTitle')
      }
      icon={<IconClipboardHeart size={18} />}
    >
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Stack gap="lg">
          {!latest ? (
            <Text size="sm" c="dimmed">
              {t('clients.intake.emptyHint')}
            </Text>
          ) : null}
          <TagsInput
            size="md"
            label={t('clients.intake.conditions')}
            description={t('clients.intake.listHint')}
            value={form.conditions}
            onChange={(v) => set('conditions', v)}
            data-testid="intake-conditions"
          />
          <TagsInput
            size="md"
            label={t('clients.intake.allergies')}
            description={t('clients.intake.listHint')}
            value={form.allergies}
            onChange={(v) => set('allergies', v)}
          />
          <Stack gap="xs">
            <Text size="sm" fw={500}>
              {t('clients.intake.medications')}
            </Text>
            <Text size="xs" c="dimmed">
              {t('clients.intake.medicationsHint')}
            </Text>
            {form.medications.map((m, index) => (
              <Paper key={m.key} withBorder radius="md" p="sm" bg={m.kind !== 'outro' ? 'red.0' : undefined}>
                <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm">
                  <TextInput
                    size="md"
                    label={t('clients.intake.medicationName')}
                    value={m.name}
                    onChange={(event) => {
                      const name = event.currentTarget.value;
                      set(
                        'medications',
                        form.medications.map((r, i) => (i === index ? { ...r, name } : r)),
                      );
                    }}
                  />
                  <Select
                    size="md"
                    label={t('clients.intake.medicationKind')}
                    data={(['outro', 'anticoagulante', 'isotretinoina', 'imunossupressor'] as const).map(
                      (k) => ({
                        value: k,
                        label: t(`clients.intake.medicationKinds.${k}`),
                      }),
                    )}
                    value={m.kind}
                    allowDeselect={false}
                    onChange={(kind) =>
                      set(
                        'medications',
                        form.medications.map((r, i) =>
                          i === index ? { ...r, kind: (kind ?? 'outro') as typeof m.kind } : r,
                        ),
                      )
                    }
                  />
                  <DateField
                    size="md"
                    label={t('clients.intake.since')}
                    value={m.since}
                    onChange={(since) => {
                      set(
                        'medications',
                        form.medications.map((r, i) => (i === index ? { ...r, since } : r)),
                      );
                    }}
                  />
                  <Group gap="xs" align="flex-end" wrap="nowrap">
                    <DateField
                      size="md"
                      label={t('clients.intake.until')}
                      value={m.until}
                      style={{ flex: 1 }}
                      onChange={(until) => {
                        set(
                          'medications',
                          form.medications.map((r, i) => (i === index ? { ...r, until } : r)),
                        );
                      }}
                    />
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      size={42}
                      aria-label={t('clients.intake.removeMedication')}
                      onClick={() =>
                        set(
                          'medications',
                          form.medications.filter((_, i) => i !== index),
                        )
                      }
                    >
                      <IconTrash size={18} />
                    </ActionIcon>
                  </Group>
                </SimpleGrid>
              </Paper>
            ))}
            <Button
              variant="light"
              leftSection={<IconPlus size={16} />}
              onClick={() => set('medications', [...form.medications, newMedicationRow()])}
              w="fit-content"
            >
              {t('clients.intake.addMedication')}
            </Button>
          </Stack>
          <Stack gap="xs">
            <Text size="sm" fw={500}>
              {t('clients.intake.flagsTitle')}
            </Text>
            <Group gap="sm">
              {FLAGS.map((flag) => (
                <Chip
                  key={flag}
                  size="md"
                  color="red"
                  checked={form[flag]}
                  onChange={(checked) => set(flag, checked)}
                >
                  {t(`clients.intake.flags.${flag}`)}
                </Chip>
              ))}
            </Group>
          </Stack>
          <TagsInput
            size="md"
            label={t('clients.intake.previousProcedures')}
            description={t('clients.intake.listHint')}
            value={form.previousProcedures}
            onChange={(v) => set('previousProcedures', v)}
          />
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              {t('clients.intake.fitzpatrick')}{' '}
              <Text span c="red">
                *
              </Text>
            </Text>
            <SegmentedControl
              size="md"
              value={form.fitzpatrick ?? ''}
              onChange={(value) => set('fitzpatrick', value as TIntakeFormState['fitzpatrick'])}
              data={FITZPATRICK.map((f) => ({ value: f, label: f }))}
              aria-label={t('clients.intake.fitzpatrick')}
              data-testid="intake-fitzpatrick"
            />
            <Text size="xs" c="dimmed">
              {form.fitzpatrick
                ? t(`clients.intake.fitzpatrickTypes.${form.fitzpatrick}`)
                : t('clients.intake.fitzpatrickHint')}
            </Text>
            {errors.fields['data.fitzpatrick'] ? (
              <Text size="xs" c="red">
                {errors.fields['data.fitzpatrick']}
              </Text>
            ) : null}
          </Stack>
          <Textarea
            size="md"
            label={t('clients.intake.goals')}
            autosize
            minRows={3}
            value={form.goals}
            onChange={(event) => set('goals', event.currentTarget.value)}
          />
          {localError || errors.form ? (
            <Alert color="red" role="alert">
              {localError ?? errors.form}
            </Alert>
          ) : null}
          {savedVersion ? (
            <Alert color="teal" data-testid="intake-saved">
              {t('clients.intake.saved', { version: savedVersion })}
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button type="submit" size="md" loading={save.isPending}>
              {latest ? t('clients.intake.saveNew') : t('clients.intake.saveFirst')}
            </Button>
          </Group>
        </Stack>
      </form>
    </SectionCard>
  );
}

function IntakeReadOnly({ version, onBack }: { version: TIntakeVersion; onBack: () => void }) {
  const { t } = useTranslation();
  const d = version.data;
  const list = (items: string[]) => (items.length > 0 ? items.join(', ') : '—');
  return (
    <SectionCard
      title={t('clients.intake.versionTitle', { version: version.version })}
      icon={<IconHistory size={18} />}
      aside={
        <Button variant="default" onClick={onBack}>
          {t('clients.intake.backToCurrent')}
        </Button>
      }
    >
      <Stack gap="xs">
        <Text size="sm">
          <b>{t('clients.intake.conditions')}:</b> {list(d.conditions)}
        </Text>
        <Text size="sm">
          <b>{t('clients.intake.allergies')}:</b> {list(d.allergies)}
        </Text>
        <Text size="sm">
          <b>{t('clients.intake.medications')}:</b>{' '}
          {list(d.medications.map((m) => `${m.name} (${t(`clients.intake.medicationKinds.${m.kind}`)})`))}
        </Text>
        <Text size="sm">
          <b>{t('clients.intake.flagsTitle')}:</b>{' '}
          {list(FLAGS.filter((f) => d[f]).map((f) => t(`clients.intake.flags.${f}`)))}
        </Text>
        <Text size="sm">
          <b>{t('clients.intake.previousProcedures')}:</b> {list(d.previousProcedures)}
        </Text>
        <Text size="sm">
          <b>{t('clients.intake.fitzpatrick')}:</b> {d.fitzpatrick}
        </Text>
        <Text size="sm">
          <b>{t('clients.intake.goals')}:</b> {d.goals || '—'}
        </Text>
      </Stack>
    </SectionCard>
  );
}

function IntakeHistory({
  versions,
  viewing,
  onView,
}: {
  versions: TIntakeVersion[];
  viewing: number | null;
  onView: (version: number) => void;
}) {
  const { t } = useTranslation();
  const { timeZone } = activeClinicOf(useSignedInUser());
  return (
    <SectionCard title={t('clients.intake.historyTitle')} icon={<IconHistory size={18} />}>
      {versions.length === 0 ? (
        <EmptyState
          title={t('clients.intake.historyEmpty')}
          description={t('clients.intake.historyEmptyHint')}
        />
      ) : (
        <Stack gap="xs" data-testid="intake-history">
          {versions.map((v) => (
            <Button
              key={v.version}
              variant={v.version === viewing ? 'light' : 'subtle'}
              justify="space-between"
              fullWidth
              h="auto"
              py="xs"
              onClick={() => onView(v.version)}
              rightSection={
                v.version === versions[0]?.version ? (
                  <Badge variant="light">{t('clients.intake.current')}</Badge>
                ) : null
              }
            >
              <Stack gap={0} align="flex-start">
                <Text size="sm" fw={600}>
                  {t('clients.intake.versionLabel', { version: v.version })}
                </Text>
                <Text size="xs" c="dimmed">
                  {formatDateTime(v.recordedAt, timeZone)} · {v.recordedByName ?? '—'}
                </Text>
              </Stack>
            </Button>
          ))}
        </Stack>
      )}
    </SectionCard>
  );
}
