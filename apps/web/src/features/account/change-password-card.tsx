import { SectionCard } from '@clinia/ui';
import { Alert, Button, Group, PasswordInput, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconKey } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toFormErrors } from '../../trpc/to-user-error';
import { useTRPC } from '../../trpc/trpc';
import { MIN_PASSWORD_LENGTH, PasswordRules } from '../identity/password-rules';

type TLocalErrors = { newPassword?: string; confirmation?: string };

export function ChangePasswordCard() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [localErrors, setLocalErrors] = useState<TLocalErrors>({});
  const change = useMutation(trpc.auth.changePassword.mutationOptions());
  const serverErrors = toFormErrors(change.error, t, ['currentPassword', 'newPassword'] as const);

  const submit = () => {
    const errors: TLocalErrors = {};
    if (newPassword.length < MIN_PASSWORD_LENGTH) {
      errors.newPassword = t('password.tooShort', { min: MIN_PASSWORD_LENGTH });
    }
    if (confirmation !== newPassword) {
      errors.confirmation = t('password.mismatch');
    }
    setLocalErrors(errors);
    if (Object.keys(errors).length > 0) {
      return;
    }
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          setCurrentPassword('');
          setNewPassword('');
          setConfirmation('');
          notifications.show({
            color: 'green',
            title: t('account.password.changed'),
            message: t('account.password.changedDetail'),
          });
          void queryClient.invalidateQueries(trpc.auth.mySessions.queryFilter());
        },
      },
    );
  };

  return (
    <SectionCard title={t('account.password.title')} icon={<IconKey size={18} />}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Stack gap="md">
          <PasswordInput
            label={t('account.password.current')}
            autoComplete="current-password"
            value={currentPassword}
            onChange={(event) => setCurrentPassword(event.currentTarget.value)}
            error={serverErrors.fields.currentPassword}
            required
          />
          <PasswordInput
            label={t('password.new')}
            autoComplete="new-password"
            value={newPassword}
            onChange={(event) => setNewPassword(event.currentTarget.value)}
            error={localErrors.newPassword ?? serverErrors.fields.newPassword}
            required
          />
          <PasswordRules password={newPassword} />
          <PasswordInput
            label={t('password.confirm')}
            autoComplete="new-password"
            value={confirmation}
            onChange={(event) => setConfirmation(event.currentTarget.value)}
            error={localErrors.confirmation}
            required
          />
          {serverErrors.form ? (
            <Alert color="red" variant="light" icon={<IconAlertCircle />} role="alert">
              {serverErrors.form}
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button type="submit" loading={change.isPending} disabled={currentPassword.length === 0}>
              {t('account.password.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </SectionCard>
  );
}
