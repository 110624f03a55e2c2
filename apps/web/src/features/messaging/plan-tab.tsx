import type { TReminderPlan } from '@clinia/contracts';
import { SectionCard } from '@clinia/ui';
import {
  Alert,
  Badge,
  Button,
  NumberInput,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconClock } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TimeField } from '../../shell/date-fields';
import { QueryErrorState } from '../../shell/query-error-state';
import { toFormErrors } from '../../trpc/to-user-error';
import { useTRPC } from '../../trpc/trpc';
import { activeClinicOf, useSignedInUser } from '../identity/use-me';
import { parseHoursList } from './message-labels';

/** The active clinic's reminder plan and quiet hours. */
export function PlanTab({ canEdit }: { canEdit: boolean }) {
  const trpc = useTRPC();
  const clinic = activeClinicOf(useSignedInUser());
  const plan = useQuery(trpc.messaging.reminderPlan.queryOptions({ clinicId: clinic.id }, { retry: false }));
  if (plan.isPending) return <Skeleton height={320} radius="lg" />;
  if (plan.isError) return <QueryErrorState error={plan.error} onRetry={() => void plan.refetch()} />;
  return <PlanForm key={JSON.stringify(plan.data)} plan={plan.data} canEdit={canEdit} />;
}

const FIELDS = [
  'reminderHours',
  'highRiskConfirmationHours',
  'postCareDelayHours',
  'followUpDays',
  'waitlistHoldMinutes',
  'quietStart',
  'quietEnd',
] as const;

function PlanForm({ plan, canEdit }: { plan: TReminderPlan; canEdit: boolean }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [hours, setHours] = useState(plan.reminderHours.join(', '));
  const [highRisk, setHighRisk] = useState<number | string>(plan.highRiskConfirmationHours ?? '');
  const [postCare, setPostCare] = useState<number | string>(plan.postCareDelayHours);
  const [followUp, setFollowUp] = useState<number | string>(plan.followUpDays);
  const [hold, setHold] = useState<number | string>(plan.waitlistHoldMinutes);
  const [quietStart, setQuietStart] = useState(plan.quietStart);
  const [quietEnd, setQuietEnd] = useState(plan.quietEnd);
  const save = useMutation(
    trpc.messaging.saveReminderPlan.mutationOptions({
      onSuccess: async () => {
        notifications.show({ color: 'green', message: t('messaging.plan.saved') });
        await queryClient.invalidateQueries(trpc.messaging.reminderPlan.queryFilter());
      },
    }),
  );
  const errors = toFormErrors(save.error, t, [...FIELDS]);
  const parsedHours = parseHoursList(hours);
  const hoursError = parsedHours ? errors.fields.reminderHours : t('messaging.plan.reminderHoursHint');
  return (
    <SectionCard title={t('messaging.tabs.plano')} icon={<IconClock size={18} />}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (!parsedHours) return;
          save.mutate({
            clinicId: plan.clinicId,
            reminderHours: parsedHours,
            highRiskConfirmationHours: highRisk === '' ? null : Number(highRisk),
            postCareDelayHours: Number(postCare),
            followUpDays: Number(followUp),
            waitlistHoldMinutes: Number(hold),
            quietStart,
            quietEnd,
          });
        }}
      >
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            {t('messaging.plan.hint')}
          </Text>
          {plan.isDefault && (
            <Badge variant="outline" color="gray" w="fit-content">
              {t('messaging.plan.defaultBadge')}
            </Badge>
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('messaging.plan.reminderHours')}
              description={t('messaging.plan.reminderHoursHint')}
              value={hours}
              onChange={(e) => setHours(e.currentTarget.value)}
              readOnly={!canEdit}
              error={hours && !parsedHours ? hoursError : errors.fields.reminderHours}
            />
            <NumberInput
              label={t('messaging.plan.highRisk')}
              description={t('messaging.plan.highRiskHint')}
              value={highRisk}
              onChange={setHighRisk}
              min={1}
              readOnly={!canEdit}
              error={errors.fields.highRiskConfirmationHours}
            />
            <NumberInput
              label={t('messaging.plan.postCare')}
              value={postCare}
              onChange={setPostCare}
              min={0}
              readOnly={!canEdit}
              error={errors.fields.postCareDelayHours}
            />
            <NumberInput
              label={t('messaging.plan.followUp')}
              value={followUp}
              onChange={setFollowUp}
              min={1}
              readOnly={!canEdit}
              error={errors.fields.followUpDays}
            />
            <NumberInput
              label={t('messaging.plan.waitlistHold')}
              value={hold}
              onChange={setHold}
              min={15}
              readOnly={!canEdit}
              error={errors.fields.waitlistHoldMinutes}
            />
            <div />
            <TimeField
              label={t('messaging.plan.quietStart')}
              value={quietStart}
              onChange={setQuietStart}
              readOnly={!canEdit}
              error={errors.fields.quietStart}
            />
            <TimeField
              label={t('messaging.plan.quietEnd')}
              value={quietEnd}
              onChange={setQuietEnd}
              readOnly={!canEdit}
              error={errors.fields.quietEnd}
            />
          </SimpleGrid>
          {errors.form && <Alert color="red">{errors.form}</Alert>}
          {canEdit ? (
            <Button type="submit" loading={save.isPending} w="fit-content">
              {t('messaging.plan.save')}
            </Button>
          ) : (
            <Text size="xs" c="dimmed">
              {t('messaging.plan.readOnly')}
            </Text>
          )}
        </Stack>
      </form>
    </SectionCard>
  );
}
