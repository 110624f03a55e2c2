import {
  Alert,
  Anchor,
  Button,
  Center,
  Group,
  Loader,
  PinInput,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { toFormErrors, toUserError } from '../../trpc/to-user-error';
import { isProcedureKey, useTRPC } from '../../trpc/trpc';
import { AuthCard, AuthFrame } from './auth-frame';
import { isRecoveryCodeShape } from './mfa-secret';
import { authStateOf, pathAfterSignIn, SIGN_IN_PATH } from './sign-in-flow';
import { useMe } from './use-me';
import { useSignOut } from './use-sign-out';

/** /entrar/verificacao: the second step of sign-in, a code from the app or a recovery code. */
export function MfaVerifyPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const location = useLocation();
  const { from } = authStateOf(location.state);
  const me = useMe();
  const signOut = useSignOut();
  const [isRecovery, setIsRecovery] = useState(false);
  const [code, setCode] = useState('');
  const [recoveryCode, setRecoveryCode] = useState('');
  const verify = useMutation(trpc.auth.verifyMfa.mutationOptions());
  const errors = toFormErrors(verify.error, t, ['code'] as const);
  const errorMessage = errors.fields.code ?? errors.form;

  if (me.isPending) {
    return (
      <Center mih="100vh" aria-busy="true">
        <Loader />
      </Center>
    );
  }
  if (me.isError) {
    return <Navigate to={SIGN_IN_PATH} replace state={{ reason: toUserError(me.error, t), from }} />;
  }
  if (me.data.next !== 'mfa') {
    return <Navigate to={pathAfterSignIn(me.data.next, from)} replace state={{ from }} />;
  }

  const submit = (value: string) => {
    if (verify.isPending) {
      return;
    }
    verify.mutate(
      { code: value.trim() },
      {
        onSuccess: async (result) => {
          if (isRecovery) {
            notifications.show({
              color: result.remainingRecoveryCodes <= 3 ? 'yellow' : 'sage',
              title: t('mfaVerify.recoveryUsed'),
              message: t('mfaVerify.recoveryRemaining', { count: result.remainingRecoveryCodes }),
            });
          }
          // The refreshed `auth.me` says next = done, and this page forwards to where the user was going.
          await queryClient.refetchQueries({ predicate: (q) => isProcedureKey(q.queryKey, 'auth.me') });
        },
        onError: () => setCode(''),
      },
    );
  };

  const canSubmit = isRecovery ? isRecoveryCodeShape(recoveryCode) : /^\d{6}$/.test(code);

  return (
    <AuthFrame>
      <AuthCard
        title={t('mfaVerify.title')}
        description={isRecovery ? t('mfaVerify.recoveryDescription') : t('mfaVerify.description')}
      >
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            if (canSubmit) {
              submit(isRecovery ? recoveryCode : code);
            }
          }}
        >
          <Stack gap="lg">
            <Text size="sm" c="dimmed">
              {t('mfaVerify.signedInAs', { name: me.data.fullName })}
            </Text>
            {isRecovery ? (
              <TextInput
                label={t('mfaVerify.recoveryLabel')}
                placeholder="ABCDE-FGHIJ"
                size="lg"
                autoComplete="off"
                autoCapitalize="characters"
                spellCheck={false}
                value={recoveryCode}
                onChange={(event) => setRecoveryCode(event.currentTarget.value)}
                error={errorMessage}
                styles={{
                  input: { fontFamily: 'var(--mantine-font-family-monospace)', letterSpacing: '0.08em' },
                }}
                autoFocus
              />
            ) : (
              <Stack gap="xs">
                <Text component="label" htmlFor="mfa-code" fw={500} size="sm">
                  {t('mfaVerify.codeLabel')}
                </Text>
                <PinInput
                  id="mfa-code"
                  length={6}
                  type="number"
                  inputMode="numeric"
                  oneTimeCode
                  size="xl"
                  gap="sm"
                  value={code}
                  onChange={setCode}
                  onComplete={(value) => submit(value)}
                  error={Boolean(errorMessage)}
                  disabled={verify.isPending}
                  ariaLabel={t('mfaVerify.codeLabel')}
                  autoFocus
                />
              </Stack>
            )}
            {errorMessage && !isRecovery ? (
              <Alert color="red" variant="light" icon={<IconAlertCircle />} role="alert">
                {errorMessage}
              </Alert>
            ) : null}
            <Button type="submit" size="lg" fullWidth loading={verify.isPending} disabled={!canSubmit}>
              {t('mfaVerify.submit')}
            </Button>
            <Group justify="space-between" gap="sm">
              <Anchor
                component="button"
                type="button"
                size="sm"
                onClick={() => {
                  setIsRecovery((value) => !value);
                  verify.reset();
                }}
              >
                {isRecovery ? t('mfaVerify.useApp') : t('mfaVerify.useRecovery')}
              </Anchor>
              <Anchor component="button" type="button" size="sm" c="dimmed" onClick={() => signOut.mutate()}>
                {t('mfaVerify.otherAccount')}
              </Anchor>
            </Group>
          </Stack>
        </form>
      </AuthCard>
    </AuthFrame>
  );
}
