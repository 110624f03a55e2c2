import { SectionCard } from '@clinia/ui';
import { Badge, Button, Stack, Text } from '@mantine/core';
import { IconShieldCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { MFA_ENROLMENT_PATH } from '../identity/sign-in-flow';
import { useSignedInUser } from '../identity/use-me';

export function MfaStatusCard() {
  const { t } = useTranslation();
  const me = useSignedInUser();
  return (
    <SectionCard
      title={t('account.mfa.title')}
      icon={<IconShieldCheck size={18} />}
      aside={
        <Badge
          tt="none"
          color={me.isMfaEnrolled ? 'green' : 'stone'}
          variant="light"
          data-testid="mfa-status"
        >
          {me.isMfaEnrolled ? t('account.mfa.enabled') : t('account.mfa.disabled')}
        </Badge>
      }
    >
      <Stack gap="lg" align="flex-start">
        <Text c="dimmed" size="sm">
          {me.isMfaEnrolled ? t('account.mfa.enabledDetail') : t('account.mfa.disabledDetail')}
        </Text>
        <Button component={Link} to={MFA_ENROLMENT_PATH} state={{ from: '/conta' }} variant="light">
          {me.isMfaEnrolled ? t('account.mfa.reconfigure') : t('account.mfa.configure')}
        </Button>
      </Stack>
    </SectionCard>
  );
}
