import { Alert, Center, Loader, PasswordInput, Text } from '@mantine/core';
import { IconMailOpened } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { toFormErrors, toUserError } from '../../trpc/to-user-error';
import { useTRPC } from '../../trpc/trpc';
import { AuthForm, AuthFrame } from './auth-frame';
import { MIN_PASSWORD_LENGTH, PasswordRules } from './password-rules';
import { useContinueSignIn } from './session-cache';

/** /convite/:token: the invitee sees who the invitation is for, chooses a password and is signed in. */
export function InvitationPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const { token = '' } = useParams();
  const invitation = useQuery(
    trpc.staff.invitation.queryOptions({ token }, { retry: false, staleTime: Infinity }),
  );
  const continueSignIn = useContinueSignIn();
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [localErrors, setLocalErrors] = useState<{ password?: string; confirmation?: string }>({});
  const accept = useMutation(trpc.staff.acceptInvitation.mutationOptions());
  const serverErrors = toFormErrors(accept.error, t, ['password'] as const);

  if (invitation.isPending) {
    return (
      <Center mih="100vh" aria-busy="true">
        <Loader />
      </Center>
    );
  }
  if (invitation.isError) {
    return (
      <AuthFrame>
        <Alert
          color="yellow"
          variant="light"
          radius="lg"
          icon={<IconMailOpened />}
          data-testid="invitation-error"
        >
          {toUserError(invitation.error, t)}
        </Alert>
      </AuthFrame>
    );
  }

  const submit = () => {
    const errors: typeof localErrors = {};
    if (password.length < MIN_PASSWORD_LENGTH) {
      errors.password = t('password.tooShort', { min: MIN_PASSWORD_LENGTH });
    }
    if (confirmation !== password) {
      errors.confirmation = t('password.mismatch');
    }
    setLocalErrors(errors);
    if (Object.keys(errors).length > 0) {
      return;
    }
    accept.mutate({ token, password }, { onSuccess: (result) => continueSignIn(result, '/') });
  };

  return (
    <AuthFrame>
      <AuthForm
        title={t('invitation.title')}
        description={t('invitation.description')}
        error={serverErrors.form}
        submitLabel={t('invitation.submit')}
        isSubmitting={accept.isPending}
        onSubmit={submit}
      >
        <div>
          <Text fw={600} size="lg" data-testid="invitation-name">
            {invitation.data.fullName}
          </Text>
          <Text c="dimmed">{invitation.data.email}</Text>
        </div>
        <PasswordInput
          label={t('password.new')}
          autoComplete="new-password"
          size="lg"
          value={password}
          onChange={(event) => setPassword(event.currentTarget.value)}
          error={localErrors.password ?? serverErrors.fields.password}
          autoFocus
        />
        <PasswordRules password={password} />
        <PasswordInput
          label={t('password.confirm')}
          autoComplete="new-password"
          size="lg"
          value={confirmation}
          onChange={(event) => setConfirmation(event.currentTarget.value)}
          error={localErrors.confirmation}
        />
      </AuthForm>
    </AuthFrame>
  );
}
