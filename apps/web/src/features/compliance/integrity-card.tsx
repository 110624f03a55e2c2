import { SectionCard } from '@clinia/ui';
import { Alert, Button, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconLink } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { toUserError } from '../../trpc/to-user-error';
import { useTRPC } from '../../trpc/trpc';

/** Re-computes the organisation's hash chain on demand and says whether anything was altered. */
export function IntegrityCard() {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const verify = useMutation(trpc.compliance.verify.mutationOptions());
  const duration = (ms: number) =>
    ms < 1000
      ? t('compliance.integrity.underASecond')
      : t('compliance.integrity.seconds', {
          seconds: (ms / 1000).toLocaleString(i18n.language, { maximumFractionDigits: 1 }),
        });
  return (
    <SectionCard title={t('compliance.integrity.title')} icon={<IconLink size={18} />}>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('compliance.integrity.hint')}
        </Text>
        <Button
          w="fit-content"
          variant="light"
          onClick={() => verify.mutate()}
          loading={verify.isPending}
          loaderProps={{ type: 'dots' }}
          data-testid="integrity-run"
        >
          {t('compliance.integrity.run')}
        </Button>
        {verify.isPending ? (
          <Text size="sm" c="dimmed" role="status">
            {t('compliance.integrity.running')}
          </Text>
        ) : null}
        {verify.isError ? (
          <Alert color="red" variant="light" role="alert">
            {toUserError(verify.error, t)}
          </Alert>
        ) : null}
        {verify.data?.ok ? (
          <Alert
            color="teal"
            variant="light"
            icon={<IconCircleCheck size={18} />}
            data-testid="integrity-result"
            role="status"
          >
            <Text size="sm" fw={500}>
              {t('compliance.integrity.ok', {
                count: verify.data.events,
                duration: duration(verify.data.durationMs),
              })}
            </Text>
            <Text size="xs" c="dimmed" mt={4}>
              {t('compliance.integrity.head', {
                seq: verify.data.head.seq,
                hash: verify.data.head.hash.slice(0, 16),
              })}
            </Text>
          </Alert>
        ) : verify.data?.problem ? (
          <Alert
            color="red"
            variant="light"
            icon={<IconAlertTriangle size={18} />}
            data-testid="integrity-result"
            role="alert"
          >
            <Text size="sm" fw={500}>
              {t('compliance.integrity.broken', { description: verify.data.problem.description })}
            </Text>
            <Text size="xs" mt={4}>
              {t('compliance.integrity.brokenHint')}
            </Text>
          </Alert>
        ) : null}
      </Stack>
    </SectionCard>
  );
}
