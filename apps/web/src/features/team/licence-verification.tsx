import { formatIsoDate, parsePtBrDate } from '@clinia/ui';
import { Alert, Button, Group, SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { IconAlertCircle, IconRefresh } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toFormErrors, toUserError } from '../../trpc/to-user-error';
import { useTRPC } from '../../trpc/trpc';
import type { TStaffLicence } from './team-types';

export type TLicenceVerificationProps = {
  licence: TStaffLicence;
  timeZone: string;
};

/** Checks a licence: automatically with the CFM when the council has a web service, else a recorded manual check. */
export function LicenceVerification({ licence, timeZone }: TLicenceVerificationProps) {
  return licence.canCheckAutomatically ? (
    <AutomaticCheck licence={licence} />
  ) : (
    <ManualCheck licence={licence} timeZone={timeZone} />
  );
}

function AutomaticCheck({ licence }: { licence: TStaffLicence }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const verify = useMutation(
    trpc.staff.verifyLicence.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.staff.list.queryFilter()),
    }),
  );
  return (
    <Stack gap="sm">
      <Group>
        <Button
          variant="light"
          leftSection={<IconRefresh size={18} />}
          loading={verify.isPending}
          onClick={() => verify.mutate({ licenceId: licence.id })}
        >
          {t('team.verify.cfm')}
        </Button>
      </Group>
      {verify.isSuccess ? (
        <Alert
          color={verify.data.status === 'ativa' ? 'green' : 'yellow'}
          variant="light"
          data-testid="cfm-message"
        >
          {verify.data.message}
        </Alert>
      ) : null}
      {verify.isError ? (
        <Alert color="red" variant="light" icon={<IconAlertCircle />} role="alert">
          {toUserError(verify.error, t)}
        </Alert>
      ) : null}
    </Stack>
  );
}

function ManualCheck({ licence, timeZone }: TLicenceVerificationProps) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const today = formatIsoDate(new Date(), timeZone);
  const [proof, setProof] = useState('');
  const [verifiedOn, setVerifiedOn] = useState<string | null>(today);
  const [result, setResult] = useState<'regular' | 'irregular'>('regular');
  const verify = useMutation(
    trpc.staff.verifyLicenceManually.mutationOptions({
      onSuccess: () => {
        setProof('');
        return queryClient.invalidateQueries(trpc.staff.list.queryFilter());
      },
    }),
  );
  const errors = toFormErrors(verify.error, t, ['proof', 'verifiedOn'] as const);

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (verifiedOn) {
          verify.mutate({ licenceId: licence.id, proof, verifiedOn, isActive: result === 'regular' });
        }
      }}
    >
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('team.verify.manualHint', { council: licence.council })}
        </Text>
        <Textarea
          label={t('team.verify.proof')}
          placeholder={t('team.verify.proofPlaceholder')}
          autosize
          minRows={2}
          value={proof}
          onChange={(event) => setProof(event.currentTarget.value)}
          error={errors.fields.proof}
        />
        <Group grow align="flex-start">
          <DateInput
            label={t('team.verify.date')}
            valueFormat="DD/MM/YYYY"
            dateParser={parsePtBrDate}
            value={verifiedOn}
            onChange={setVerifiedOn}
            maxDate={today}
            error={errors.fields.verifiedOn}
          />
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              {t('team.verify.isRegular')}
            </Text>
            <SegmentedControl
              value={result}
              onChange={(value) => setResult(value as 'regular' | 'irregular')}
              data={[
                { value: 'regular', label: t('common.yes') },
                { value: 'irregular', label: t('common.no') },
              ]}
            />
          </Stack>
        </Group>
        {errors.form ? (
          <Alert color="red" variant="light" icon={<IconAlertCircle />} role="alert">
            {errors.form}
          </Alert>
        ) : null}
        {verify.isSuccess ? (
          <Alert color="green" variant="light">
            {t('team.verify.recorded')}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button type="submit" variant="light" loading={verify.isPending} disabled={!verifiedOn}>
            {t('team.verify.record')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
