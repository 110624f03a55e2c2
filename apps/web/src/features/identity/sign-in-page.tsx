import { ZLoginInput } from '@clinia/contracts';
import { Alert, Box, Group, PasswordInput, TextInput } from '@mantine/core';
import { IconClockHour4 } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { useSystemInfo } from '../../shell/use-system-info';
import { toFormErrors } from '../../trpc/to-user-error';
import { useTRPC } from '../../trpc/trpc';
import { AuthForm, AuthFrame } from './auth-frame';
import { DemoAccountsCard } from './demo-accounts-card';
import { useContinueSignIn } from './session-cache';
import { authStateOf } from './sign-in-flow';

type TField = 'email' | 'password';

/** /entrar: e-mail and password, large targets for the reception tablet. */
export function SignInPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const location = useLocation();
  const { reason, from } = authStateOf(location.state);
  const systemInfo = useSystemInfo();
  const demo = systemInfo.data?.demo ?? null;
  const continueSignIn = useContinueSignIn();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [localErrors, setLocalErrors] = useState<Partial<Record<TField, string>>>({});
  const signIn = useMutation(trpc.auth.signIn.mutationOptions());
  const serverErrors = toFormErrors(signIn.error, t, ['email', 'password'] as const);
  const fieldErrors = { ...serverErrors.fields, ...localErrors };

  const submit = () => {
    const parsed = ZLoginInput.safeParse({ email, password });
    if (!parsed.success) {
      const errors: Partial<Record<TField, string>> = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0];
        if ((field === 'email' || field === 'password') && !errors[field]) {
          errors[field] = issue.message;
        }
      }
      setLocalErrors(errors);
      return;
    }
    setLocalErrors({});
    signIn.mutate(parsed.data, { onSuccess: (result) => continueSignIn(result, from) });
  };

  const fill = (demoEmail: string, demoPassword: string) => {
    setEmail(demoEmail);
    setPassword(demoPassword);
    setLocalErrors({});
    signIn.reset();
  };

  const form = (
    <AuthForm
      title={t('signIn.title')}
      description={t('signIn.description')}
      error={serverErrors.form}
      submitLabel={t('signIn.submit')}
      isSubmitting={signIn.isPending}
      onSubmit={submit}
    >
      {reason && !signIn.isError ? (
        <Alert color="sage" variant="light" icon={<IconClockHour4 />} data-testid="sign-in-reason">
          {reason}
        </Alert>
      ) : null}
      <TextInput
        label={t('signIn.email')}
        type="email"
        autoComplete="username"
        inputMode="email"
        autoCapitalize="none"
        spellCheck={false}
        size="lg"
        value={email}
        onChange={(event) => setEmail(event.currentTarget.value)}
        error={fieldErrors.email}
        autoFocus
      />
      <PasswordInput
        label={t('signIn.password')}
        autoComplete="current-password"
        size="lg"
        value={password}
        onChange={(event) => setPassword(event.currentTarget.value)}
        error={fieldErrors.password}
      />
    </AuthForm>
  );

  if (!demo) {
    return <AuthFrame>{form}</AuthFrame>;
  }
  return (
    <AuthFrame maxWidth={920}>
      <Group align="flex-start" justify="center" gap="xl" wrap="wrap">
        <Box w={460} maw="100%">
          {form}
        </Box>
        <Box w={380} maw="100%">
          <DemoAccountsCard demo={demo} onPick={fill} />
        </Box>
      </Group>
    </AuthFrame>
  );
}
